// Orders a group's attempts: highest reward first; ties go to the smaller diff, then fewer tokens,
// then the earlier attempt.
import type { AttemptResult } from './types.js';

export function compareAttempts(a: AttemptResult, b: AttemptResult): number {
  return b.reward - a.reward || a.diff.lines - b.diff.lines || a.tokens - b.tokens || a.index - b.index;
}

export function rankAttempts(attempts: readonly AttemptResult[]): AttemptResult[] {
  return attempts.filter((attempt) => attempt.verification !== undefined).sort(compareAttempts);
}
