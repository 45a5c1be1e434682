// Localization quality: for each task, index a checkout of the parent commit, rank, and compare
// summon with the BM25 baseline on recall@1/5/10 and MRR; pack quality on an 8k-token pack.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { openIndex, packContext, rankContext } from '../../src/context/index.js';
import { listIndexableFiles } from '../../src/context/walk.js';
import { buildBm25 } from './bm25.js';
import { buildTasks, NOT_SOURCE, type Task } from './tasks.js';

const PROSE = /\.(md|markdown|rst|txt|adoc|html?|json|ya?ml|toml|ini|cfg|lock|csv|svg)$|(^|\/)(changelog|history|license|authors|contributing)[^/]*$/i;

export const REPOSITORIES = ['expressjs/express', 'koajs/koa', 'psf/requests', 'encode/httpx', 'spf13/cobra', 'gin-gonic/gin', 'BurntSushi/ripgrep'];

export interface Scores {
  r1: number;
  r5: number;
  r10: number;
  mrr: number;
}

export interface TaskResult {
  task: Task;
  summon: string[];
  bm25: string[];
  /** BM25 with tests, docs and other prose filtered out: how much of the gap the file-type prior alone explains. */
  bm25Source: string[];
  /** Share of gold files whose changed lines the 8k pack includes. */
  packCoverage: number;
  packTokens: number;
}

const git = (cwd: string, args: string[]): string => execFileSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

export function score(ranked: readonly string[], gold: readonly string[]): Scores {
  const recall = (k: number): number => gold.filter((file) => ranked.slice(0, k).includes(file)).length / gold.length;
  const first = ranked.findIndex((file) => gold.includes(file));
  return { r1: recall(1), r5: recall(5), r10: recall(10), mrr: first < 0 ? 0 : 1 / (first + 1) };
}

export function mean(list: readonly Scores[]): Scores {
  const n = Math.max(1, list.length);
  const total = (key: keyof Scores): number => list.reduce((sum, s) => sum + s[key], 0) / n;
  return { r1: total('r1'), r5: total('r5'), r10: total('r10'), mrr: total('mrr') };
}

/** Runs every task of one repository in one worktree, moving it from parent to parent (oldest first). */
export async function runRepository(repo: string, options: { reposDir: string; workDir: string; cacheDir: string; tasksPerRepo: number; pack: boolean }): Promise<TaskResult[]> {
  const name = repo.split('/')[1]!;
  const clone = path.join(options.reposDir, name);
  if (!existsSync(clone)) throw new Error(`missing ${clone}: see bench/context/README.md for how to bring the repositories`);
  const tasks = buildTasks(repo, clone, options.tasksPerRepo).sort((a, b) => a.time - b.time);
  const worktree = path.join(options.workDir, name);
  if (!existsSync(worktree)) {
    mkdirSync(options.workDir, { recursive: true });
    git(clone, ['worktree', 'add', '--detach', '-f', worktree, tasks[0]?.parent ?? 'HEAD']);
  }
  const results: TaskResult[] = [];
  for (const task of tasks) {
    git(worktree, ['checkout', '-q', '-f', '--detach', task.parent]);
    git(worktree, ['clean', '-q', '-f', '-d']);
    const { index } = await openIndex({ cwd: worktree, cacheDir: options.cacheDir });
    try {
      const summon = rankContext(index, task.query, { top: 10 }).map((entry) => entry.path);
      const ranking = buildBm25(worktree, await listIndexableFiles(worktree, true)).search(task.query, 200);
      const bm25 = ranking.slice(0, 10);
      const bm25Source = ranking.filter((file) => !NOT_SOURCE.test(file) && !PROSE.test(file)).slice(0, 10);
      let packCoverage = 0;
      let packTokens = 0;
      if (options.pack) {
        const pack = await packContext(index, task.query, { budgetTokens: 8000, tokenizer: 'o200k_base' });
        packTokens = pack.tokens;
        const covered = task.gold.filter((file) =>
          pack.manifest.some((entry) => entry.path === file && entry.lines !== undefined && task.changedLines[file]!.some((line) => line >= entry.lines![0] && line <= entry.lines![1])),
        );
        packCoverage = covered.length / task.gold.length;
      }
      results.push({ task, summon, bm25, bm25Source, packCoverage, packTokens });
    } finally {
      index.close();
    }
  }
  return results;
}
