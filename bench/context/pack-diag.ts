// Diagnostic: why pack coverage misses. For each task and gold file: rank, whether the pack holds the
// file at all, the spans chosen vs the candidate spans and the changed lines. Writes $CONTEXT_BENCH_DIR/diag.json (or DIAG_OUT).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { openIndex, packContext } from '../../src/context/index.js';
import { queryTerms } from '../../src/context/query-terms.js';
import { relevantSpans, symbolsOf } from '../../src/context/spans.js';
import { REPOSITORIES } from './quality.js';
import { buildTasks } from './tasks.js';

const benchDir = process.env.CONTEXT_BENCH_DIR ?? path.join(os.tmpdir(), 'ctxbench');
const only = process.env.CONTEXT_BENCH_REPOS?.split(',');
const tasksPerRepo = Number(process.env.CONTEXT_BENCH_TASKS ?? 30);
const git = (cwd: string, args: string[]): string => execFileSync('git', args, { cwd, encoding: 'utf8' });
const out: unknown[] = [];
for (const repo of REPOSITORIES.filter((name) => !only || only.some((want) => name.includes(want)))) {
  const name = repo.split('/')[1]!;
  const clone = path.join(benchDir, 'repos', name);
  const worktree = path.join(benchDir, 'worktrees', name);
  const tasks = buildTasks(repo, clone, tasksPerRepo).sort((a, b) => a.time - b.time);
  if (!existsSync(worktree)) {
    mkdirSync(path.dirname(worktree), { recursive: true });
    git(clone, ['worktree', 'add', '--detach', '-f', worktree, tasks[0]?.parent ?? 'HEAD']);
  }
  for (const task of tasks) {
    git(worktree, ['checkout', '-q', '-f', '--detach', task.parent]);
    git(worktree, ['clean', '-q', '-f', '-d']);
    const { index } = await openIndex({ cwd: worktree, cacheDir: path.join(benchDir, 'cache') });
    try {
      const pack = await packContext(index, task.query, { budgetTokens: 8000, tokenizer: 'o200k_base' });
      const byKind: Record<string, number> = {};
      for (const e of pack.manifest) byKind[e.kind] = (byKind[e.kind] ?? 0) + e.tokens;
      const terms = queryTerms(task.query).terms;
      const gold = task.gold.map((file) => {
        const changed = task.changedLines[file]!;
        const hit = (a: number, b: number): boolean => changed.some((l) => l >= a && l <= b);
        const rank = pack.ranked.findIndex((e) => e.path === file);
        const entries = pack.manifest.filter((e) => e.path === file || e.path.split(', ').includes(file));
        const covered = entries.some((e) => e.lines && hit(e.lines[0], e.lines[1]));
        const lines = readFileSync(path.join(worktree, file), 'utf8').split('\n');
        const symbols = symbolsOf(index, file);
        const candidates = relevantSpans(lines, symbols, terms, new Set(rank >= 0 ? pack.ranked[rank]!.symbols : []));
        const firstCovering = candidates.findIndex((s) => hit(s.start, s.end));
        const inside = symbols.filter((s) => s.endLine - s.startLine < 400 && changed.some((l) => l >= s.startLine && l <= s.endLine)).map((s) => [s.name, s.startLine, s.endLine]);
        const enclosing = symbols.filter((s) => changed.some((l) => l >= s.startLine && l <= s.endLine)).sort((a, b) => a.endLine - a.startLine - (b.endLine - b.startLine))[0];
        return {
          file, rank, covered, lineCount: lines.length, changed: ranges(changed),
          chosen: entries.map((e) => `${e.kind}${e.lines ? ` ${e.lines[0]}-${e.lines[1]}` : ''}`),
          candidates: candidates.length, all: candidates.map((c) => [c.start, c.end, Math.round(c.score * 100) / 100, c.symbol ?? '']), firstCovering, coveringScore: candidates[firstCovering]?.score, topScore: candidates[0]?.score,
          inside, enclosing: enclosing ? `${enclosing.kind} ${enclosing.name} ${enclosing.startLine}-${enclosing.endLine}` : null,
        };
      });
      out.push({ repo: name, commit: task.commit.slice(0, 8), query: task.query, tokens: pack.tokens, byKind, ranked: pack.ranked.map((e) => e.path), gold });
    } finally {
      index.close();
    }
  }
  console.error(`${repo} done`);
}
writeFileSync(process.env.DIAG_OUT ?? path.join(benchDir, 'diag.json'), JSON.stringify(out, null, 1));

function ranges(lines: readonly number[]): string {
  const parts: string[] = [];
  let start = lines[0];
  for (let i = 1; i <= lines.length; i++) {
    if (lines[i] !== lines[i - 1]! + 1) {
      parts.push(start === lines[i - 1] ? `${start}` : `${start}-${lines[i - 1]}`);
      start = lines[i];
    }
  }
  return parts.join(',');
}
