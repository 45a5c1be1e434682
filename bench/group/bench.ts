// Group sampling benchmark. (1) Worktree set-up and clean-up per attempt on a generated 5,000-file git
// repository with uncommitted changes and untracked files (target ≤ 500 ms per attempt, set-up +
// clean-up). (2) A small group run of the real agent loop against the fake LLM server, printing the
// leaderboard. Started by run.ts (npx tsx bench/group/run.ts).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSession } from '../../src/session/session.js';
import { startFakeLlm } from '../../src/fake-llm/index.js';
import { attemptDiff, createAttemptWorkspace, defaultAttemptRoot, pruneWorktrees, removeAttemptWorkspace, renderLeaderboard, runGroup, snapshotSource } from '../../src/group/index.js';
import { defaultSpawn } from '../../src/tools/index.js';
import { buildVerifiers } from '../../src/verify/registry.js';
import { median, percentile, printTable, writeResults } from '../lib.mjs';

const FILES = 5_000;
const RUNS = 10;

function git(cwd: string, args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function makeRepo(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'summon-bench-group-'));
  for (let index = 0; index < FILES; index++) {
    const folder = path.join(dir, 'src', `m${Math.floor(index / 100)}`);
    if (index % 100 === 0) mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, `f${index}.ts`), `export const value${index} = ${index};\n// ${'x'.repeat(index % 400)}\n`);
  }
  writeFileSync(path.join(dir, '.gitignore'), 'node_modules\n');
  git(dir, ['init', '-q']);
  git(dir, ['add', '-A']);
  git(dir, ['-c', 'user.name=b', '-c', 'user.email=b@b.invalid', 'commit', '-qm', 'init']);
  // The user's uncommitted work: edits, a staged file, untracked files, a dependency folder.
  for (let index = 0; index < 20; index++) writeFileSync(path.join(dir, 'src', 'm0', `f${index}.ts`), `export const edited${index} = true;\n`);
  for (let index = 0; index < 20; index++) writeFileSync(path.join(dir, `new-${index}.ts`), `export {};\n`);
  mkdirSync(path.join(dir, 'node_modules', 'dep'), { recursive: true });
  writeFileSync(path.join(dir, 'node_modules', 'dep', 'index.js'), 'module.exports = 1;\n');
  return dir;
}

async function worktreeTimes(root: string): Promise<Record<string, number>[]> {
  const repo = makeRepo();
  const tmp = mkdtempSync(path.join(root, 'summon-bench-wt-'));
  const rows: Record<string, number>[] = [];
  try {
    const snapStart = performance.now();
    const source = await snapshotSource(repo);
    const snapshotMs = performance.now() - snapStart;
    let baseTree: string | undefined;
    for (let run = 0; run < RUNS; run++) {
      const dir = path.join(tmp, `attempt-${run}`);
      // git's own floor on this machine right now: a bare worktree checkout and its removal.
      const f0 = performance.now();
      git(repo, ['worktree', 'add', '--detach', '-q', path.join(tmp, 'floor'), 'HEAD']);
      const f1 = performance.now();
      rmSync(path.join(tmp, 'floor'), { recursive: true, force: true });
      git(repo, ['worktree', 'prune']);
      const f2 = performance.now();
      const t0 = performance.now();
      // As in runGroup: the first attempt hashes the starting tree, the others reuse it.
      const attempt = await createAttemptWorkspace(source, dir, baseTree ? { baseTree } : {});
      baseTree ??= attempt.baseTree;
      const t1 = performance.now();
      writeFileSync(path.join(attempt.workspace, 'src', 'm1', 'f100.ts'), 'export const changed = 1;\n');
      const diff = await attemptDiff(source, attempt);
      const t2 = performance.now();
      await removeAttemptWorkspace(dir);
      await pruneWorktrees(source);
      const t3 = performance.now();
      if (diff.files.join() !== 'src/m1/f100.ts') throw new Error(`unexpected diff: ${diff.files.join()}`);
      rows.push({ setupMs: t1 - t0, diffMs: t2 - t1, cleanupMs: t3 - t2, totalMs: t3 - t0, snapshotMs, floorSetupMs: f1 - f0, floorCleanupMs: f2 - f1 });
    }
  } finally {
    // A background `git gc --auto` may still be writing into .git: retry.
    rmSync(repo, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
    rmSync(tmp, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  }
  return rows;
}

async function smallGroup(): Promise<{ board: string; wallMs: number; winner: number | undefined }> {
  const repo = mkdtempSync(path.join(os.tmpdir(), 'summon-bench-slug-'));
  mkdirSync(path.join(repo, 'test'));
  writeFileSync(path.join(repo, 'package.json'), JSON.stringify({ type: 'module', scripts: { test: 'node --test' } }));
  writeFileSync(path.join(repo, 'slug.js'), "export const slug = (s) => s.toLowerCase().replace(' ', '-');\n");
  writeFileSync(
    path.join(repo, 'test', 'slug.test.js'),
    "import test from 'node:test';\nimport assert from 'node:assert/strict';\nimport { slug } from '../slug.js';\n" +
      "test('lowercases', () => assert.equal(slug('AB'), 'ab'));\ntest('many spaces', () => assert.equal(slug('a b c'), 'a-b-c'));\ntest('trims', () => assert.equal(slug(' a '), 'a'));\n",
  );
  git(repo, ['init', '-q']);
  git(repo, ['add', '-A']);
  git(repo, ['-c', 'user.name=b', '-c', 'user.email=b@b.invalid', 'commit', '-qm', 'init']);
  const fixes: Record<number, string | undefined> = {
    1: "export const slug = (s) => s.trim().toLowerCase().replace(' ', '-');\n",
    2: "export const slug = (s) => s.trim().toLowerCase().split(/\\s+/).join('-');\n",
    3: undefined,
    4: "// split on runs of whitespace\nexport const slug = (s) =>\n  s.trim().toLowerCase().split(/\\s+/).join('-');\n",
  };
  const server = await startFakeLlm({
    script: (request) => {
      const body = JSON.stringify(request.body);
      const attempt = Number(/attempt-(\d+)/.exec(body)?.[1] ?? 0);
      const turn = (body.match(/\\?"role\\?":\\?"assistant\\?"/g) ?? []).length;
      const content = fixes[attempt];
      const usage = { inputTokens: 1_500 + attempt * 100, outputTokens: 120 };
      return turn === 0 && content !== undefined ? { text: 'Fixing.', toolCalls: [{ name: 'write', input: { path: 'slug.js', content } }], usage } : { text: 'Done.', usage };
    },
  });
  try {
    const config = {
      model: 'scripted/bench',
      providers: { scripted: { type: 'openai-compatible' as const, baseUrl: `${server.url}/v1` } },
      models: { 'scripted/bench': { contextWindow: 128_000, maxOutputTokens: 8_192, inputPrice: 3, outputPrice: 15, tools: true, reasoning: 'none' as const } },
      maxTurns: 6,
      retry: { maxAttempts: 1, baseDelayMs: 10, maxDelayMs: 10, requestTimeoutMs: 20_000 },
      sandbox: false,
      permissions: { allow: ['bash'], ask: [], deny: [] },
    };
    const home = mkdtempSync(path.join(os.tmpdir(), 'summon-bench-home-'));
    const env = { PATH: process.env.PATH, HOME: home, XDG_CONFIG_HOME: path.join(home, 'config'), XDG_CACHE_HOME: path.join(home, 'cache') };
    const result = await runGroup({
      task: 'make the slug tests pass',
      workspace: repo,
      attempts: 4,
      concurrency: 2,
      verifiers: buildVerifiers([{ kind: 'test' }], { spawn: defaultSpawn }),
      signal: new AbortController().signal,
      modelId: config.model,
      // Each attempt is a session of the session core, as in `summon run --attempts`.
      session: (attempt) => createSession({ cwd: attempt.workspace, id: attempt.sessionId, env, config, sessionsDir: false }),
    });
    return { board: renderLeaderboard(result), wallMs: result.compute.wallMs, winner: result.winner?.index };
  } finally {
    await server.close();
    rmSync(repo, { recursive: true, force: true });
  }
}

const PHASES = ['setupMs', 'diffMs', 'cleanupMs', 'totalMs', 'floorSetupMs', 'floorCleanupMs'];
const locations: Record<string, unknown>[] = [];
// The default location (tmpfs when there is one), and the OS temp folder on disk for comparison.
for (const [label, root] of [['default: ' + defaultAttemptRoot(), defaultAttemptRoot()], ['os.tmpdir(): ' + os.tmpdir(), os.tmpdir()]] as const) {
  if (locations.length > 0 && root === defaultAttemptRoot()) continue;
  const rows = await worktreeTimes(root);
  const stat = (key: string) => ({ median: median(rows.map((row) => row[key]!)), p90: percentile(rows.map((row) => row[key]!), 90) });
  const summary = PHASES.map((key) => ({ phase: key.replace('Ms', ''), ...stat(key) }));
  printTable(`worktree per attempt in ${label}, ${FILES.toLocaleString('en-US')}-file repo, ${RUNS} attempts (snapshot of uncommitted work once per group: ${rows[0]!.snapshotMs!.toFixed(0)} ms)`, summary, [
    ['phase', 'phase'],
    ['median', 'median ms'],
    ['p90', 'p90 ms'],
  ]);
  const perAttempt = median(rows.map((row) => row.setupMs! + row.cleanupMs!));
  const floor = median(rows.map((row) => row.floorSetupMs! + row.floorCleanupMs!));
  console.log(`set-up + clean-up per attempt: ${perAttempt.toFixed(0)} ms median (target ≤ 500 ms); bare git worktree add + rm -rf there: ${floor.toFixed(0)} ms; load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores\n`);
  locations.push({ location: label, snapshotMs: rows[0]!.snapshotMs, phases: summary, setupPlusCleanupMedianMs: perAttempt, bareGitFloorMs: floor, loadAverage: os.loadavg()[0] });
}

const group = await smallGroup();
console.log(group.board);
console.log('');
writeResults('group', { files: FILES, runs: RUNS, targetMs: 500, locations, endToEnd: { attempts: 4, concurrency: 2, wallMs: group.wallMs, winner: group.winner } });
