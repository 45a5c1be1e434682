// The opening context of a run: the repository map, the spans and types a task likely needs and
// their recent history, packed into a share of the model's window by the context engine, with a
// manifest saying why each piece is there. Small workspaces skip it (the model can just look), a
// failing index never stops a run (it becomes a notice), and the first model request never waits
// longer than `waitMs` for it: a first build of a big repository goes on while the run works.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { AgentEventBody } from '../core/events.js';
import { toSummonError } from '../core/errors.js';

export interface OpeningContextOptions {
  workspace: string;
  task: string;
  /** Token budget for the pack (a share of the model's window). */
  budgetTokens: number;
  /** Workspaces with fewer files than this get no pack. */
  minFiles: number;
  cacheDir: string;
  historyCommits: number;
  emit: (event: AgentEventBody) => void;
  /** How long the run may wait for the index and the pack before it starts without them. */
  waitMs: number;
  /** Ends a build still going on after the wait (when the run ends); what it wrote is kept and resumed next time. */
  signal?: AbortSignal;
}

export async function openingContext(options: OpeningContextOptions): Promise<string | undefined> {
  if (options.budgetTokens <= 0 || !hasAtLeast(options.workspace, options.minFiles)) return undefined;
  const late = { value: false };
  const work = pack(options, late);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), options.waitMs)));
  const first = await Promise.race([work, deadline]);
  clearTimeout(timer);
  if (first !== 'late') return first;
  late.value = true;
  options.emit({
    type: 'notice',
    message: `context: the repository's index is not ready after ${(options.waitMs / 1000).toLocaleString('en-US')} s; starting without an opening pack (the build goes on while the run works and is kept for the next run; the context tool searches it once it is done)`,
  });
  return undefined;
}

/** Opens (builds, updates) the index and packs; once `late`, it only finishes the build, quietly. */
async function pack(options: OpeningContextOptions, late: { value: boolean }): Promise<string | undefined> {
  try {
    // Loaded only when used: tree-sitter, SQLite and the tokenizer cost start-up time.
    const { openIndex, packContext } = await import('../context/index.js');
    const { index, stats } = await openIndex({ cwd: options.workspace, cacheDir: options.cacheDir, historyCommits: options.historyCommits, ...(options.signal ? { signal: options.signal } : {}) });
    try {
      if (late.value) return undefined;
      for (const notice of stats.notices) options.emit({ type: 'notice', message: `context: ${notice}` });
      const pack = await packContext(index, options.task, { budgetTokens: options.budgetTokens, tokenizer: 'o200k_base' });
      options.emit({
        type: 'context-pack',
        tokens: pack.tokens,
        budget: options.budgetTokens,
        items: pack.manifest.map((entry) => ({ kind: entry.kind, path: entry.path, ...(entry.lines ? { lines: entry.lines } : {}), tokens: entry.tokens, why: entry.why })),
      });
      return pack.text;
    } finally {
      index.close();
    }
  } catch (error) {
    if (late.value) return undefined;
    const problem = toSummonError(error);
    if (problem.code === 'usage') return undefined; // a task with no searchable words: nothing to pack
    options.emit({ type: 'notice', message: `context: the repository could not be indexed (${problem.message}); continuing without an opening pack` });
    return undefined;
  }
}

/** Counts files (not in dot folders or node_modules) until it has seen `limit`: cheap on any tree. */
function hasAtLeast(root: string, limit: number): boolean {
  let seen = 0;
  const stack = [root];
  while (stack.length > 0 && seen < limit) {
    const dir = stack.pop()!;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      if (entry.isDirectory()) stack.push(path.join(dir, entry.name));
      else if (entry.isFile() && ++seen >= limit) return true;
    }
  }
  return seen >= limit;
}
