// grep's pure-JavaScript backend, for when ripgrep is missing or rejects the pattern.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { ToolContext } from '../core/tool.js';
import { listFiles } from './file-walk.js';
import { cutLine, globFilter, MAX_GREP_FILE_BYTES, type GrepFileResult, type GrepLine, type GrepOutcome, type GrepQuery } from './grep-types.js';

const CONCURRENCY = 32;
const BINARY_SNIFF_BYTES = 8192;

export async function scanWithJavaScript(query: GrepQuery, ctx: ToolContext): Promise<GrepOutcome> {
  const regex = new RegExp(query.pattern, query.ignoreCase ? 'i' : '');
  const keep = globFilter(query, ctx.workspace);
  const candidates = (await listFiles(ctx, query.target)).filter(keep);
  const files: GrepFileResult[] = [];
  let keptMatches = 0;
  for (let index = 0; index < candidates.length; index += CONCURRENCY) {
    ctx.signal.throwIfAborted();
    const batch = candidates.slice(index, index + CONCURRENCY);
    // Read in parallel, merge in path order, so "the first N matches" is deterministic.
    const texts = await Promise.all(batch.map((file) => readSearchable(path.join(ctx.workspace, file))));
    for (const [offset, text] of texts.entries()) {
      if (text === undefined) continue;
      const result = searchText(batch[offset] ?? '', text, regex, query, query.maxLines - keptMatches);
      if (!result) continue;
      keptMatches += result.lines.filter((line) => line.isMatch).length;
      files.push(result);
    }
  }
  return { files, warnings: [] };
}

/** The file's text, or undefined when it is too big, binary or unreadable (as ripgrep skips them). */
async function readSearchable(file: string): Promise<string | undefined> {
  const stat = await fs.stat(file).catch(() => undefined);
  if (!stat?.isFile() || stat.size > MAX_GREP_FILE_BYTES) return undefined;
  const buffer = await fs.readFile(file).catch(() => undefined);
  if (!buffer || buffer.subarray(0, BINARY_SNIFF_BYTES).includes(0)) return undefined;
  return buffer.toString('utf8');
}

function searchText(file: string, text: string, regex: RegExp, query: GrepQuery, budget: number): GrepFileResult | undefined {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const matchIndexes: number[] = [];
  for (const [index, line] of lines.entries()) {
    if (!regex.test(line)) continue;
    matchIndexes.push(index);
    if (query.mode === 'files') break;
  }
  if (matchIndexes.length === 0) return undefined;
  const result: GrepFileResult = { path: file, matchCount: matchIndexes.length, lines: [] };
  if (query.mode !== 'content' || budget <= 0) return result;
  const isMatch = new Set(matchIndexes);
  const kept = new Map<number, GrepLine>();
  for (const index of matchIndexes.slice(0, budget)) {
    for (let at = Math.max(0, index - query.context); at <= Math.min(lines.length - 1, index + query.context); at++) {
      if (!kept.has(at)) kept.set(at, { line: at + 1, text: cutLine(lines[at] ?? ''), isMatch: isMatch.has(at) });
    }
  }
  result.lines = [...kept.values()].sort((a, b) => a.line - b.line);
  return result;
}
