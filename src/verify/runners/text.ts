// Small text helpers the parsers share: colour codes out, line endings normalised.

const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]/g;

/** Output as plain text: ANSI colour codes removed, CRLF → LF. */
export function plain(output: string): string {
  return output.replace(ANSI, '').replace(/\r\n?/g, '\n');
}

/** The first `max` non-empty lines of a message, trimmed, joined by newlines. */
export function firstLines(text: string, max: number): string {
  return text
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line.trim() !== '')
    .slice(0, max)
    .map((line) => line.trim())
    .join('\n');
}

export function toInt(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number.parseInt(value, 10);
  return Number.isFinite(parsed) ? parsed : undefined;
}

/** Passed/failed/skipped counts from a "Tests: 3 passed, 1 failed, 2 skipped" style summary (jest, vitest). */
export function summaryCounts(summary: string): { passed: number; failed: number; skipped: number } {
  const count = (word: string): number => toInt(new RegExp(`(\\d+) ${word}`).exec(summary)?.[1]) ?? 0;
  return { passed: count('passed'), failed: count('failed'), skipped: count('skipped') + count('todo') };
}
