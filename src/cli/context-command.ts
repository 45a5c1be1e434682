// `summon context`: the files a task needs, best first, with the reasons; or a packed context.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { defaultIndexCacheDir, openIndex, packContext, rankContext, type RankedFile } from '../context/index.js';
import { SummonError } from '../core/errors.js';
import { parseCount } from './index-command.js';
import type { CliIo } from './io.js';

export const HELP = `summon context "QUERY" [--json] [--top K] [--pack [--budget TOKENS]] [--cwd DIR]

Ranks the repository's files for QUERY (a task or question in your words, identifiers, paths) by
fusing full-text search, the symbol graph (personalised PageRank seeded by what the query names) and
git history (past commit messages, co-change, recency), and says why each file ranked. Builds or
updates the index first when needed (see summon index).

Options:
  --top K              how many files (default 10)
  --json               print [{path, score, reasons, symbols}] (with --pack: {text, tokens, manifest})
  --pack               print the packed context a model would see: repo map, relevant spans, the
                       types they use, recent commits; the manifest goes to stderr
  --budget TOKENS      token budget of the pack (default 8000), counted with --tokenizer
  --tokenizer NAME     o200k_base (default) or cl100k_base
  --cwd DIR            the repository containing DIR
  --history N          recent commits used for history signals when indexing (default 2000)

Examples:
  summon context "request timeout is ignored when retrying"
  summon context "parseConfig fails on empty files" --json --top 5
  summon context "add a --json flag to the list command" --pack --budget 12000`;

const OPTIONS = {
  json: { type: 'boolean' },
  top: { type: 'string' },
  pack: { type: 'boolean' },
  budget: { type: 'string' },
  tokenizer: { type: 'string' },
  cwd: { type: 'string' },
  history: { type: 'string' },
} as const;

export async function run(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new SummonError('usage', error instanceof Error ? error.message : String(error), { hint: 'see summon context --help' });
  }
  const { values, positionals } = parsed;
  const query = positionals.join(' ').trim();
  if (query === '') throw new SummonError('usage', 'no query given', { hint: 'summon context "what you are looking for"' });
  if (values.budget !== undefined && !values.pack) throw new SummonError('usage', '--budget only applies with --pack', { hint: 'add --pack' });
  const tokenizer = values.tokenizer ?? 'o200k_base';
  if (tokenizer !== 'o200k_base' && tokenizer !== 'cl100k_base') throw new SummonError('usage', `unknown tokenizer "${tokenizer}"`, { hint: 'use o200k_base or cl100k_base' });
  const top = values.top === undefined ? 10 : parseCount(values.top, '--top');
  const budget = values.budget === undefined ? 8000 : parseCount(values.budget, '--budget');

  const { index, stats } = await openIndex({
    cwd: values.cwd ?? io.cwd,
    cacheDir: defaultIndexCacheDir(io.env),
    ...(values.history !== undefined ? { historyCommits: parseCount(values.history, '--history') } : {}),
  });
  try {
    for (const notice of stats.notices) io.stderr(`summon: note: ${notice}\n`);
    if (values.pack) {
      const pack = await packContext(index, query, { budgetTokens: budget, tokenizer, top: Math.max(top, 1) });
      if (values.json) {
        io.stdout(`${JSON.stringify({ text: pack.text, tokens: pack.tokens, manifest: pack.manifest }, null, 2)}\n`);
        return 0;
      }
      io.stdout(`${pack.text}\n`);
      io.stderr(`packed ${pack.tokens.toLocaleString('en-US')} of ${budget.toLocaleString('en-US')} tokens (${tokenizer}):\n`);
      for (const entry of pack.manifest) {
        const lines = entry.lines ? `:${entry.lines[0]}-${entry.lines[1]}` : '';
        io.stderr(`  ${entry.kind.padEnd(7)} ${String(entry.tokens).padStart(5)}  ${entry.path}${lines} — ${entry.why}\n`);
      }
      return 0;
    }
    const ranked = rankContext(index, query, { top });
    if (values.json) {
      io.stdout(`${JSON.stringify(ranked, null, 2)}\n`);
      return 0;
    }
    io.stdout(ranked.length === 0 ? 'no file matches the query\n' : `${renderRanked(ranked, path.basename(index.root))}\n`);
    return 0;
  } finally {
    index.close();
  }
}

function renderRanked(ranked: readonly RankedFile[], repo: string): string {
  const width = String(ranked.length).length;
  const blocks = ranked.map((entry, at) => {
    const lines = [`${String(at + 1).padStart(width)}. ${entry.path}  (score ${entry.score})`];
    if (entry.symbols.length > 0) lines.push(`${' '.repeat(width + 2)}symbols: ${entry.symbols.join(', ')}`);
    for (const reason of entry.reasons) lines.push(`${' '.repeat(width + 2)}- ${reason}`);
    return lines.join('\n');
  });
  return `${repo}: ${ranked.length} file${ranked.length === 1 ? '' : 's'}, best first\n\n${blocks.join('\n\n')}`;
}
