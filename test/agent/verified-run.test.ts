// Verified runs through the library: when the model says it is done, the verifiers run; failures
// go back to the model until they pass or the budget ends.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { verificationGate } from '../../src/agent/gates.js';
import type { AgentEvent } from '../../src/core/events.js';
import { summaryOf, type RunSummary } from '../../src/core/summary.js';
import type { Verifier } from '../../src/core/verify.js';
import { startFakeLlm, type FakeLlmServer, type FakeScript } from '../../src/fake-llm/index.js';
import { createSession } from '../../src/session/session.js';
import { isolatedEnv } from '../group/helpers.js';

let server: FakeLlmServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Passes when answer.txt holds 42: ground truth the model cannot talk its way past. */
const fileVerifier: Verifier = {
  name: 'answer-file',
  async run(target) {
    const content = readFileSync(path.join(target.workspace, 'answer.txt'), 'utf8').trim();
    return content === '42' ? { reward: 1, passed: true, summary: 'answer.txt holds 42' } : { reward: 0, passed: false, summary: `answer.txt:1: expected 42, found ${content}` };
  },
};

async function run(script: FakeScript, maxTurns = 10): Promise<{ summary: RunSummary; events: AgentEvent[]; workspace: string }> {
  server = await startFakeLlm({ script });
  const workspace = mkdtempSync(path.join(os.tmpdir(), 'summon-verified-'));
  writeFileSync(path.join(workspace, 'answer.txt'), '41\n');
  const session = await createSession({
    cwd: workspace,
    env: isolatedEnv(),
    config: { model: 'openai-chat/gpt-4.1', providers: { openai: { baseUrl: `${server.url}/v1`, apiKey: 'k' } }, maxTurns, retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 10, requestTimeoutMs: 20_000 } },
    sessionsDir: false,
    // A verifier of the test's own, as a done gate: the same gate --verify and the config's verifiers use.
    hooks: { doneGates: [verificationGate([fileVerifier])] },
  });
  const events: AgentEvent[] = [];
  for await (const event of session.run('make answer.txt hold the answer')) events.push(event);
  await session.close();
  const done = events.at(-1);
  if (done?.type !== 'done') throw new Error('no done event');
  const summary = summaryOf(done);
  return { summary, events, workspace };
}

describe('verified runs', () => {
  it('sends a failed verification back to the model, which fixes it; the report carries the reward', async () => {
    const { summary, events, workspace } = await run([
      { text: 'Done, I think.' },
      { toolCalls: [{ name: 'write', input: { path: 'answer.txt', content: '42\n' } }] },
      { text: 'Fixed.' },
    ]);
    expect(summary.reason).toBe('completed');
    expect(readFileSync(path.join(workspace, 'answer.txt'), 'utf8')).toBe('42\n');
    const rounds = events.flatMap((event) => (event.type === 'verify-result' ? [event.verification] : []));
    expect(rounds.map((round) => round.passed)).toEqual([false, true]);
    expect(summary.verification).toMatchObject({ reward: 1, passed: true, verifiers: [{ name: 'answer-file', reward: 1 }] });
    // The second request carried the verifier's failure to the model.
    expect(JSON.stringify(server!.requests[1]!.body)).toContain('answer.txt:1: expected 42, found 41');
  });

  it('reports verify-failed when the budget ends before verification passes', async () => {
    const { summary } = await run(() => ({ text: 'Done.' }), 3);
    expect(summary.reason).toBe('verify-failed');
    expect(summary.turns).toBe(3);
    expect(summary.verification).toMatchObject({ passed: false, reward: 0 });
  });
});
