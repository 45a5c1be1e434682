// resumeSession in a new process: a front end is killed with SIGKILL in the middle of a run (the
// model is answering its second request); the session resumes from the journal with every message
// the killed process had emitted, and the dangling state is repaired so the provider accepts it.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { expect, it } from 'vitest';
import type { AgentEvent } from '../../src/core/events.js';
import { resumeSession } from '../../src/session/session.js';
import { useFakeLlm } from '../fake-llm/lifecycle.js';
import { bodyText, fakeModelConfig, isolatedEnv, ofType, runTask, tempWorkspace } from './helpers.js';

const startFake = useFakeLlm();
const SCRIPT = path.join(import.meta.dirname, 'fixtures', 'run-session.mjs');

/** Starts the front end in its own process; resolves its printed events as they come. */
function startFrontEnd(cwd: string, config: object, env: Record<string, string>, task: string) {
  const child = spawn(process.execPath, [SCRIPT, cwd, JSON.stringify(config), task], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const printed: Array<AgentEvent | { type: 'session-id'; id: string }> = [];
  let buffer = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const line of lines) printed.push(JSON.parse(line) as AgentEvent);
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  return { child, printed, exited, stderr: () => stderr };
}

async function until(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!check() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
}

it('continues a session whose process was killed with SIGKILL mid-run', async () => {
  let calls = 0;
  const fake = await startFake(() => {
    calls++;
    if (calls === 1) return { text: 'Writing the note.', toolCalls: [{ name: 'write', input: { path: 'note.txt', content: 'written before the kill\n' } }] };
    if (calls === 2) return { fault: { kind: 'hang' } };
    return { text: 'Resumed: note.txt is written.' };
  });
  const env = isolatedEnv();
  const cwd = tempWorkspace();
  const config = fakeModelConfig(fake.url);
  const { child, printed, exited, stderr } = startFrontEnd(cwd, config, env, 'write a note');
  // The second request is the model answering the tool result: kill the front end while it waits.
  await until(() => fake.requests.length >= 2);
  expect(fake.requests.length, stderr()).toBe(2);
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');

  const id = (printed[0] as { id: string }).id;
  const emittedMessages = printed.flatMap((event) => (event.type === 'message' ? [event.message] : []));
  expect(emittedMessages.map((message) => message.role)).toEqual(['user', 'assistant', 'tool']);

  const resumed = await resumeSession(id, { env, config });
  // Everything the killed process emitted is there (the request in flight had produced nothing yet).
  expect(resumed.history()).toEqual(emittedMessages);
  expect(resumed.workspace).toBe(cwd);
  const events = await runTask(resumed, 'go on');
  await resumed.close();
  expect(events.at(-1)).toMatchObject({ type: 'done', reason: 'completed', result: 'Resumed: note.txt is written.' });
  expect(ofType(events, 'session-start')[0]).toMatchObject({ run: 2, resumed: true, sessionId: id });
  const seen = bodyText(fake.requests[2]);
  expect(seen).toContain('write a note');
  expect(seen).toContain('note.txt');
  expect(seen).toContain('go on');
});

it('answers a tool call the killed process was running, so the resumed conversation is valid', async () => {
  let calls = 0;
  const fake = await startFake(() => (++calls === 1 ? { toolCalls: [{ name: 'bash', input: { command: 'sleep 3' } }] } : { text: 'Checked again.' }));
  const env = isolatedEnv();
  const config = fakeModelConfig(fake.url);
  const { child, printed, exited } = startFrontEnd(tempWorkspace(), config, env, 'wait a bit');
  await until(() => printed.some((event) => event.type === 'tool-call'));
  child.kill('SIGKILL');
  await exited;
  const id = (printed[0] as { id: string }).id;
  const resumed = await resumeSession(id, { env, config });
  const history = resumed.history();
  expect(history.map((message) => message.role)).toEqual(['user', 'assistant', 'tool']);
  expect(history[2]).toMatchObject({ role: 'tool', results: [{ name: 'bash', isError: true, output: expect.stringContaining('may have run in part or not at all') }] });
  const events = await runTask(resumed, 'did it finish?');
  await resumed.close();
  expect(events.at(-1)).toMatchObject({ type: 'done', reason: 'completed' });
  expect(bodyText(fake.requests[1])).toContain('may have run in part or not at all');
});
