// Layer 1: exact values summon already knows are secret (its environment, files it denies),
// also in the encodings they commonly travel in (URL-encoded, base64).
import { PRIORITY, type KnownSecret, type SecretCandidate } from './types.js';

const MIN_KNOWN_LENGTH = 8;

export interface KnownValueMatcher {
  find(text: string): SecretCandidate[];
}

export function createKnownValueMatcher(known: readonly KnownSecret[]): KnownValueMatcher {
  const needles: Array<{ value: string; rule: string }> = [];
  for (const { name, value } of known) {
    if (value.length < MIN_KNOWN_LENGTH) continue;
    const variants = new Set([value, encodeURIComponent(value), Buffer.from(value).toString('base64').replace(/=+$/, '')]);
    for (const variant of variants) needles.push({ value: variant, rule: `known-value:${name}` });
  }
  // Longest first, so a value that contains another known value is taken whole.
  needles.sort((a, b) => b.value.length - a.value.length);
  return {
    find(text) {
      const found: SecretCandidate[] = [];
      for (const needle of needles) {
        for (let index = text.indexOf(needle.value); index !== -1; index = text.indexOf(needle.value, index + needle.value.length)) {
          found.push({ start: index, end: index + needle.value.length, kind: 'known_secret', rule: needle.rule, priority: PRIORITY.known });
        }
      }
      return found;
    },
  };
}
