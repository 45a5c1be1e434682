// The real CLI against the fake LLM server, once per wire protocol: read a file, then answer.
import { readFileSync } from 'node:fs';
import { connect, type AddressInfo } from 'node:net';
import path from 'node:path';
import { createServer as createTlsServer } from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeLlm, type FakeLlmServer } from '../../src/fake-llm/index.js';
import { makeSandbox, parseStream, providerEnv, runSummon } from './harness.js';

const PROBE = path.join(import.meta.dirname, 'module-probe.cjs');
const TLS = path.join(import.meta.dirname, 'tls');
let server: FakeLlmServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe.each(['openai', 'openai-chat', 'anthropic', 'google'] as const)('summon -p over %s', (protocol) => {
  it('reads a file with a tool and prints the final answer', async () => {
    server = await startFakeLlm({
      script: [
        { text: 'Let me look.', toolCalls: [{ name: 'read', input: { path: 'a.ts' } }], usage: { inputTokens: 1_000, outputTokens: 50 } },
        { text: 'DONE: a.ts exports answer = 42', usage: { inputTokens: 1_200, outputTokens: 20 } },
      ],
    });
    const sandbox = makeSandbox();
    sandbox.files({ 'a.ts': 'export const answer = 42;\n', 'AGENTS.md': 'Always answer in English, project rule 7Q.\n' });
    const { env, model, files } = providerEnv(protocol, server.url);
    sandbox.files(files);
    const result = await runSummon(['-p', 'what does a.ts export?', '--model', model], sandbox, env);

    expect(result.stderr).toMatch(/summon: completed · 0 files changed · 2 turns · 2,270 tokens/);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('DONE: a.ts exports answer = 42\n');
    expect(server.requests).toHaveLength(2);
    expect(server.requests.every((request) => request.stream)).toBe(true);
    const first = JSON.stringify(server.requests[0]!.body);
    // Project instructions and the tool set travel with the first request.
    expect(first).toContain('project rule 7Q');
    for (const tool of ['read', 'write', 'edit', 'multi_edit', 'bash', 'grep', 'glob', 'ls', 'todo']) expect(first).toContain(`"${tool}"`);
    // The second request carries the tool result: the file's numbered content.
    expect(JSON.stringify(server.requests[1]!.body)).toMatch(/1\\+t?export const answer = 42;/);
  });

  it('sends its first request before loading undici, child_process or crypto', async () => {
    server = await startFakeLlm({ script: [{ text: 'DONE' }] });
    const sandbox = makeSandbox();
    const { env, model, files } = providerEnv(protocol, server.url);
    sandbox.files(files);
    const probe = path.join(sandbox.home, 'modules.json');
    const result = await runSummon(['-p', 'hi', '--model', model], sandbox, { ...env, NODE_OPTIONS: `--require ${PROBE}`, SUMMON_MODULE_PROBE: probe });
    expect(result.code).toBe(0);
    const loaded = JSON.parse(readFileSync(probe, 'utf8')) as string[];
    expect(loaded).toContain('NativeModule http');
    // Start-up cost (bench/startup): the model layer uses src/model/http-fetch.ts, the rest loads on use.
    for (const module of ['NativeModule internal/deps/undici/undici', 'NativeModule http2', 'NativeModule child_process', 'NativeModule crypto']) expect(loaded).not.toContain(module);
  });

  it('talks to an https endpoint (TLS in front of the fake server)', async () => {
    server = await startFakeLlm({ script: [{ text: 'DONE over TLS' }] });
    const upstream = new URL(server.url);
    const front = createTlsServer({ key: readFileSync(path.join(TLS, 'localhost-key.pem')), cert: readFileSync(path.join(TLS, 'localhost-cert.pem')) }, (socket) => {
      const link = connect(Number(upstream.port), upstream.hostname);
      socket.pipe(link).pipe(socket);
      socket.on('error', () => link.destroy());
      link.on('error', () => socket.destroy());
    });
    await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
    try {
      const sandbox = makeSandbox();
      const { env, model, files } = providerEnv(protocol, `https://localhost:${(front.address() as AddressInfo).port}`);
      sandbox.files(files);
      const result = await runSummon(['-p', 'hi', '--model', model], sandbox, { ...env, NODE_EXTRA_CA_CERTS: path.join(TLS, 'localhost-cert.pem') });
      expect(result.stderr).toContain('summon: completed');
      expect(result.stdout).toBe('DONE over TLS\n');
      expect(server.requests).toHaveLength(1);
    } finally {
      await new Promise((resolve) => front.close(resolve));
    }
  });

  it('streams schema-valid events with --output-format stream-json', async () => {
    server = await startFakeLlm({
      script: [{ reasoning: 'thinking about it', toolCalls: [{ name: 'ls', input: {} }] }, { text: 'listed' }],
    });
    const sandbox = makeSandbox();
    sandbox.files({ 'x.txt': 'x' });
    const { env, model, files } = providerEnv(protocol, server.url);
    sandbox.files(files);
    const result = await runSummon(['-p', 'list files', '--model', model, '--output-format', 'stream-json'], sandbox, env);
    expect(result.code).toBe(0);
    const events = parseStream(result.stdout);
    const types = events.map((event) => event.type);
    expect(types[0]).toBe('session-start');
    expect(types.at(-1)).toBe('done');
    expect(types).toContain('tool-call');
    expect(types).toContain('tool-result');
    expect(types).toContain('usage');
    expect(events.find((event) => event.type === 'tool-result')).toMatchObject({ name: 'ls', isError: false, output: expect.stringContaining('x.txt') });
    const text = events.flatMap((event) => (event.type === 'text-delta' ? [event.text] : [])).join('');
    expect(text).toBe('listed');
    if (protocol !== 'openai-chat') {
      // Reasoning arrives apart from the answer (Chat Completions has no standard reasoning field for OpenAI).
      const reasoning = events.flatMap((event) => (event.type === 'reasoning-delta' ? [event.text] : [])).join('');
      expect(reasoning).toContain('thinking about it');
    }
    expect(events.at(-1)).toMatchObject({ type: 'done', reason: 'completed', result: 'listed', turns: 2 });
  });
});

describe('--think reaches each provider as its own control', () => {
  it.each([
    ['anthropic', 'low', (body: Record<string, unknown>) => expect(body.thinking).toEqual({ type: 'enabled', budget_tokens: 4_000 })],
    ['openai', 'high', (body: Record<string, unknown>) => expect(body.reasoning).toMatchObject({ effort: 'high' })],
    ['openai-chat', '2000', (body: Record<string, unknown>) => expect(body.reasoning_effort).toBe('low')],
    [
      'google',
      'medium',
      (body: Record<string, unknown>) => expect(body.generationConfig).toMatchObject({ thinkingConfig: { thinkingBudget: 12_000, includeThoughts: true } }),
    ],
  ] as const)('%s with --think %s', async (protocol, level, check) => {
    server = await startFakeLlm({ script: [{ text: 'ok' }] });
    const sandbox = makeSandbox();
    const setup = providerEnv(protocol, server.url);
    sandbox.files(setup.files);
    // OpenAI's reasoning controls need a reasoning model; the others' defaults already have one.
    const model = protocol === 'openai' || protocol === 'openai-chat' ? `${protocol}/gpt-5` : setup.model;
    const result = await runSummon(['-p', 'hi', '--model', model, '--think', level], sandbox, setup.env);
    expect(result.code).toBe(0);
    check(server.requests[0]!.body as Record<string, unknown>);
  });
});
