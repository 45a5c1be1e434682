// How random a string looks: Shannon entropy and character-class mix, for keyword-plus-entropy rules.

/** Bits of Shannon entropy per character. */
export function shannonEntropy(value: string): number {
  if (value.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const char of value) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** How many of lower, upper, digit, symbol the value mixes. */
export function characterClasses(value: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((pattern) => pattern.test(value)).length;
}

/** A token-like value random enough to be a machine-made secret (keys, tokens), not a word or a name. */
export function looksRandom(value: string, minLength = 16): boolean {
  if (value.length < minLength) return false;
  if (characterClasses(value) < 2) return /^[0-9a-f]+$/i.test(value) && value.length >= 32 && shannonEntropy(value) > 3;
  return shannonEntropy(value) >= 3.2;
}
