// `summon index`: builds or updates the repository's context index, with a progress bar on a TTY.
import { parseArgs } from 'node:util';
import { defaultIndexCacheDir, openIndex, type IndexProgress, type IndexStats } from '../context/index.js';
import { SummonError } from '../core/errors.js';
import type { CliIo } from './io.js';

export const HELP = `summon index [--cwd DIR] [--history N]

Builds or updates the context index of the repository containing the current folder (or DIR): files
walked respecting .gitignore and .summonignore (vendored, generated, binary and files over 1 MB
skipped), parsed with tree-sitter, searchable with SQLite FTS5, plus the last N commits of git history
(default 2000). Only files whose content changed are parsed again. The index lives in
$XDG_CACHE_HOME/summon/index (else ~/.cache/summon/index), never in your tree.

Options:
  --cwd DIR        index the repository containing DIR
  --history N      how many recent commits feed the history signals (default 2000)

Examples:
  summon index
  summon index --cwd ../other-repo --history 500`;

export async function run(argv: string[], io: CliIo): Promise<number> {
  const values = parseFlags(argv);
  const progress = io.stderrIsTty ? progressBar(io) : undefined;
  const { index, stats } = await openIndex({
    cwd: values.cwd ?? io.cwd,
    cacheDir: defaultIndexCacheDir(io.env),
    ...(values.history !== undefined ? { historyCommits: parseCount(values.history, '--history') } : {}),
    ...(progress ? { onProgress: progress.update } : {}),
  }).finally(() => progress?.done());
  index.close();
  for (const notice of stats.notices) io.stderr(`summon: note: ${notice}\n`);
  io.stdout(`${describeStats(stats)}\nindex: ${index.file}\n`);
  return 0;
}

function parseFlags(argv: string[]): { cwd?: string; history?: string } {
  try {
    const { values } = parseArgs({ args: argv, options: { cwd: { type: 'string' }, history: { type: 'string' } }, allowPositionals: false, strict: true });
    return values;
  } catch (error) {
    throw new SummonError('usage', error instanceof Error ? error.message : String(error), { hint: 'see summon index --help' });
  }
}

export function parseCount(text: string, flag: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) throw new SummonError('usage', `${flag} expects a whole number, got "${text}"`, { hint: `e.g. ${flag} 500` });
  return value;
}

export function describeStats(stats: IndexStats): string {
  const skipped = Object.entries(stats.skipped).filter(([, count]) => count > 0).map(([why, count]) => `${count} ${why === 'tooLarge' ? 'too large' : why}`);
  return (
    `indexed ${stats.files.toLocaleString('en-US')} files in ${(stats.durationMs / 1000).toFixed(1)} s: ${stats.parsed} parsed, ${stats.unchanged} unchanged, ${stats.removed} removed` +
    `${skipped.length > 0 ? `; skipped ${skipped.join(', ')}` : ''}; ${stats.commits} commits of history`
  );
}

const PHASE_LABEL: Record<IndexProgress['phase'], string> = { scan: 'listing files', parse: 'parsing', history: 'reading history', write: 'writing index' };

/** One self-rewriting line on stderr. */
function progressBar(io: CliIo): { update: (progress: IndexProgress) => void; done: () => void } {
  let last = 0;
  let shown = false;
  return {
    update(progress) {
      const now = Date.now();
      if (now - last < 80 && progress.done !== progress.total) return;
      last = now;
      shown = true;
      const width = 24;
      const share = progress.total > 0 ? progress.done / progress.total : 0;
      const filled = Math.round(share * width);
      const count = progress.total > 0 ? ` ${progress.done}/${progress.total}` : '';
      io.stderr(`\r\x1b[2K[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${PHASE_LABEL[progress.phase]}${count}`);
    },
    done() {
      if (shown) io.stderr('\r\x1b[2K');
    },
  };
}
