// The trajectory store and `summon export`: atomic JSONL records, filters, and each trainer's shape.
import { appendFileSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/export-command.js';
import type { CliIo } from '../../src/cli/io.js';
import { openTrajectoryStore, trajectorySchema, type Trajectory } from '../../src/export/index.js';

function record(attempt: number, reward: number, startedAt: string): Trajectory {
  return {
    version: 1,
    id: `g1-${attempt}`,
    groupId: 'g1',
    attempt,
    groupSize: 2,
    task: 'fix the slug test',
    system: 'You are summon.',
    messages: [
      { role: 'user', content: 'fix the slug test' },
      { role: 'assistant', text: 'Fixing.', reasoning: [], toolCalls: [{ id: 'c1', name: 'write', input: { path: 'slug.js', content: 'x' } }] },
      { role: 'tool', results: [{ id: 'c1', name: 'write', output: 'wrote slug.js', isError: false }] },
      { role: 'assistant', text: 'Done.', reasoning: [], toolCalls: [] },
    ],
    finalAnswer: 'Done.',
    rewards: { test: reward, lint: 1 },
    reward,
    passed: reward === 1,
    advantage: reward === 1 ? 1 : -1,
    advantageKind: 'grpo',
    diff: 'diff --git a/slug.js b/slug.js\n',
    model: 'scripted/x',
    usage: { inputTokens: 10, outputTokens: 5, reasoningTokens: 0, cachedInputTokens: 0, cacheWriteTokens: 0 },
    costUsd: 0,
    turns: 2,
    exitReason: 'completed',
    startedAt,
    endedAt: startedAt,
  };
}

function capture(dir: string): { io: CliIo; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return { io: { stdout: (t) => void (out += t), stderr: (t) => void (err += t), env: {}, cwd: dir, stderrIsTty: false }, out: () => out, err: () => err };
}

function seeded(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'summon-traj-'));
  const store = openTrajectoryStore(dir);
  store.append(record(1, 1, '2025-06-01T10:00:00.000Z'));
  store.append(record(2, 0.25, '2025-06-02T10:00:00.000Z'));
  return dir;
}

describe('trajectory store', () => {
  it('appends one line per record in per-day files and skips a torn line', () => {
    const dir = seeded();
    expect(readdirSync(dir).sort()).toEqual(['trajectories-2025-06-01.jsonl', 'trajectories-2025-06-02.jsonl']);
    appendFileSync(path.join(dir, 'trajectories-2025-06-02.jsonl'), '{"version":1,"id":"torn');
    const { records, malformed } = openTrajectoryStore(dir).read();
    expect(records.map((r) => r.attempt)).toEqual([1, 2]);
    expect(malformed).toBe(1);
    expect(openTrajectoryStore(dir).read({ since: new Date('2025-06-02') }).records.map((r) => r.attempt)).toEqual([2]);
  });

  it('validates records before writing them', () => {
    const store = openTrajectoryStore(mkdtempSync(path.join(os.tmpdir(), 'summon-traj-')));
    expect(() => store.append({ ...record(1, 1, '2025-06-01T00:00:00Z'), reward: Number.NaN })).toThrow();
  });
});

describe('summon export', () => {
  const rows = (text: string) => text.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);

  it('trl: conversational prompt/completion with reward, group id and per-verifier rewards', async () => {
    const dir = seeded();
    const { io, out, err } = capture(dir);
    expect(await run(['--format', 'trl', '--dir', dir], io)).toBe(0);
    const [first] = rows(out());
    expect(first).toEqual({
      prompt: [
        { role: 'system', content: 'You are summon.' },
        { role: 'user', content: 'fix the slug test' },
      ],
      completion: [
        { role: 'assistant', content: 'Fixing.', tool_calls: [{ type: 'function', id: 'c1', function: { name: 'write', arguments: { path: 'slug.js', content: 'x' } } }] },
        { role: 'tool', name: 'write', tool_call_id: 'c1', content: 'wrote slug.js' },
        { role: 'assistant', content: 'Done.' },
      ],
      reward: 1,
      group_id: 'g1',
      attempt: 1,
      advantage: 1,
      rewards: { test: 1, lint: 1 },
    });
    expect(err()).toContain('exported 2 rows (trl)');
  });

  it('openrlhf and verl shapes; --min-reward and --since filter; --out writes a file', async () => {
    const dir = seeded();
    const { io, out } = capture(dir);
    await run(['--format', 'openrlhf', '--dir', dir, '--min-reward', '0.5'], io);
    const openrlhf = rows(out());
    expect(openrlhf).toHaveLength(1);
    expect(openrlhf[0]).toMatchObject({ input: 'fix the slug test', output: 'Done.', reward: 1, label: '', group_id: 'g1' });

    const file = path.join(dir, 'verl.jsonl');
    await run(['--format', 'verl', '--dir', dir, '--since', '2025-06-02', '--out', file], capture(dir).io);
    const verl = rows(readFileSync(file, 'utf8'));
    expect(verl).toEqual([
      {
        data_source: 'summon',
        prompt: [
          { role: 'system', content: 'You are summon.' },
          { role: 'user', content: 'fix the slug test' },
        ],
        ability: 'coding',
        reward_model: { style: 'rule', ground_truth: '' },
        extra_info: { index: 0, split: 'train', response: 'Done.', reward: 0.25, passed: false, model: 'scripted/x', group_id: 'g1', attempt: 2, advantage: -1, rewards: { test: 0.25, lint: 1 } },
      },
    ]);
  });

  it('jsonl: the stored records, valid against the schema', async () => {
    const dir = seeded();
    const { io, out } = capture(dir);
    await run(['--format', 'jsonl', '--dir', dir], io);
    expect(rows(out()).map((row) => trajectorySchema.parse(row).id)).toEqual(['g1-1', 'g1-2']);
  });

  it('rejects bad flags with usage errors', async () => {
    const { io } = capture(os.tmpdir());
    await expect(run(['--format', 'csv'], io)).rejects.toMatchObject({ code: 'usage' });
    await expect(run(['--format', 'trl', '--since', 'yesterday-ish'], io)).rejects.toMatchObject({ code: 'usage' });
    await expect(run(['--format', 'trl', '--bogus'], io)).rejects.toMatchObject({ code: 'usage' });
  });
});
