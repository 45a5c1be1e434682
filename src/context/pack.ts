// Packs what a model should see for a task into a token budget: a repo map of signatures for the
// relevant part of the tree, the relevant spans of the top files, the type definitions they use, and
// recent commits touching them, with a manifest saying what each piece cost and why it is there.
import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ContextIndex } from './context-index.js';
import { queryTerms } from './query-terms.js';
import { rankContext, type RankedFile } from './rank.js';
import { relevantSpans, symbolsOf, type Span, type SymbolRow } from './spans.js';
import { tokenCounter, type TokenizerChoice } from './tokens.js';
import { words } from './tokenize.js';

export interface PackOptions {
  budgetTokens: number;
  /** Tokenizer of the model family (default o200k_base). */
  tokenizer?: TokenizerChoice;
  /** How many ranked files to draw from (default 8). */
  top?: number;
}

export type PackEntryKind = 'map' | 'span' | 'type' | 'commits';

export interface PackEntry {
  kind: PackEntryKind;
  path: string;
  /** 1-based inclusive line range, for spans and types. */
  lines?: [number, number];
  tokens: number;
  why: string;
}

export interface Pack {
  text: string;
  tokens: number;
  manifest: PackEntry[];
  ranked: RankedFile[];
}

interface Piece extends PackEntry {
  text: string;
  priority: number;
}

/** Spans offered per ranked file; the budget decides how many make it. */
const SPANS_PER_FILE = 12;
/**
 * Signatures listed per file in the repo map. Forty per file for eight files took over a quarter of
 * an 8k budget and crowded out the code the task needs; the ones listed are the most relevant.
 */
const MAP_SIGNATURES = 12;

const SECTION_ORDER: readonly PackEntryKind[] = ['map', 'span', 'type', 'commits'];
const SECTION_TITLE: Record<PackEntryKind, string> = {
  map: '## Repository map (signatures of the relevant files)',
  span: '## Relevant code',
  type: '## Types and definitions the code above uses',
  commits: '## Recent commits touching these files',
};

export async function packContext(index: ContextIndex, query: string, options: PackOptions): Promise<Pack> {
  const count = await tokenCounter(options.tokenizer);
  const terms = queryTerms(query);
  const ranked = rankContext(index, query, { top: options.top ?? 8 });
  const pieces: Piece[] = [];
  const usedNames = new Set<string>();
  const included = new Set(ranked.map((entry) => entry.path));
  for (const [position, entry] of ranked.entries()) {
    const weight = 1 / (position + 1);
    const symbols = symbolsOf(index, entry.path);
    const text = await fs.readFile(path.join(index.root, entry.path), 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    const lines = text.split('\n');
    const named = new Set(entry.symbols);
    const spans = relevantSpans(lines, symbols, terms.terms, named);
    pieces.push(mapPiece(entry, mostRelevantFirst(symbols, spans, named), weight));
    spans.slice(0, SPANS_PER_FILE).forEach((span, order) => {
      const body = lines.slice(span.start - 1, span.end).join('\n');
      for (const word of words(body)) usedNames.add(word);
      const whole = span.start === 1 && span.end === lines.length;
      pieces.push({
        kind: 'span',
        path: entry.path,
        lines: [span.start, span.end],
        tokens: 0,
        why: whole ? `the whole file (small); ranked #${position + 1}: ${entry.reasons[0] ?? ''}` : `${span.symbol ? `\`${span.symbol}\`` : 'lines'} matching the query in the #${position + 1} file`,
        text: `### ${entry.path}:${span.start}-${span.end}\n\`\`\`\n${numbered(body, span.start)}\n\`\`\``,
        priority: weight * (order === 0 ? 3 : 1.5 / order),
      });
    });
  }
  pieces.push(...typePieces(index, usedNames, included));
  const commits = commitPiece(index, ranked.slice(0, 5).map((entry) => entry.path));
  if (commits) pieces.push(commits);

  const header = `# Context for: ${query.trim().slice(0, 200)}\n(packed by summon from the repository index; line numbers on the left)`;
  for (const piece of pieces) piece.tokens = count(piece.text) + 1;
  const chosen = chooseWithin(pieces, options.budgetTokens - count(header) - 40);
  let text = render(header, chosen);
  let tokens = count(text);
  // Counts of pieces are not exactly additive across joins; drop the least important until it fits.
  while (tokens > options.budgetTokens && chosen.length > 0) {
    chosen.splice(chosen.indexOf(chosen.reduce((low, piece) => (piece.priority < low.priority ? piece : low))), 1);
    text = render(header, chosen);
    tokens = count(text);
  }
  if (tokens > options.budgetTokens) {
    text = '';
    tokens = 0;
  }
  const manifest = chosen.map(({ kind, path: file, lines, tokens: cost, why }) => ({ kind, path: file, ...(lines ? { lines } : {}), tokens: cost, why }));
  return { text, tokens, manifest, ranked };
}

function chooseWithin(pieces: Piece[], budget: number): Piece[] {
  const chosen: Piece[] = [];
  let used = 0;
  for (const piece of [...pieces].sort((a, b) => b.priority - a.priority)) {
    if (used + piece.tokens > budget) continue;
    chosen.push(piece);
    used += piece.tokens;
  }
  return chosen;
}

function render(header: string, chosen: readonly Piece[]): string {
  const parts = [header];
  for (const kind of SECTION_ORDER) {
    const section = chosen.filter((piece) => piece.kind === kind).sort((a, b) => (kind === 'span' ? a.path.localeCompare(b.path) || a.lines![0] - b.lines![0] : 0));
    if (section.length === 0) continue;
    parts.push(SECTION_TITLE[kind], ...section.map((piece) => piece.text));
  }
  return parts.join('\n\n');
}

function numbered(body: string, first: number): string {
  const lines = body.split('\n');
  const width = String(first + lines.length - 1).length;
  return lines.map((line, at) => `${String(first + at).padStart(width)}  ${line}`).join('\n');
}

/** The file's definitions: those the query names, then those its best spans cover, then the rest in file order. */
function mostRelevantFirst(symbols: readonly SymbolRow[], spans: readonly Span[], named: ReadonlySet<string>): SymbolRow[] {
  const spanOrder = new Map<string, number>();
  spans.forEach((span, order) => {
    if (span.symbol !== undefined && !spanOrder.has(span.symbol)) spanOrder.set(span.symbol, order);
  });
  const key = (symbol: SymbolRow): number => (named.has(symbol.name) ? -1 : (spanOrder.get(symbol.name) ?? spans.length + symbol.startLine));
  return [...symbols].sort((a, b) => key(a) - key(b));
}

/** Up to MAP_SIGNATURES of the given definitions (most relevant first), listed in file order. */
function mapPiece(entry: RankedFile, symbols: readonly SymbolRow[], weight: number): Piece {
  const shown = symbols
    .filter((symbol) => symbol.kind !== 'constant' || symbols.length < 20)
    .slice(0, MAP_SIGNATURES)
    .sort((a, b) => a.startLine - b.startLine);
  const lines = shown.map((symbol) => `  ${symbol.startLine}: ${symbol.parent ? `${symbol.parent} › ` : ''}${symbol.signature}`);
  if (symbols.length > shown.length) lines.push(`  … ${symbols.length - shown.length} more`);
  return {
    kind: 'map',
    path: entry.path,
    tokens: 0,
    why: `signatures of a ranked file (score ${entry.score})`,
    text: `${entry.path}${lines.length > 0 ? `\n${lines.join('\n')}` : ' (no definitions)'}`,
    // Below the file's best span and level with its second: the code itself tells more than its outline.
    priority: weight * 1,
  };
}

/** Classes, interfaces and types the chosen code names but that live in files not already shown. */
function typePieces(index: ContextIndex, usedNames: ReadonlySet<string>, included: ReadonlySet<string>): Piece[] {
  const names = [...usedNames].filter((name) => /^[A-Z]/.test(name) && name.length >= 3).slice(0, 400);
  if (names.length === 0) return [];
  const rows = index.db
    .prepare(
      `SELECT s.name, f.path, s.start_line AS startLine, s.end_line AS endLine, s.signature FROM symbols s JOIN files f ON f.id = s.file_id
       WHERE s.kind IN ('class', 'interface', 'type') AND s.name IN (${names.map(() => '?').join(',')})`,
    )
    .all(...names) as { name: string; path: string; startLine: number; endLine: number; signature: string }[];
  const byName = new Map<string, typeof rows>();
  for (const row of rows) byName.set(row.name, [...(byName.get(row.name) ?? []), row]);
  const pieces: Piece[] = [];
  for (const [name, defs] of byName) {
    if (defs.length > 2) continue;
    for (const def of defs) {
      if (included.has(def.path)) continue;
      const end = Math.min(def.endLine, def.startLine + 30);
      pieces.push({
        kind: 'type',
        path: def.path,
        lines: [def.startLine, end],
        tokens: 0,
        why: `defines \`${name}\`, used by the code above`,
        text: `### ${def.path}:${def.startLine}-${end}\n\`\`\`\n${readLines(index, def.path, def.startLine, end)}\n\`\`\``,
        priority: 0.12,
      });
    }
  }
  return pieces.filter((piece) => !piece.text.includes('\n(unreadable)\n'));
}

function readLines(index: ContextIndex, file: string, start: number, end: number): string {
  try {
    // Type definitions are few and short; a synchronous read keeps this simple.
    const text = readFileSync(path.join(index.root, file), 'utf8');
    return numbered(text.split('\n').slice(start - 1, end).join('\n'), start);
  } catch {
    return '(unreadable)';
  }
}

function commitPiece(index: ContextIndex, files: readonly string[]): Piece | undefined {
  if (files.length === 0) return undefined;
  const rows = index.db
    .prepare(
      `SELECT c.hash, c.time, c.message, group_concat(cf.path, ', ') AS files FROM commits c JOIN commit_files cf ON cf.commit_id = c.id
       WHERE cf.path IN (${files.map(() => '?').join(',')}) GROUP BY c.id ORDER BY c.time DESC LIMIT 8`,
    )
    .all(...files) as { hash: string; time: number; message: string; files: string }[];
  if (rows.length === 0) return undefined;
  const lines = rows.map((row) => `${row.hash.slice(0, 8)} ${new Date(row.time * 1000).toISOString().slice(0, 10)} ${row.message.split('\n')[0]!.slice(0, 100)} (${row.files})`);
  return { kind: 'commits', path: files.join(', '), tokens: 0, why: 'recent history of the top files', text: lines.join('\n'), priority: 0.2 };
}
