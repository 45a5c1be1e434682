// Chooses the relevant spans of a file for a query: the definitions whose text matches the query
// best, or windows around matching lines outside any definition; small files whole.
import type { ContextIndex } from './context-index.js';
import { densestWindow, lineScores } from './line-scores.js';

export interface Span {
  start: number;
  end: number;
  /** Higher is more relevant. */
  score: number;
  /** The definition the span covers, when it is one. */
  symbol?: string;
}

export interface SymbolRow {
  name: string;
  kind: string;
  signature: string;
  startLine: number;
  endLine: number;
  parent: string | null;
}

export const WHOLE_FILE_LINES = 60;
const MAX_SPAN_LINES = 80;
const WINDOW = 8;

export function symbolsOf(index: ContextIndex, file: string): SymbolRow[] {
  return index.db
    .prepare(
      `SELECT s.name, s.kind, s.signature, s.start_line AS startLine, s.end_line AS endLine, s.parent FROM symbols s JOIN files f ON f.id = s.file_id
       WHERE f.path = ? ORDER BY s.start_line`,
    )
    .all(file) as SymbolRow[];
}

/** Relevant spans of one file, best first, not overlapping. */
export function relevantSpans(lines: readonly string[], symbols: readonly SymbolRow[], terms: readonly string[], named: ReadonlySet<string>): Span[] {
  if (lines.length <= WHOLE_FILE_LINES) return [{ start: 1, end: lines.length, score: 1 }];
  const lineScore = lineScores(lines, terms);
  const hitLines = lineScore.flatMap((score, at) => (score > 0 ? [at + 1] : []));
  const spans: Span[] = [];
  // Innermost definitions first: a method rather than its whole class.
  const definitions = symbols.filter((symbol) => symbol.endLine - symbol.startLine < 400).sort((a, b) => a.endLine - a.startLine - (b.endLine - b.startLine));
  for (const symbol of definitions) {
    let score = named.has(symbol.name) ? 5 : 0;
    let distinct = 0;
    for (let line = symbol.startLine; line <= symbol.endLine; line++) {
      score += lineScore[line - 1] ?? 0;
      if ((lineScore[line - 1] ?? 0) > 0) distinct++;
    }
    if (score === 0) continue;
    const length = symbol.endLine - symbol.startLine + 1;
    // A definition too long to show whole is shown where the query's words are densest: the change a
    // task asks for is more often there than in the first lines (long switch/template functions).
    const first = densestWindow(lineScore, symbol.startLine, symbol.endLine, MAX_SPAN_LINES);
    const start = first === symbol.startLine ? Math.max(1, symbol.startLine - docLines(lines, symbol.startLine)) : first;
    spans.push({ start, end: Math.min(symbol.endLine, first + MAX_SPAN_LINES - 1), score: (score + distinct) / Math.sqrt(length), symbol: symbol.name });
  }
  // Matching lines no definition covers (top-level code, config): a window around each.
  for (const line of hitLines) {
    if (symbols.some((symbol) => line >= symbol.startLine && line <= symbol.endLine && symbol.endLine - symbol.startLine < 400)) continue;
    spans.push({ start: Math.max(1, line - WINDOW), end: Math.min(lines.length, line + WINDOW), score: lineScore[line - 1]! / Math.sqrt(2 * WINDOW) });
  }
  spans.sort((a, b) => b.score - a.score || a.start - b.start);
  const chosen: Span[] = [];
  for (const span of spans) if (!chosen.some((other) => span.start <= other.end && other.start <= span.end)) chosen.push(span);
  return chosen;
}

/** Comment or decorator lines right above a definition belong with it. */
function docLines(lines: readonly string[], startLine: number): number {
  let count = 0;
  for (let at = startLine - 2; at >= 0 && count < 12; at--) {
    const text = lines[at]!.trim();
    if (!/^(\/\/|\/\*|\*|#|@|\/\/\/)/.test(text)) break;
    count++;
  }
  return count;
}
