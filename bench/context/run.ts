// The context engine benchmark: `npx tsx bench/context/run.ts [quality|speed|all|floor]`.
// Quality: localization on seven real repositories vs a BM25 baseline, and pack coverage.
// Speed: cold index, incremental update and query latency on a repository of ≥ 5,000 source files.
import os from 'node:os';
import path from 'node:path';
import { printTable, writeResults } from '../lib.mjs';
import { WEIGHTS } from '../../src/context/rank.js';
import { mean, REPOSITORIES, runRepository, score, type TaskResult } from './quality.js';

const part = process.argv[2] ?? 'all';
const benchDir = process.env.CONTEXT_BENCH_DIR ?? path.join(os.tmpdir(), 'ctxbench');
const tasksPerRepo = Number(process.env.CONTEXT_BENCH_TASKS ?? 30);
const only = process.env.CONTEXT_BENCH_REPOS?.split(',');

// Tuning hook: CONTEXT_BENCH_WEIGHTS='{"commits":0.8}' overrides signal weights for one run.
if (process.env.CONTEXT_BENCH_WEIGHTS) Object.assign(WEIGHTS, JSON.parse(process.env.CONTEXT_BENCH_WEIGHTS) as Partial<typeof WEIGHTS>);

if (part === 'quality' || part === 'all') await quality();
if (part === 'speed' || part === 'all') await (await import('./speed.js')).speed(benchDir);
// Not part of `all`: the per-file work alone on one thread, the floor under the cold index.
if (part === 'floor') await (await import('./floor.js')).floor(benchDir);

async function quality(): Promise<void> {
  const rows: Record<string, string | number>[] = [];
  const all: TaskResult[] = [];
  const perRepo: Record<string, unknown> = {};
  for (const repo of REPOSITORIES.filter((name) => !only || only.some((want) => name.includes(want)))) {
    const started = performance.now();
    const results = await runRepository(repo, {
      reposDir: path.join(benchDir, 'repos'),
      workDir: path.join(benchDir, 'worktrees'),
      cacheDir: path.join(benchDir, 'cache'),
      tasksPerRepo,
      pack: process.env.CONTEXT_BENCH_PACK !== '0',
    });
    all.push(...results);
    const summon = mean(results.map((r) => score(r.summon, r.task.gold)));
    const bm25 = mean(results.map((r) => score(r.bm25, r.task.gold)));
    const bm25Source = mean(results.map((r) => score(r.bm25Source, r.task.gold)));
    const pack = results.reduce((sum, r) => sum + r.packCoverage, 0) / Math.max(1, results.length);
    rows.push(row(repo, results.length, summon, bm25, pack, bm25Source));
    perRepo[repo] = { tasks: results.length, summon, bm25, bm25SourceOnly: bm25Source, packCoverage: pack, seconds: (performance.now() - started) / 1000 };
    console.error(`${repo}: ${results.length} tasks in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  const summon = mean(all.map((r) => score(r.summon, r.task.gold)));
  const bm25 = mean(all.map((r) => score(r.bm25, r.task.gold)));
  const bm25Source = mean(all.map((r) => score(r.bm25Source, r.task.gold)));
  const pack = all.reduce((sum, r) => sum + r.packCoverage, 0) / Math.max(1, all.length);
  rows.push(row('all', all.length, summon, bm25, pack, bm25Source));
  printTable('Localization: recall@k and MRR, summon vs BM25 over file contents (percent)', rows, [
    ['repo', 'repo'], ['tasks', 'tasks'], ['s1', 'summon R@1'], ['b1', 'BM25 R@1'], ['s5', 'summon R@5'], ['b5', 'BM25 R@5'], ['s10', 'summon R@10'], ['b10', 'BM25 R@10'],
    ['smrr', 'summon MRR'], ['bmrr', 'BM25 MRR'], ['q1', 'BM25-src R@1'], ['q5', 'BM25-src R@5'], ['pack', '8k pack coverage'],
  ]);
  writeResults('context-quality', {
    tasksPerRepo,
    overall: { tasks: all.length, summon, bm25, bm25SourceOnly: bm25Source, packCoverage: pack },
    perRepo,
    tasks: all.map((r) => ({ repo: r.task.repo, commit: r.task.commit, query: r.task.query, gold: r.task.gold, summon: r.summon.slice(0, 5), bm25: r.bm25.slice(0, 5), packCoverage: r.packCoverage, packTokens: r.packTokens })),
  });
}

function row(repo: string, tasks: number, s: ReturnType<typeof mean>, b: ReturnType<typeof mean>, pack: number, q: ReturnType<typeof mean>): Record<string, string | number> {
  const pct = (value: number): number => Math.round(value * 1000) / 10;
  return { repo, tasks, s1: pct(s.r1), b1: pct(b.r1), s5: pct(s.r5), b5: pct(b.r5), s10: pct(s.r10), b10: pct(b.r10), smrr: pct(s.mrr), bmrr: pct(b.mrr), q1: pct(q.r1), q5: pct(q.r5), pack: pct(pack) };
}
