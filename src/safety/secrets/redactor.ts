// The redactor: finds secrets in layers, replaces each by a stable placeholder, and puts issued
// placeholders back when the model writes them into a file or a command. Values stay in this object.
import { createKnownValueMatcher } from './known-values.js';
import { findKeywordSecrets } from './keyword-rules.js';
import { formatPlaceholder, containsPlaceholder, PLACEHOLDER_PATTERN } from './placeholder.js';
import { findProviderSecrets } from './provider-rules.js';
import { findSecretlintSecrets } from './secretlint-rules.js';
import { findStructuralSecrets } from './structural-rules.js';
import type { KnownSecret, RedactResult, Redactor, RestoreResult, SecretCandidate, SecretFinding } from './types.js';

export interface RedactorOptions {
  /** Exact values to redact wherever they appear: secret environment variables, denied files' contents. */
  knownValues?: KnownSecret[];
  /** Run secretlint's recommended preset as an extra layer (default true). */
  secretlint?: boolean;
}

/** Every candidate span any layer proposes, before overlaps are resolved. */
export function detectSecrets(text: string, origin: string, options: { known?: ReturnType<typeof createKnownValueMatcher>; secretlint?: boolean } = {}): SecretCandidate[] {
  const candidates = [
    ...(options.known?.find(text) ?? []),
    ...findStructuralSecrets(text),
    ...findProviderSecrets(text),
    ...findKeywordSecrets(text),
    ...(options.secretlint === false ? [] : findSecretlintSecrets(text, origin)),
  ];
  return resolveOverlaps(candidates.filter((candidate) => !containsPlaceholder(text.slice(candidate.start, candidate.end))));
}

export function createRedactor(options: RedactorOptions = {}): Redactor {
  const known = createKnownValueMatcher(options.knownValues ?? []);
  const placeholderByValue = new Map<string, string>();
  const valueByPlaceholder = new Map<string, string>();
  const countByKind = new Map<string, number>();

  function placeholderFor(value: string, kind: string): string {
    const existing = placeholderByValue.get(value);
    if (existing !== undefined) return existing;
    const index = (countByKind.get(kind) ?? 0) + 1;
    countByKind.set(kind, index);
    const placeholder = formatPlaceholder(kind, index);
    placeholderByValue.set(value, placeholder);
    valueByPlaceholder.set(placeholder, value);
    return placeholder;
  }

  return {
    redact(text: string, origin: string): RedactResult {
      const spans = detectSecrets(text, origin, { known, secretlint: options.secretlint });
      if (spans.length === 0) return { text, findings: [] };
      const lineStarts = computeLineStarts(text);
      const findings: SecretFinding[] = [];
      let output = '';
      let cursor = 0;
      for (const span of spans) {
        const placeholder = placeholderFor(text.slice(span.start, span.end), span.kind);
        output += text.slice(cursor, span.start) + placeholder;
        cursor = span.end;
        const { line, column } = position(lineStarts, span.start);
        findings.push({ kind: placeholder.split(':')[1] ?? span.kind, placeholder, line, column, origin, rule: span.rule });
      }
      return { text: output + text.slice(cursor), findings };
    },

    restore(text: string): RestoreResult {
      let restored = 0;
      const unknown = new Set<string>();
      const output = text.replace(PLACEHOLDER_PATTERN, (placeholder) => {
        const value = valueByPlaceholder.get(placeholder);
        if (value === undefined) {
          unknown.add(placeholder);
          return placeholder;
        }
        restored++;
        return value;
      });
      return { text: output, restored, unknown: [...unknown] };
    },
  };
}

/** Highest priority first, then the longest; a span overlapping one already taken is dropped. */
function resolveOverlaps(candidates: SecretCandidate[]): SecretCandidate[] {
  const ordered = [...candidates].sort((a, b) => b.priority - a.priority || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const taken: SecretCandidate[] = [];
  for (const candidate of ordered) {
    if (taken.some((other) => candidate.start < other.end && other.start < candidate.end)) continue;
    // A known value that a format rule also recognises gets the more telling kind.
    const sameSpan = candidate.kind === 'known_secret' ? ordered.find((other) => other !== candidate && other.kind !== 'known_secret' && other.start === candidate.start && other.end === candidate.end) : undefined;
    taken.push(sameSpan ? { ...candidate, kind: sameSpan.kind } : candidate);
  }
  return taken.sort((a, b) => a.start - b.start);
}

function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
  return starts;
}

function position(lineStarts: number[], offset: number): { line: number; column: number } {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((lineStarts[middle] ?? 0) <= offset) low = middle;
    else high = middle - 1;
  }
  return { line: low + 1, column: offset - (lineStarts[low] ?? 0) + 1 };
}
