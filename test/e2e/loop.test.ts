// The loop's behaviour seen from outside: Ctrl-C, parallel read-only calls, context compaction.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeLlm, type FakeLlmServer } from '../../src/fake-llm/index.js';
import { BIN, makeSandbox, parseStream, providerEnv, runSummon, startSummon } from './harness.js';

let server: FakeLlmServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function waitFor(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('interrupts', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)('%s kills the running command group, flushes the journal and exits 130', async (signal) => {
    // A background loop writes a heartbeat; once the group is killed the heartbeat stops. (Inside the
    // sandbox's PID namespace its pid means nothing out here, so the file is the witness.)
    const command = '(while true; do date +%s%N > beat; sleep 0.05; done) & sleep 300';
    server = await startFakeLlm({ script: [{ toolCalls: [{ name: 'bash', input: { command } }] }] });
    const sandbox = makeSandbox();
    const { env, model } = providerEnv('openai', server.url);
    const { child, done } = startSummon(['-p', 'wait forever', '--model', model], sandbox, env);
    const beat = path.join(sandbox.workspace, 'beat');
    await waitFor(() => existsSync(beat), 10_000);
    const sentAt = Date.now();
    child.kill(signal);
    const result = await done;
    expect(result.code).toBe(130);
    expect(Date.now() - sentAt).toBeLessThan(5_000);
    const last = readFileSync(beat, 'utf8');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(readFileSync(beat, 'utf8')).toBe(last);
    const journal = sandbox.journalEvents();
    expect(journal[0]).toMatchObject({ type: 'session-start' });
    expect(journal.at(-1)).toMatchObject({ type: 'done', reason: 'interrupted' });
  });
});

describe('tool dispatch', () => {
  it('runs independent read-only calls together and writes alone, results in call order', async () => {
    server = await startFakeLlm({
      script: [
        {
          toolCalls: [
            { name: 'read', input: { path: 'a.txt' } },
            { name: 'grep', input: { pattern: 'beta' } },
            { name: 'write', input: { path: 'c.txt', content: 'gamma\n' } },
          ],
        },
        { text: 'ok' },
      ],
    });
    const sandbox = makeSandbox();
    sandbox.files({ 'a.txt': 'alpha\n', 'b.txt': 'beta\n' });
    const { env, model } = providerEnv('anthropic', server.url);
    const result = await runSummon(['-p', 'look', '--model', model, '--output-format', 'stream-json'], sandbox, env);
    expect(result.code).toBe(0);
    const sequence = parseStream(result.stdout).flatMap((event) => (event.type === 'tool-call' || event.type === 'tool-result' ? [`${event.type}:${event.name}`] : []));
    // Both reads start before either finishes; the write starts only after both are done.
    expect(sequence.slice(0, 2).sort()).toEqual(['tool-call:grep', 'tool-call:read']);
    expect(sequence.indexOf('tool-call:write')).toBeGreaterThan(Math.max(sequence.indexOf('tool-result:read'), sequence.indexOf('tool-result:grep')));
    const toolMessage = parseStream(result.stdout).find((event) => event.type === 'message' && event.message.role === 'tool');
    expect(toolMessage?.type === 'message' && toolMessage.message.role === 'tool' && toolMessage.message.results.map((r) => r.name)).toEqual(['read', 'grep', 'write']);
  });
});

describe('context window', () => {
  it('elides old tool outputs, then summarises, and says what it dropped', async () => {
    const big = Array.from({ length: 400 }, (_, index) => `line ${index} of a long file`).join('\n');
    server = await startFakeLlm({
      script: (request) => {
        const body = JSON.stringify(request.body);
        if (body.includes('Summarise the conversation')) return { text: 'SUMMARY: read big1..big4; nothing changed.' };
        const reads = (body.match(/"name":"read"|"read"/g) ?? []).length;
        return request.index < 4 ? { toolCalls: [{ name: 'read', input: { path: `big${request.index + 1}.txt` } }], usage: { inputTokens: 100 + reads } } : { text: 'finished' };
      },
    });
    const sandbox = makeSandbox();
    sandbox.files(Object.fromEntries([1, 2, 3, 4].map((n) => [`big${n}.txt`, big])));
    sandbox.files({ '.summon/config.json': JSON.stringify({ models: { 'openai-chat/tiny': { contextWindow: 12_000, maxOutputTokens: 1_000, inputPrice: 0, outputPrice: 0, tools: true, reasoning: 'none' } } }) });
    const { env } = providerEnv('openai-chat', server.url);
    const result = await runSummon(['-p', 'read them all', '--model', 'openai-chat/tiny', '--output-format', 'stream-json'], sandbox, env);
    expect(result.code).toBe(0);
    const compactions = parseStream(result.stdout).filter((event) => event.type === 'compaction');
    expect(compactions.map((event) => event.type === 'compaction' && event.strategy)).toContain('elide-tool-output');
    for (const event of compactions) if (event.type === 'compaction') expect(event.tokensAfter).toBeLessThan(event.tokensBefore);
    const last = server.requests.at(-1)!;
    const lastBody = JSON.stringify(last.body);
    expect(lastBody).toMatch(/elided to save context|SUMMARY: read big1/);
    expect(lastBody.length).toBeLessThan(4 * big.length);
  });
});

describe('context engine in the loop', () => {
  it('opens with a pack of the files the task needs and offers the context tool', async () => {
    server = await startFakeLlm({ script: [{ toolCalls: [{ name: 'context', input: { query: 'retry backoff' } }] }, { text: 'found it' }] });
    const sandbox = makeSandbox();
    sandbox.files({
      'src/retry.ts': 'export function retryWithBackoff(attempts: number) {\n  return attempts * 2;\n}\n',
      'src/format.ts': 'export function formatDate(d: Date) {\n  return d.toISOString();\n}\n',
      'src/math.ts': 'export const add = (a: number, b: number) => a + b;\n',
      // A generous wait: on a loaded CI machine a cold index may take longer than the default 3 s.
      '.summon/config.json': JSON.stringify({ context: { minFiles: 1, waitSec: 60 } }),
    });
    const { env, model } = providerEnv('openai', server.url);
    const result = await runSummon(['-p', 'the retry backoff doubles attempts; make it triple', '--model', model, '--output-format', 'stream-json'], sandbox, env);
    expect(result.code).toBe(0);
    const events = parseStream(result.stdout);
    const pack = events.find((event) => event.type === 'context-pack');
    expect(pack?.type === 'context-pack' && pack.items.some((item) => item.path === 'src/retry.ts')).toBe(true);
    const first = JSON.stringify(server.requests[0]!.body);
    expect(first).toContain('repository-context');
    expect(first).toContain('retryWithBackoff');
    const toolResult = events.find((event) => event.type === 'tool-result');
    expect(toolResult).toMatchObject({ name: 'context', isError: false, output: expect.stringContaining('src/retry.ts') });
  });
});

describe('piped input', () => {
  it('a shell pipe is attached below the task; -p - takes the task from the pipe', async () => {
    server = await startFakeLlm({ script: [{ text: 'DONE one' }, { text: 'DONE two' }] });
    const sandbox = makeSandbox();
    const { env, model } = providerEnv('openai', server.url);
    // Through a real shell pipe (a FIFO), as a user types it.
    const pipeInto = (args: string): Promise<{ code: number | null; stdout: string }> =>
      new Promise((resolve) => {
        const child = spawn('sh', ['-c', `printf 'line one\\nline two\\n' | "$NODE_BIN" "$SUMMON_BIN" ${args} --model ${model}`], {
          cwd: sandbox.workspace,
          env: { ...sandbox.env, ...env, NODE_BIN: process.execPath, SUMMON_BIN: BIN },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let stdout = '';
        child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
        child.on('close', (code) => resolve({ code, stdout }));
      });
    const userText = (index: number): string => JSON.stringify(server!.requests[index]!.body).match(/review this[^"]*|line one[^"]*/)?.[0] ?? '';

    expect(await pipeInto("-p 'review this'")).toEqual({ code: 0, stdout: 'DONE one\n' });
    expect(userText(0)).toBe('review this\\n\\n<stdin>\\nline one\\nline two\\n</stdin>');
    expect(await pipeInto('-p -')).toEqual({ code: 0, stdout: 'DONE two\n' });
    expect(userText(1)).toBe('line one\\nline two\\n');
  });
});
