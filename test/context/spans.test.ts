import { describe, expect, it } from 'vitest';
import { densestWindow, lineScores } from '../../src/context/line-scores.js';
import { relevantSpans, type SymbolRow } from '../../src/context/spans.js';

const fn = (name: string, startLine: number, endLine: number): SymbolRow => ({ name, kind: 'function', signature: `function ${name}()`, startLine, endLine, parent: null });

/** A file of `count` lines of filler, with the given lines replaced. */
function file(count: number, at: Record<number, string>): string[] {
  return Array.from({ length: count }, (_, index) => at[index + 1] ?? `  filler${index}();`);
}

describe('lineScores', () => {
  it('weighs a mention by how rare the term is in the file', () => {
    const lines = file(100, Object.fromEntries(Array.from({ length: 20 }, (_, i) => [i * 5 + 1, 'request()'])));
    lines[2] = 'redirect()';
    const scores = lineScores(lines, ['request', 'redirect']);
    expect(scores[2]).toBeGreaterThan(scores[0]! * 2);
    expect(scores[0]).toBeGreaterThan(0);
    expect(scores[1]).toBe(0);
  });
});

describe('densestWindow', () => {
  it('finds the window of lines with the most score, the earliest on ties, within the range', () => {
    const scores = [0, 0, 1, 0, 0, 0, 3, 1, 0, 0];
    expect(densestWindow(scores, 1, 10, 3)).toBe(6);
    expect(densestWindow(scores, 1, 5, 3)).toBe(1);
    expect(densestWindow(scores, 1, 10, 20)).toBe(1);
    expect(densestWindow([0, 0, 0, 0], 2, 4, 2)).toBe(2);
  });
});

describe('relevantSpans', () => {
  it('shows a definition too long to show whole where the query matches, not its first lines', () => {
    const lines = file(300, { 10: 'function render() {', 200: '  retryBackoff(delay);', 205: '  retryBackoff(delay * 2);', 290: '}' });
    const [span] = relevantSpans(lines, [fn('render', 10, 290)], ['retry', 'backoff', 'retrybackoff'], new Set());
    expect(span?.symbol).toBe('render');
    expect(span!.start).toBeGreaterThan(10);
    expect(span!.start).toBeLessThanOrEqual(200);
    expect(span!.end).toBeGreaterThanOrEqual(205);
    expect(span!.end - span!.start + 1).toBeLessThanOrEqual(80);
  });

  it('starts a long definition at its head, comments included, when the matches are there', () => {
    const lines = file(300, { 9: '// renders the page', 10: 'function render() {', 12: '  retry();', 290: '}' });
    const spans = relevantSpans(lines, [fn('render', 10, 290)], ['retry'], new Set());
    expect(spans).toEqual([expect.objectContaining({ start: 9, end: 89, symbol: 'render' })]);
  });

  it('puts the definition with the rare query word before one repeating a word the whole file uses', () => {
    // Every definition calls request(); only `follow` mentions redirect.
    const symbols: SymbolRow[] = [];
    const at: Record<number, string> = {};
    for (let i = 0; i < 12; i++) {
      const start = i * 8 + 1;
      symbols.push(fn(i === 3 ? 'send' : i === 7 ? 'follow' : `step${i}`, start, start + 6));
      at[start + 1] = '  request();';
    }
    at[3 * 8 + 3] = '  request();';
    at[7 * 8 + 3] = '  redirect();';
    const spans = relevantSpans(file(100, at), symbols, ['request', 'redirect'], new Set());
    expect(spans[0]?.symbol).toBe('follow');
  });
});
