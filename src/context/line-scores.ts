// How strongly each line of one file matches a query, and where in a long stretch of lines the
// matches are densest: the raw material span selection works from.
import { termMentions } from './signals.js';

/**
 * A score per line (0-based like `lines`): each mention of a query term, weighted by how rare the term
 * is in this file. A word on every other line ("request" in an HTTP client) says little about where
 * in the file a task belongs; one that appears on three lines says a lot.
 */
export function lineScores(lines: readonly string[], terms: readonly string[]): number[] {
  const mentions = lines.map((line) => termMentions(line, terms));
  const linesWith = new Map<string, number>();
  for (const found of mentions) for (const term of found.keys()) linesWith.set(term, (linesWith.get(term) ?? 0) + 1);
  const weight = new Map<string, number>();
  for (const [term, count] of linesWith) weight.set(term, Math.log(1 + lines.length / count));
  return mentions.map((found) => {
    let score = 0;
    for (const [term, count] of found) score += count * weight.get(term)!;
    return score;
  });
}

/** First line (1-based) of the `size`-line window within `start..end` whose lines score highest; the earliest on ties. */
export function densestWindow(scores: readonly number[], start: number, end: number, size: number): number {
  if (end - start + 1 <= size) return start;
  let sum = 0;
  for (let line = start; line < start + size; line++) sum += scores[line - 1] ?? 0;
  let best = start;
  let bestSum = sum;
  for (let first = start + 1; first + size - 1 <= end; first++) {
    sum += (scores[first + size - 2] ?? 0) - (scores[first - 2] ?? 0);
    if (sum > bestSum) {
      best = first;
      bestSum = sum;
    }
  }
  return best;
}
