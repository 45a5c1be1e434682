// grep's fast backend: ripgrep, run with an argument array (never a shell string) and its output parsed.
import path from 'node:path';
import { z } from 'zod';
import type { ToolContext } from '../core/tool.js';
import { cutLine, globFilter, MAX_GREP_FILE_BYTES, type GrepFileResult, type GrepOutcome, type GrepQuery } from './grep-types.js';
import { displayPath } from './paths.js';

const MAX_RG_OUTPUT_BYTES = 16 * 1024 * 1024;

const rgText = z.union([z.object({ text: z.string() }), z.object({ bytes: z.string() })]);
const rgLineMessage = z.object({
  type: z.enum(['match', 'context']),
  data: z.object({ path: rgText, lines: rgText, line_number: z.number().int().nullable() }),
});

/** Ripgrep's results, or undefined when it could not run or refused the query (the caller falls back). */
export async function searchWithRipgrep(query: GrepQuery, ctx: ToolContext, rgCommand: string): Promise<GrepOutcome | undefined> {
  const target = displayPath(ctx.workspace, query.target);
  const args = ['--no-config', '--hidden', '--no-require-git', '--glob', '!.git', '--glob', '!node_modules', '--max-filesize', String(MAX_GREP_FILE_BYTES)];
  args.push('--engine', 'auto', query.ignoreCase ? '--ignore-case' : '--case-sensitive');
  // A --glob would override .gitignore for the files it names; a file type does not, but matches names only,
  // so path globs are applied to the results instead.
  const byName = query.glob !== undefined && !query.glob.includes('/');
  if (byName) args.push('--type-add', `summon:${query.glob}`, '--type', 'summon');
  const keep = byName ? () => true : globFilter(query, ctx.workspace);
  if (query.mode === 'content') args.push('--json', ...(query.context > 0 ? ['--context', String(query.context)] : []));
  else args.push(query.mode === 'files' ? '--files-with-matches' : '--count', '--null');
  args.push('--regexp', query.pattern, '--', target);

  const result = await ctx
    .spawn({ command: rgCommand, args, cwd: ctx.workspace, timeoutMs: ctx.commandTimeoutMs, maxOutputBytes: MAX_RG_OUTPUT_BYTES, signal: ctx.signal })
    .catch(() => undefined);
  if (!result || result.timedOut) return undefined;
  // 1 means no match; 2 is an error, possibly with partial results.
  if (result.exitCode === 1 && result.stdout === '') return { files: [], warnings: [] };
  if (result.exitCode !== 0 && result.exitCode !== 2) return undefined;
  if (result.exitCode === 2 && result.stdout === '') return undefined;

  const files = query.mode === 'content' ? parseJson(result.stdout, keep) : parseNullSeparated(result.stdout, query.mode === 'count', keep);
  const warnings: string[] = [];
  if (result.droppedBytes > 0) warnings.push('the search printed too much, so some matches are missing; narrow it with path or glob');
  if (result.exitCode === 2) warnings.push(`some files could not be searched: ${result.stderr.split('\n')[0] ?? ''}`);
  return { files, warnings };
}

/** All lines are kept (the output cap bounds them); the formatter picks the first matches in path order. */
function parseJson(stdout: string, keep: (file: string) => boolean): GrepFileResult[] {
  const byPath = new Map<string, GrepFileResult>();
  for (const raw of stdout.split('\n')) {
    if (!raw.startsWith('{"type":"match"') && !raw.startsWith('{"type":"context"')) continue;
    const parsed = rgLineMessage.safeParse(safeJson(raw));
    if (!parsed.success) continue;
    const { type, data } = parsed.data;
    const file = cleanPath(textOf(data.path));
    if (!keep(file)) continue;
    let entry = byPath.get(file);
    if (!entry) byPath.set(file, (entry = { path: file, matchCount: 0, lines: [] }));
    if (type === 'match') entry.matchCount += 1;
    if (data.line_number === null) continue;
    entry.lines.push({ line: data.line_number, text: cutLine(textOf(data.lines)), isMatch: type === 'match' });
  }
  return [...byPath.values()].filter((entry) => entry.matchCount > 0).sort(byFilePath);
}

function parseNullSeparated(stdout: string, withCounts: boolean, keep: (file: string) => boolean): GrepFileResult[] {
  const files: GrepFileResult[] = [];
  if (withCounts) {
    // "path\0count\n" per file.
    for (const line of stdout.split('\n')) {
      const separator = line.lastIndexOf('\0');
      if (separator < 0) continue;
      files.push({ path: cleanPath(line.slice(0, separator)), matchCount: Number(line.slice(separator + 1)) || 0, lines: [] });
    }
  } else {
    for (const file of stdout.split('\0')) if (file !== '') files.push({ path: cleanPath(file), matchCount: 1, lines: [] });
  }
  return files.filter((file) => keep(file.path)).sort(byFilePath);
}

function textOf(value: z.infer<typeof rgText>): string {
  return 'text' in value ? value.text : Buffer.from(value.bytes, 'base64').toString('utf8');
}

function cleanPath(file: string): string {
  const posix = file.split(path.sep).join('/');
  return posix.startsWith('./') ? posix.slice(2) : posix;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function byFilePath(a: GrepFileResult, b: GrepFileResult): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}
