// Resuming from the command line: --continue picks the newest session of the folder, --resume ID a
// given one; the model sees the earlier conversation; a bad id is a usage error naming recent sessions.
import { afterEach, expect, it } from 'vitest';
import { startFakeLlm, type FakeLlmServer } from '../../src/fake-llm/index.js';
import { makeSandbox, parseStream, providerEnv, runSummon } from './harness.js';

let server: FakeLlmServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

it('--continue and --resume ID carry the conversation on; an unknown id exits 2 naming recent sessions', async () => {
  server = await startFakeLlm({ script: [{ text: 'Noted: 7.' }, { text: 'It was 7.' }, { text: 'Still 7.' }] });
  const sandbox = makeSandbox();
  const { env, model } = providerEnv('openai', server.url);
  const first = await runSummon(['-p', 'remember the number 7', '--model', model, '--output-format', 'json'], sandbox, env);
  expect(first.code, first.stderr).toBe(0);
  const id = (JSON.parse(first.stdout) as { sessionId: string }).sessionId;

  const second = await runSummon(['-p', 'which number?', '--continue', '--model', model, '--output-format', 'stream-json'], sandbox, env);
  expect(second.code, second.stderr).toBe(0);
  const events = parseStream(second.stdout);
  expect(events[0]).toMatchObject({ type: 'session-start', sessionId: id, run: 2, resumed: true });
  expect(events.at(-1)).toMatchObject({ type: 'done', result: 'It was 7.' });
  expect(JSON.stringify(server.requests[1]!.body)).toContain('remember the number 7');

  const third = await runSummon(['-p', 'and now?', '--resume', id, '--model', model], sandbox, env);
  expect(third.code, third.stderr).toBe(0);
  expect(third.stdout).toBe('Still 7.\n');
  const body = JSON.stringify(server.requests[2]!.body);
  expect(body).toContain('remember the number 7');
  expect(body).toContain('It was 7.');

  // summon sessions lists it: its first task, three runs, their turns and cost.
  const listed = await runSummon(['sessions', '--json'], sandbox, env);
  expect(listed.code, listed.stderr).toBe(0);
  const rows = listed.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ id, task: 'remember the number 7', runs: 3, turns: 3, lastReason: 'completed' });
  const text = await runSummon(['sessions'], sandbox, env);
  expect(text.stdout).toMatch(new RegExp(`^${id}  \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}  3 runs, 3 turns, \\$\\d+\\.\\d{4}  remember the number 7\\n$`));
  // Another folder has none of them, unless --all.
  const elsewhere = await runSummon(['sessions', '--cwd', sandbox.home], sandbox, env);
  expect(elsewhere.stdout).toBe('');
  expect((await runSummon(['sessions', '--all', '--json'], sandbox, env)).stdout.trim().split('\n')).toHaveLength(1);

  const missing = await runSummon(['-p', 'x', '--resume', '20200101-000000-nope', '--model', model], sandbox, env);
  expect(missing.code).toBe(2);
  expect(missing.stderr).toContain('no session 20200101-000000-nope');
  expect(missing.stderr).toContain(`${id} (remember the number 7)`);
});
