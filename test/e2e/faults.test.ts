// Bad input and provider faults, each through the real CLI: clear messages, the right exit code,
// retries where they help, and nothing done so far lost.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeLlm, type FakeLlmServer, type FakeScript } from '../../src/fake-llm/index.js';
import { makeSandbox, parseStream, providerEnv, runSummon, type Sandbox } from './harness.js';

let server: FakeLlmServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function runWith(script: FakeScript, args: string[], setup?: (sandbox: Sandbox) => void, protocol: 'openai' | 'openai-chat' | 'anthropic' = 'openai-chat') {
  server = await startFakeLlm({ script });
  const sandbox = makeSandbox();
  setup?.(sandbox);
  const { env, model } = providerEnv(protocol, server.url);
  const result = await runSummon(['--model', model, ...args], sandbox, env);
  return { result, sandbox, server };
}

function projectConfig(sandbox: Sandbox, config: unknown): void {
  mkdirSync(path.join(sandbox.workspace, '.summon'), { recursive: true });
  writeFileSync(path.join(sandbox.workspace, '.summon', 'config.json'), typeof config === 'string' ? config : JSON.stringify(config));
}

describe('configuration errors', () => {
  it('no provider configured: one message naming the flag and variable, exit 2', async () => {
    const sandbox = makeSandbox();
    const result = await runSummon(['-p', 'hello'], sandbox);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no model configured/);
    expect(result.stderr).toMatch(/--model/);
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('a known provider without its key names the variable to set', async () => {
    const sandbox = makeSandbox();
    const result = await runSummon(['-p', 'hello', '--model', 'anthropic/claude-sonnet-4-5'], sandbox);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/ANTHROPIC_API_KEY/);
  });

  it('an invalid config file names file, field, value and expectation, exit 2', async () => {
    const sandbox = makeSandbox();
    projectConfig(sandbox, { maxTurns: 'ten' });
    const result = await runSummon(['-p', 'hello', '--model', 'openai/gpt-5'], sandbox, { OPENAI_API_KEY: 'sk-test' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(path.join('.summon', 'config.json'));
    expect(result.stderr).toMatch(/maxTurns/);
    expect(result.stderr).toMatch(/"ten"/);
    expect(result.stderr).toMatch(/expected a number/);
  });

  it('an unknown flag is a usage error, exit 2', async () => {
    const result = await runSummon(['-p', 'x', '--max-turn', '3'], makeSandbox());
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/max-turn/);
  });
});

describe('provider faults', () => {
  it('401: a clear message naming provider and model, no retries, exit 2', async () => {
    const { result, server } = await runWith([{ fault: { kind: 'status', status: 401, message: 'invalid api key' } }], ['-p', 'hi']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/openai-chat\/gpt-4\.1: the provider refused the API key \(HTTP 401\)/);
    expect(server.requests).toHaveLength(1);
  });

  it('404: model not found names the model, no retries', async () => {
    const { result, server } = await runWith([{ fault: { kind: 'status', status: 404, message: 'no such model' } }], ['-p', 'hi'], undefined, 'anthropic');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/anthropic\/claude-sonnet-4-5: model not found/);
    expect(server.requests).toHaveLength(1);
  });

  it('429 with retry-after: waits as told, retries, and finishes', async () => {
    const { result, server } = await runWith(
      [{ fault: { kind: 'status', status: 429, retryAfterSec: 1 } }, { text: 'after the wait' }],
      ['-p', 'hi', '--output-format', 'stream-json'],
    );
    expect(result.code).toBe(0);
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]!.receivedAt - server.requests[0]!.receivedAt).toBeGreaterThanOrEqual(900);
    const events = parseStream(result.stdout);
    expect(events.find((event) => event.type === 'retry')).toMatchObject({ attempt: 1, delayMs: 1_000, reason: 'HTTP 429' });
    expect(events.at(-1)).toMatchObject({ type: 'done', reason: 'completed', result: 'after the wait' });
  });

  it('a stream cut mid-way is retried', async () => {
    const { result, server } = await runWith([{ text: 'this reply will be cut off part way', fault: { kind: 'cut' } }, { text: 'whole reply' }], ['-p', 'hi'], undefined, 'openai');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('whole reply\n');
    expect(server.requests).toHaveLength(2);
  });

  it('5xx that never ends: retries, then a clear error, exit 1, and the work done so far is kept', async () => {
    const script: FakeScript = (request) =>
      request.index === 0 ? { toolCalls: [{ name: 'write', input: { path: 'kept.txt', content: 'done before the outage\n' } }] } : { fault: { kind: 'status', status: 503 } };
    const { result, sandbox, server } = await runWith(script, ['-p', 'write then fail'], (box) => projectConfig(box, { retry: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 50 } }));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/failed after 3 attempts: HTTP 503/);
    expect(server.requests).toHaveLength(4);
    expect(readFileSync(path.join(sandbox.workspace, 'kept.txt'), 'utf8')).toBe('done before the outage\n');
    const journal = sandbox.journalEvents();
    expect(journal.some((event) => event.type === 'tool-result' && event.name === 'write' && !event.isError)).toBe(true);
    expect(journal.at(-1)).toMatchObject({ type: 'done', reason: 'error', changedFiles: ['kept.txt'] });
  });

  it('a hanging request times out, is retried, then reported', async () => {
    const { result, server } = await runWith([{ fault: { kind: 'hang' } }, { fault: { kind: 'hang' } }], ['-p', 'hi'], (box) =>
      projectConfig(box, { retry: { maxAttempts: 2, baseDelayMs: 10, requestTimeoutMs: 400 } }),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/failed after 2 attempts/);
    expect(server.requests).toHaveLength(2);
  });
});

describe('tool-call faults go back to the model', () => {
  it('malformed JSON, an unknown tool and a path outside the workspace each become error results, and the run continues', async () => {
    const { result, server } = await runWith(
      [
        { toolCalls: [{ name: 'read', rawArguments: '{"path": "a.txt"' }] },
        { toolCalls: [{ name: 'delete_everything', input: {} }] },
        { toolCalls: [{ name: 'read', input: { path: '../../etc/passwd' } }] },
        { toolCalls: [{ name: 'edit', input: { path: 'a.txt' } }] },
        { text: 'recovered' },
      ],
      ['-p', 'go', '--output-format', 'stream-json'],
      (box) => box.files({ 'a.txt': 'alpha\n' }),
    );
    expect(result.code).toBe(0);
    const errors = parseStream(result.stdout).flatMap((event) => (event.type === 'tool-result' && event.isError ? [event.output] : []));
    expect(errors).toHaveLength(4);
    expect(errors[0]).toMatch(/not valid JSON/);
    expect(errors[1]).toMatch(/unknown tool "delete_everything"/i);
    expect(errors[1]).toMatch(/read/);
    expect(errors[2]).toMatch(/outside the workspace/);
    expect(errors[3]).toMatch(/old_string/);
    // The model saw each error as a tool result.
    expect(JSON.stringify(server.requests[4]!.body)).toMatch(/outside the workspace/);
  });

  it('a command that never ends and prints without limit is killed at its timeout with output capped; the loop goes on', async () => {
    const started = Date.now();
    const { result } = await runWith(
      [{ toolCalls: [{ name: 'bash', input: { command: 'yes summon-flood', timeout_sec: 2 } }] }, { text: 'moved on' }],
      ['-p', 'flood', '--output-format', 'stream-json'],
    );
    expect(result.code).toBe(0);
    expect(Date.now() - started).toBeLessThan(15_000);
    const toolResult = parseStream(result.stdout).find((event) => event.type === 'tool-result');
    expect(toolResult).toBeDefined();
    if (toolResult?.type !== 'tool-result') return;
    expect(toolResult.output).toMatch(/timed out after 2s/);
    expect(toolResult.output.length).toBeLessThan(40_000);
  });
});

describe('stop rules', () => {
  it('--max-turns stops a run that keeps calling tools: exit 1, reason max-turns', async () => {
    const { result } = await runWith(() => ({ toolCalls: [{ name: 'ls', input: {} }] }), ['-p', 'loop', '--max-turns', '2', '--output-format', 'json']);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ type: 'result', exitReason: 'max-turns', turns: 2 });
  });

  it('--max-cost stops once the run has cost that much', async () => {
    const { result } = await runWith(() => ({ toolCalls: [{ name: 'ls', input: {} }], usage: { inputTokens: 100_000, outputTokens: 1_000 } }), [
      '-p',
      'spend',
      '--max-cost',
      '0.3',
      '--output-format',
      'json',
    ]);
    expect(result.code).toBe(1);
    const output = JSON.parse(result.stdout);
    expect(output.exitReason).toBe('max-cost');
    expect(output.costUsd).toBeGreaterThanOrEqual(0.3);
    expect(output.turns).toBeLessThan(5);
  });

  it('--timeout ends a run stuck in a long command', async () => {
    const { result } = await runWith([{ toolCalls: [{ name: 'bash', input: { command: 'sleep 60' } }] }], ['-p', 'wait', '--timeout', '1', '--output-format', 'json']);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ exitReason: 'timeout' });
  });
});

describe('files', () => {
  it('writes and edits files, reports them as changed, and --cwd selects the workspace', async () => {
    server = await startFakeLlm({
      script: [
        { toolCalls: [{ name: 'write', input: { path: 'src/new.ts', content: 'export const x = 1;\n' } }] },
        { toolCalls: [{ name: 'edit', input: { path: 'src/new.ts', old_string: 'x = 1', new_string: 'x = 2' } }] },
        { text: 'done' },
      ],
    });
    const sandbox = makeSandbox();
    const other = makeSandbox();
    const { env, model } = providerEnv('openai', server.url);
    const result = await runSummon(['run', 'make x two', '--model', model, '--cwd', other.workspace, '--output-format', 'json'], sandbox, env);
    expect(result.code).toBe(0);
    expect(readFileSync(path.join(other.workspace, 'src/new.ts'), 'utf8')).toBe('export const x = 2;\n');
    expect(existsSync(path.join(sandbox.workspace, 'src'))).toBe(false);
    expect(JSON.parse(result.stdout)).toMatchObject({ changedFiles: ['src/new.ts'], exitReason: 'completed' });
  });
});
