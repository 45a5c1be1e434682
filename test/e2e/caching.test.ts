// Prompt caching end to end: the real CLI against the fake server, which simulates each provider's
// cache as documented. From turn 2 on the cached share is reported as the wire's usage fields say
// and priced at the cached (and, for Anthropic, write) price; a compaction costs one turn of cache,
// then hits resume; --max-cost counts the cached price, not the list price.
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentEvent } from '../../src/core/events.js';
import { startFakeLlm, type FakeLlmServer, type FakeReply } from '../../src/fake-llm/index.js';
import { makeSandbox, parseStream, providerEnv, runSummon } from './harness.js';

let server: FakeLlmServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** $ per million tokens: input, cached read, cache write, output — the model table's list prices, written out here. */
const PRICES = {
  openai: { input: 2, read: 0.5, write: 2, output: 8 },
  'openai-chat': { input: 2, read: 0.5, write: 2, output: 8 },
  anthropic: { input: 3, read: 0.3, write: 3.75, output: 15 },
  google: { input: 0.3, read: 0.03, write: 0.3, output: 2.5 },
} as const;

type UsageEvent = Extract<AgentEvent, { type: 'usage' }>;

function priced(event: UsageEvent, prices: (typeof PRICES)[keyof typeof PRICES]): number {
  const { inputTokens, cachedInputTokens, cacheWriteTokens, outputTokens } = event.usage;
  const uncached = inputTokens - cachedInputTokens - cacheWriteTokens;
  return (uncached * prices.input + cachedInputTokens * prices.read + cacheWriteTokens * prices.write + outputTokens * prices.output) / 1e6;
}

const FILE = Array.from({ length: 40 }, (_, line) => `export const value${line} = ${line}; // a line of the module that is worth reading\n`).join('');
const readThenAnswer = (turns: number) => (request: { index: number }): FakeReply =>
  request.index < turns - 1 ? { toolCalls: [{ name: 'read', input: { path: `f${request.index % 3}.ts` } }], usage: { outputTokens: 50 } } : { text: 'read them all', usage: { outputTokens: 50 } };

describe.each(['openai', 'openai-chat', 'anthropic', 'google'] as const)('caching over %s', (protocol) => {
  it('from turn 2 on most input is read from cache, reported as the wire says and priced at the cached price', async () => {
    server = await startFakeLlm({ script: readThenAnswer(5) });
    const sandbox = makeSandbox();
    const { env, model, files } = providerEnv(protocol, server.url);
    sandbox.files({ ...files, 'f0.ts': FILE, 'f1.ts': FILE.replace(/value/g, 'other'), 'f2.ts': FILE.replace(/value/g, 'third') });
    const result = await runSummon(['-p', 'read the files', '--model', model, '--output-format', 'stream-json'], sandbox, env);
    expect(result.code, result.stderr).toBe(0);
    const usage = parseStream(result.stdout).filter((event): event is UsageEvent => event.type === 'usage');
    expect(usage).toHaveLength(5);
    // What summon reports is what the (simulated) provider read and wrote.
    usage.forEach((event, index) => {
      const cache = server!.requests[index]!.cache!;
      expect(event.usage.inputTokens).toBe(cache.inputTokens);
      expect(event.usage.cachedInputTokens).toBe(cache.readTokens);
      expect(event.usage.cacheWriteTokens).toBe(protocol === 'anthropic' ? cache.writeTokens : 0);
      expect(event.costUsd).toBeCloseTo(priced(event, PRICES[protocol]), 12);
    });
    expect(usage[0]!.usage.cachedInputTokens).toBe(0);
    for (const event of usage.slice(1)) expect(event.usage.cachedInputTokens / event.usage.inputTokens).toBeGreaterThan(0.6);
    if (protocol === 'anthropic') expect(usage[0]!.usage.cacheWriteTokens).toBeGreaterThan(1000);
    if (protocol === 'openai' || protocol === 'openai-chat') {
      // One cache key for the whole session.
      const keys = server.requests.map((request) => (request.body as { prompt_cache_key?: string }).prompt_cache_key);
      expect(new Set(keys).size).toBe(1);
      expect(keys[0]).toMatch(/^\d{8}-\d{6}-/);
    }
  });
});

describe('caching and the rest of the run', () => {
  it('a compaction costs one turn of cache; the turn after it reads from cache again', async () => {
    const big = (letter: string) => `${letter.repeat(59)}\n`.repeat(160);
    server = await startFakeLlm({
      script: (request) => {
        if (JSON.stringify(request.body).includes('Summarise the conversation so far')) return { text: 'SUMMARY' };
        const reads = request.index < 7;
        return reads ? { toolCalls: [{ name: 'read', input: { path: `big${request.index % 4}.txt` } }], usage: { outputTokens: 40 } } : { text: 'done', usage: { outputTokens: 40 } };
      },
    });
    const sandbox = makeSandbox();
    const { env, model } = providerEnv('anthropic', server.url);
    const config = { compactAt: 0.5, models: { [model]: { contextWindow: 30_000 } } };
    sandbox.files({ '.summon/config.json': JSON.stringify(config), ...Object.fromEntries([0, 1, 2, 3].map((index) => [`big${index}.txt`, big('abcd'[index]!)])) });
    const result = await runSummon(['-p', 'read the big files', '--model', model, '--output-format', 'stream-json'], sandbox, env);
    expect(result.code, result.stderr).toBe(0);
    const events = parseStream(result.stdout);
    const compactAt = events.findIndex((event) => event.type === 'compaction');
    expect(compactAt).toBeGreaterThan(0);
    const turnOf = (event: AgentEvent): number => (event.type === 'turn-start' ? event.turn : 0);
    const compactedTurn = Math.max(...events.slice(0, compactAt).map(turnOf));
    const share = (turn: number): number => {
      const event = events.find((candidate): candidate is UsageEvent => candidate.type === 'usage' && candidate.turn === turn && !('summary' in candidate));
      return event ? event.usage.cachedInputTokens / event.usage.inputTokens : NaN;
    };
    // The turn before reads most of its input from cache, the compacted turn only the tools and
    // system prompt, the next one most of it again.
    expect(share(compactedTurn - 1)).toBeGreaterThan(0.7);
    expect(share(compactedTurn)).toBeLessThan(0.6);
    expect(share(compactedTurn + 1)).toBeGreaterThan(0.7);
    const compaction = events[compactAt] as Extract<AgentEvent, { type: 'compaction' }>;
    expect(compaction.cacheTokensLost).toBeGreaterThan(1000);
  });

  it('the summary line says what share of the input was read from cache', async () => {
    server = await startFakeLlm({ script: readThenAnswer(3) });
    const sandbox = makeSandbox();
    const { env, model } = providerEnv('anthropic', server.url);
    sandbox.files({ 'f0.ts': FILE, 'f1.ts': FILE.replace(/value/g, 'other'), 'f2.ts': FILE.replace(/value/g, 'third') });
    const result = await runSummon(['-p', 'read the files', '--model', model], sandbox, env);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/summon: completed · .* tokens \(\d+ % of input cached\) · \$/);
  });

  it('--max-cost counts the cached price: a budget the list price would break is enough', async () => {
    server = await startFakeLlm({ script: readThenAnswer(8) });
    const sandbox = makeSandbox();
    const { env, model } = providerEnv('anthropic', server.url);
    sandbox.files({ 'f0.ts': FILE, 'f1.ts': FILE.replace(/value/g, 'other'), 'f2.ts': FILE.replace(/value/g, 'third') });
    const budget = 0.08;
    const result = await runSummon(['-p', 'read the files', '--model', model, '--output-format', 'stream-json', '--max-cost', String(budget)], sandbox, env);
    expect(result.code, result.stderr).toBe(0);
    const events = parseStream(result.stdout);
    expect(events.at(-1)).toMatchObject({ type: 'done', reason: 'completed', turns: 8 });
    const usage = events.filter((event): event is UsageEvent => event.type === 'usage');
    const billed = usage.reduce((sum, event) => sum + event.costUsd, 0);
    const atListPrice = usage.reduce((sum, event) => sum + (event.usage.inputTokens * PRICES.anthropic.input + event.usage.outputTokens * PRICES.anthropic.output) / 1e6, 0);
    expect(billed).toBeLessThan(budget);
    expect(atListPrice).toBeGreaterThan(budget);
  });
});
