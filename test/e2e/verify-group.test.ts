// Verified runs and group sampling through the real CLI: --verify feeds failures back to the model;
// --attempts runs a scored group in worktrees and applies the winner.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeLlm, type FakeLlmServer, type RecordedRequest } from '../../src/fake-llm/index.js';
import { makeSandbox, parseStream, providerEnv, runSummon, type Sandbox } from './harness.js';

let server: FakeLlmServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const CHECK = "const fs = require('fs'); const v = fs.readFileSync('answer.txt', 'utf8').trim(); if (v !== '42') { console.error('answer.txt:1: expected 42, got ' + v); process.exit(1); }\n";

function gitProject(sandbox: Sandbox): void {
  sandbox.files({ 'answer.txt': '41\n', 'check.cjs': CHECK });
  const git = (...args: string[]): string => execFileSync('git', args, { cwd: sandbox.workspace, encoding: 'utf8' });
  git('init', '-q');
  git('add', '-A');
  git('-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'start');
}

describe('--verify', () => {
  it('runs the verifier when the model says done and sends the failure back until it passes', async () => {
    server = await startFakeLlm({
      script: [{ text: 'done' }, { toolCalls: [{ name: 'write', input: { path: 'answer.txt', content: '42\n' } }] }, { text: 'fixed' }],
    });
    const sandbox = makeSandbox();
    gitProject(sandbox);
    const { env, model } = providerEnv('openai', server.url);
    const result = await runSummon(['-p', 'set the answer', '--model', model, '--verify', 'node check.cjs', '--output-format', 'stream-json'], sandbox, env);
    expect(result.code).toBe(0);
    const rounds = parseStream(result.stdout).flatMap((event) => (event.type === 'verify-result' ? [event.verification.passed] : []));
    expect(rounds).toEqual([false, true]);
    expect(JSON.stringify(server.requests[1]!.body)).toContain('expected 42, got 41');
  });
});

describe('--attempts', () => {
  it('runs scored attempts in worktrees, prints the leaderboard, applies the passing winner and cleans up', async () => {
    // Attempts are told apart by their workspace, which the system prompt names.
    const attemptOf = new Map<string, number>();
    const script = (request: RecordedRequest) => {
      const body = JSON.stringify(request.body);
      const folder = /Working directory \(the workspace[^)]*\): ([^\s\\"]+)/.exec(body)?.[1] ?? 'unknown';
      if (!attemptOf.has(folder)) attemptOf.set(folder, attemptOf.size);
      const attempt = attemptOf.get(folder)!;
      const turn = (body.match(/"role":"tool"|"type":"function_call_output"/g) ?? []).length;
      if (turn === 0) return { toolCalls: [{ name: 'write', input: { path: 'answer.txt', content: attempt === 0 ? '42\n' : '7\n' } }] };
      return { text: `attempt ${attempt} done` };
    };
    server = await startFakeLlm({ script });
    const sandbox = makeSandbox();
    gitProject(sandbox);
    const { env, model } = providerEnv('openai', server.url);
    const result = await runSummon(['-p', 'set the answer', '--model', model, '--verify', 'node check.cjs', '--attempts', '2', '--max-turns', '2', '--output-format', 'json'], sandbox, env);
    expect(result.stderr).toMatch(/attempt/i);
    expect(result.code).toBe(0);
    const group = JSON.parse(result.stdout.trim().split('\n').at(-1)!);
    expect(group).toMatchObject({ type: 'group-result', applied: true });
    const rewards = group.attempts.map((attempt: { reward: number }) => attempt.reward).sort();
    expect(rewards[1]).toBe(1);
    expect(rewards[0]).toBeLessThan(1);
    // GRPO advantages of a two-attempt group are symmetric around zero.
    const advantages = group.attempts.map((attempt: { advantage: number }) => attempt.advantage);
    expect(advantages[0]! + advantages[1]!).toBeCloseTo(0, 6);
    expect(readFileSync(path.join(sandbox.workspace, 'answer.txt'), 'utf8')).toBe('42\n');
    // No worktree is left behind.
    const worktrees = execFileSync('git', ['worktree', 'list'], { cwd: sandbox.workspace, encoding: 'utf8' }).trim().split('\n');
    expect(worktrees).toHaveLength(1);
    // Each attempt's trajectory was saved with its reward, ready for export.
    const dir = path.join(sandbox.home, '.local', 'state', 'summon', 'trajectories');
    const records = readdirSync(dir).flatMap((name) => readFileSync(path.join(dir, name), 'utf8').trim().split('\n'));
    expect(records).toHaveLength(2);
    const exported = await runSummon(['export', '--format', 'trl', '--min-reward', '1'], sandbox);
    expect(exported.code).toBe(0);
    expect(exported.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('refuses a group run without a verifier', async () => {
    const sandbox = makeSandbox();
    const result = await runSummon(['-p', 'x', '--model', 'openai/gpt-5', '--attempts', '2'], sandbox, { OPENAI_API_KEY: 'k' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/needs a verifier/);
  });
});
