// Group sampling end to end: the real agent loop against the fake LLM server, real git worktrees,
// the real test verifier running node:test; the winner applied; nothing left behind.
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentEvent } from '../../src/core/events.js';
import { openTrajectoryStore } from '../../src/export/index.js';
import { startFakeLlm, type FakeLlmServer } from '../../src/fake-llm/index.js';
import { groupAdvantages, renderLeaderboard, runGroup } from '../../src/group/index.js';
import { defaultSpawn } from '../../src/tools/index.js';
import { buildVerifiers } from '../../src/verify/registry.js';
import { FIXED_SLUG, PARTIAL_SLUG, git, requestInfo, attemptSessions, slugProject, write, writeThenAnswer } from './helpers.js';

let server: FakeLlmServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const verifiers = () => buildVerifiers([{ kind: 'test', command: 'node --test' }], { spawn: defaultSpawn });
const tempRoot = () => mkdtempSync(path.join(os.tmpdir(), 'summon-group-tmp-'));
const worktrees = (repo: string) => git(repo, ['worktree', 'list', '--porcelain']).split('\n').filter((line) => line.startsWith('worktree ')).length;

describe('runGroup', () => {
  it('scores four attempts, ranks them (ties → smaller diff), applies the winner and leaves no worktree', async () => {
    const scripts: Record<number, string | undefined> = {
      1: FIXED_SLUG.replace('=>', '=>\n  // a long-winded fix\n  // with comments\n '),
      2: PARTIAL_SLUG,
      3: FIXED_SLUG,
      4: undefined,
    };
    server = await startFakeLlm({ script: (request) => { const { attempt, turn } = requestInfo(request); return writeThenAnswer(turn, scripts[attempt]); } });
    const repo = slugProject();
    // Uncommitted work of the user: every attempt must see it, and the winner's diff must not contain it.
    write(repo, { 'NOTES.md': 'my notes\n', 'README.md': 'draft\n' });
    git(repo, ['add', 'README.md']);
    const tmp = tempRoot();
    const events = new Map<number, AgentEvent[]>();
    const store = openTrajectoryStore(mkdtempSync(path.join(os.tmpdir(), 'summon-traj-')));
    const sessions = attemptSessions(server.url);

    const result = await runGroup({
      task: 'make the slug tests pass',
      workspace: repo,
      attempts: 4,
      concurrency: 2,
      verifiers: verifiers(),
      signal: new AbortController().signal,
      ...sessions,
      tempDir: tmp,
      store,
      onEvent: (attempt, event) => {
        if (!events.has(attempt.index)) events.set(attempt.index, []);
        events.get(attempt.index)!.push(event);
      },
    });

    expect(result.attempts.map((a) => [a.index, a.reward, a.passed])).toEqual([
      [1, 1, true],
      [2, 0.75, false],
      [3, 1, true],
      [4, 0.5, false],
    ]);
    expect(result.winner?.index).toBe(3);
    expect(result.leaderboard.map((a) => a.index)).toEqual([3, 1, 2, 4]);
    const expected = groupAdvantages([1, 0.75, 1, 0.5]);
    result.attempts.forEach((attempt, position) => expect(attempt.advantage).toBeCloseTo(expected[position]!));
    // mean 0.8125, population std √(0.171875 / 4)
    expect(result.attempts[0]!.advantage).toBeCloseTo(0.1875 / (Math.sqrt(0.171875 / 4) + 1e-4));
    expect(result.attempts.map((a) => a.diff.files)).toEqual([['slug.js'], ['slug.js'], ['slug.js'], []]);
    expect(result.applied).toBe(true);
    expect(readFileSync(path.join(repo, 'slug.js'), 'utf8')).toBe(FIXED_SLUG);
    expect(readFileSync(path.join(repo, 'NOTES.md'), 'utf8')).toBe('my notes\n');
    // Three attempts took two turns, the idle one took one.
    expect(result.compute).toMatchObject({ attempts: 4, tokens: 7 * 1100 });
    expect(result.compute.costUsd).toBeCloseTo((7 * (1000 * 1 + 100 * 2)) / 1e6);
    // Each attempt's events came from its own session.
    expect([...events.keys()].sort()).toEqual([1, 2, 3, 4]);
    expect(events.get(2)!.at(-1)).toMatchObject({ type: 'done', reason: 'completed', sessionId: `${result.groupId}-2` });
    // Nothing left behind.
    expect(readdirSync(tmp)).toEqual([]);
    expect(worktrees(repo)).toBe(1);
    // Trajectories with rewards and advantages.
    const { records } = store.read();
    expect(records.map((r) => [r.attempt, r.reward, r.groupId])).toEqual([1, 2, 3, 4].map((i) => [i, [1, 0.75, 1, 0.5][i - 1], result.groupId]));
    expect(records[2]!.messages[0]).toEqual({ role: 'user', content: 'make the slug tests pass' });
    const board = renderLeaderboard(result);
    expect(board).toContain('#3 ★ applied');
    expect(board).toMatch(/compute: 7,700 tokens/);
  });

  it('attempts "auto": adds attempts only while verification fails', async () => {
    const scripts: Record<number, string | undefined> = { 1: PARTIAL_SLUG, 2: FIXED_SLUG, 3: FIXED_SLUG };
    server = await startFakeLlm({ script: (request) => { const { attempt, turn } = requestInfo(request); return writeThenAnswer(turn, scripts[attempt]); } });
    const repo = slugProject();
    const sessions = attemptSessions(server.url);
    const result = await runGroup({ task: 'fix', workspace: repo, attempts: 'auto', maxAttempts: 5, concurrency: 1, verifiers: verifiers(), signal: new AbortController().signal, ...sessions, tempDir: tempRoot() });
    expect(result.attempts.map((a) => a.index)).toEqual([1, 2]);
    expect(result.winner?.index).toBe(2);
    expect(result.attempts[1]!.advantage).toBeCloseTo(0.125 / (0.125 + 1e-4));
  });

  it('on abort, stops every attempt, applies nothing and removes every worktree', async () => {
    server = await startFakeLlm({ script: () => ({ toolCalls: [{ name: 'bash', input: { command: 'sleep 30' } }] }) });
    const repo = slugProject();
    const tmp = tempRoot();
    const sessions = attemptSessions(server.url);
    const controller = new AbortController();
    const started: number[] = [];
    const began = Date.now();
    const result = await runGroup({
      task: 'fix',
      workspace: repo,
      attempts: 3,
      concurrency: 3,
      verifiers: verifiers(),
      signal: controller.signal,
      ...sessions,
      tempDir: tmp,
      onProgress: (progress) => {
        if (progress.type === 'attempt-start') started.push(progress.attempt.index);
        if (started.length === 3) setTimeout(() => controller.abort(), 500);
      },
    });
    expect(Date.now() - began).toBeLessThan(15_000);
    expect(result.interrupted).toBe(true);
    expect(result.applied).toBe(false);
    expect(result.attempts.every((a) => a.summary.reason === 'interrupted' && a.verification === undefined)).toBe(true);
    expect(readdirSync(tmp)).toEqual([]);
    expect(worktrees(repo)).toBe(1);
    expect(readFileSync(path.join(repo, 'slug.js'), 'utf8')).toContain("replace(' ', '-')");
  });

  it('a fatal attempt error (key refused) stops the group, is thrown, and leaves no worktree', async () => {
    server = await startFakeLlm({ script: () => ({ fault: { kind: 'status', status: 401, message: 'bad key' } }) });
    const repo = slugProject();
    const tmp = tempRoot();
    const sessions = attemptSessions(server.url);
    await expect(runGroup({ task: 'fix', workspace: repo, attempts: 3, verifiers: verifiers(), signal: new AbortController().signal, ...sessions, tempDir: tmp })).rejects.toMatchObject({ code: 'auth-failed' });
    expect(readdirSync(tmp)).toEqual([]);
    expect(worktrees(repo)).toBe(1);
  });

  it('works on a folder that is not a git repository (copies), and refuses to run without verifiers', async () => {
    server = await startFakeLlm({ script: (request) => writeThenAnswer(requestInfo(request).turn, FIXED_SLUG) });
    const dir = mkdtempSync(path.join(os.tmpdir(), 'summon-group-plain-'));
    write(dir, { 'package.json': JSON.stringify({ type: 'module' }), 'slug.js': PARTIAL_SLUG, 'test/slug.test.js': readFileSync(path.join(slugProject(), 'test/slug.test.js'), 'utf8') });
    const sessions = attemptSessions(server.url);
    const tmp = tempRoot();
    const result = await runGroup({ task: 'fix', workspace: dir, attempts: 2, verifiers: verifiers(), signal: new AbortController().signal, ...sessions, tempDir: tmp });
    expect(result.attempts.map((a) => a.reward)).toEqual([1, 1]);
    expect(result.applied).toBe(true);
    expect(readFileSync(path.join(dir, 'slug.js'), 'utf8')).toBe(FIXED_SLUG);
    expect(existsSync(path.join(dir, '.git'))).toBe(false);
    expect(readdirSync(tmp)).toEqual([]);
    await expect(runGroup({ task: 'fix', workspace: dir, attempts: 2, verifiers: [], signal: new AbortController().signal, ...sessions })).rejects.toThrow(/at least one verifier/);
  });
});
