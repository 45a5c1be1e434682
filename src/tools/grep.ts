// The grep tool: regex search over the workspace, via ripgrep when present, else in JavaScript.
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { SummonError } from '../core/errors.js';
import { defineTool, type Tool, type ToolContext } from '../core/tool.js';
import description from './grep.md?raw';
import { searchWithRipgrep } from './grep-ripgrep.js';
import { scanWithJavaScript } from './grep-scan.js';
import type { GrepFileResult, GrepOutcome, GrepQuery } from './grep-types.js';
import { displayPath, resolveInWorkspace } from './paths.js';

const DEFAULT_MAX_RESULTS = 100;

const inputSchema = z.object({
  pattern: z.string().min(1).describe('JavaScript regular expression'),
  path: z.string().optional(),
  glob: z.string().optional().describe('file filter, e.g. *.ts or *.{ts,tsx}'),
  ignore_case: z.boolean().optional(),
  output_mode: z.enum(['content', 'files', 'count']).optional(),
  context: z.number().int().min(0).max(10).optional(),
  max_results: z.number().int().min(1).max(2000).optional(),
});
type GrepInput = z.infer<typeof inputSchema>;

export interface GrepToolOptions {
  /** 'auto' uses `rg` from PATH when there; 'never' always scans in JavaScript; or a path to an rg binary. */
  ripgrep?: string;
}

export function createGrepTool(options: GrepToolOptions = {}): Tool {
  const choice = options.ripgrep ?? 'auto';
  const ripgrep: string | undefined = choice === 'never' ? undefined : choice === 'auto' ? findOnPath('rg') : choice;
  return defineTool<GrepInput>({
    name: 'grep',
    description,
    input: inputSchema,
    kind: 'read',
    async execute(input, ctx) {
      const query: GrepQuery = {
        pattern: validPattern(input.pattern, input.ignore_case ?? false),
        ignoreCase: input.ignore_case ?? false,
        mode: input.output_mode ?? 'content',
        context: input.context ?? 0,
        target: await resolveInWorkspace(ctx.workspace, input.path ?? '.'),
        glob: input.glob,
        maxLines: input.max_results ?? DEFAULT_MAX_RESULTS,
      };
      let outcome: GrepOutcome | undefined;
      if (ripgrep !== undefined) {
        outcome = await searchWithRipgrep(query, ctx, ripgrep);
        ctx.signal.throwIfAborted();
      }
      outcome ??= await scanWithJavaScript(query, ctx);
      outcome = withoutUnreadable(outcome, ctx);
      return { output: formatOutcome(outcome, query, displayPath(ctx.workspace, query.target)) };
    },
  });
}

export const grepTool: Tool = createGrepTool();

/** A search over a folder must not show what `read` would refuse: `read(.env*)` covers grep too. */
function withoutUnreadable(outcome: GrepOutcome, ctx: ToolContext): GrepOutcome {
  const { readable } = ctx;
  if (!readable) return outcome;
  const files = outcome.files.filter((file) => readable(path.join(ctx.workspace, file.path)));
  const hidden = outcome.files.length - files.length;
  if (hidden === 0) return outcome;
  const warning = `${hidden} matching file${hidden === 1 ? ' was' : 's were'} left out: the permission rules do not let you read ${hidden === 1 ? 'it' : 'them'}`;
  return { files, warnings: [...outcome.warnings, warning] };
}

function validPattern(pattern: string, ignoreCase: boolean): string {
  try {
    new RegExp(pattern, ignoreCase ? 'i' : '');
    return pattern;
  } catch (error) {
    throw new SummonError('tool-invalid-input', `invalid regular expression: ${error instanceof Error ? error.message : String(error)}`, {
      hint: 'escape ( ) [ ] { } . * + ? | \\ with a backslash to match them literally',
    });
  }
}

function findOnPath(name: string): string | undefined {
  for (const directory of (process.env.PATH ?? '').split(path.delimiter)) {
    if (directory === '') continue;
    const candidate = path.join(directory, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not here; keep looking.
    }
  }
  return undefined;
}

function formatOutcome(outcome: GrepOutcome, query: GrepQuery, scope: string): string {
  const { files } = outcome;
  const notes = outcome.warnings.map((warning) => `(${warning})`);
  if (files.length === 0) return [`no matches for /${query.pattern}/ in ${scope}`, ...notes].join('\n');
  const totalMatches = files.reduce((sum, file) => sum + file.matchCount, 0);
  const narrow = 'narrow with path or glob, or raise max_results';
  let body: string[];
  if (query.mode === 'content') {
    const { lines, shown } = contentLines(files, query);
    body = lines;
    if (shown < totalMatches) notes.unshift(`(showing ${shown} of ${totalMatches} matching lines in ${files.length} files; ${narrow})`);
  } else {
    const listed = files.slice(0, query.maxLines);
    body = listed.map((file) => (query.mode === 'files' ? file.path : `${file.path}:${file.matchCount}`));
    if (query.mode === 'count') notes.unshift(`(${totalMatches} matching lines in ${files.length} files)`);
    if (listed.length < files.length) notes.unshift(`(showing ${listed.length} of ${files.length} files; ${narrow})`);
  }
  return [...body, ...notes].join('\n');
}

/** `path:line:text` for matches, `path-line-text` for context, `--` between separate runs. */
function contentLines(files: GrepFileResult[], query: GrepQuery): { lines: string[]; shown: number } {
  const lines: string[] = [];
  let shown = 0;
  for (const file of files) {
    if (shown >= query.maxLines) break;
    let previous: number | undefined;
    let lastMatch = 0;
    const start = lines.length;
    for (const line of file.lines) {
      if (line.isMatch) {
        if (shown >= query.maxLines) break;
        shown += 1;
        lastMatch = line.line;
      } else if (shown >= query.maxLines && line.line > lastMatch + query.context) break;
      if (query.context > 0 && previous !== undefined && line.line > previous + 1) lines.push('--');
      lines.push(line.isMatch ? `${file.path}:${line.line}:${line.text}` : `${file.path}-${line.line}-${line.text}`);
      previous = line.line;
    }
    if (query.context > 0 && start > 0 && lines.length > start) lines.splice(start, 0, '--');
  }
  return { lines, shown };
}
