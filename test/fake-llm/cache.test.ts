// The fake server's prompt caching, per wire, over real HTTP: what it records (`requests[i].cache`),
// the usage fields it sends (captured off the wire), and what the real AI SDK providers make of them
// (LanguageModelV3 usage: inputTokens.total / noCache / cacheRead / cacheWrite).
import { createAnthropic } from '@ai-sdk/anthropic';
import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { createOpenAI } from '@ai-sdk/openai';
import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3FunctionTool,
  LanguageModelV3Message,
  LanguageModelV3Prompt,
  LanguageModelV3Usage,
  SharedV3ProviderOptions,
} from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { promptOf } from '../../src/fake-llm/cache.js';
import type { FakeLlmServer, RecordedRequest } from '../../src/fake-llm/index.js';
import { useFakeLlm } from './lifecycle.js';

const start = useFakeLlm();
const answer = () => ({ text: 'Noted.' });

/** About 1,550 tokens by the fake's estimate: above the 1024 minimums, below Haiku's 2048 and Gemini Pro's 4096. */
const SYSTEM = 'You are summon, a careful coding agent. Read before you edit, then run the tests. '.repeat(75);
const EPHEMERAL: SharedV3ProviderOptions = { anthropic: { cacheControl: { type: 'ephemeral' } } };

const tools: LanguageModelV3FunctionTool[] = [
  { type: 'function', name: 'read_file', description: 'Read a file', inputSchema: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] } },
  { type: 'function', name: 'run', description: 'Run a command', inputSchema: { type: 'object', properties: { command: { type: 'string' } }, required: ['command'] } },
];

const system = (text: string, cache = false): LanguageModelV3Message => ({ role: 'system', content: text, ...(cache ? { providerOptions: EPHEMERAL } : {}) });
const user = (text: string, cache = false): LanguageModelV3Message => ({
  role: 'user',
  content: [{ type: 'text', text }],
  ...(cache ? { providerOptions: EPHEMERAL } : {}),
});
const assistant = (text: string): LanguageModelV3Message => ({ role: 'assistant', content: [{ type: 'text', text }] });

const call = (prompt: LanguageModelV3Prompt, extra: Partial<LanguageModelV3CallOptions> = {}): LanguageModelV3CallOptions => ({ prompt, maxOutputTokens: 1000, ...extra });

/** A fetch that keeps the text of every response body, so the raw usage fields can be checked too. */
function capturing(): { fetch: typeof fetch; bodies: string[] } {
  const bodies: string[] = [];
  const capture: typeof fetch = async (input, init) => {
    const response = await globalThis.fetch(input, init);
    bodies.push(await response.clone().text());
    return response;
  };
  return { fetch: capture, bodies };
}

/** The value at a path of keys in parsed JSON, or undefined. */
function at(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) current = typeof current === 'object' && current !== null ? (current as Record<string, unknown>)[key] : undefined;
  return current;
}
const jsonOf = (text: string | undefined): unknown => JSON.parse(text ?? 'null');
/** The parsed `data:` payloads of an SSE body ([DONE] left out). */
const sseOf = (text: string | undefined): unknown[] =>
  (text ?? '')
    .split('\n\n')
    .filter((frame) => frame.includes('data: ') && !frame.includes('data: [DONE]'))
    .map((frame) => JSON.parse(frame.slice(frame.indexOf('data: ') + 'data: '.length)) as unknown);
/** The first SSE payload of that `type`. */
const eventOf = (text: string | undefined, type: string): unknown => sseOf(text).find((event) => at(event, 'type') === type);

async function streamed(model: LanguageModelV3, options: LanguageModelV3CallOptions): Promise<LanguageModelV3Usage> {
  const { stream } = await model.doStream(options);
  const reader = stream.getReader();
  let usage: LanguageModelV3Usage | undefined;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (value.type === 'finish') usage = value.usage;
    if (value.type === 'error') throw value.error;
  }
  if (usage === undefined) throw new Error('the stream had no finish part');
  return usage;
}

const cacheOf = (fake: FakeLlmServer, index: number): NonNullable<RecordedRequest['cache']> => {
  const cache = fake.requests[index]?.cache;
  if (cache === undefined) throw new Error(`request ${index} has no cache record`);
  return cache;
};

/** The fake's token estimates of the request's prompt blocks, in caching order. */
function blockTokens(request: RecordedRequest | undefined, model?: string): number[] {
  if (request === undefined) throw new Error('no such request');
  const prompt = promptOf(request.protocol, request.body, model);
  if (!prompt.ok) throw new Error(prompt.message);
  return prompt.prompt.blocks.map((block) => block.tokens);
}
const sum = (values: number[]): number => values.reduce((total, value) => total + value, 0);

function postAnthropic(fake: FakeLlmServer, body: Record<string, unknown>): Promise<Response> {
  return fetch(`${fake.url}/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': 'test', 'anthropic-version': '2023-06-01' },
    body: JSON.stringify({ model: 'claude-sonnet-4-5', max_tokens: 100, ...body }),
  });
}

describe('prompt caching: Anthropic Messages', () => {
  const claude = (fake: FakeLlmServer, fetch?: typeof globalThis.fetch, model = 'claude-sonnet-4-5'): LanguageModelV3 =>
    createAnthropic({ baseURL: `${fake.url}/v1`, apiKey: 'test', fetch })(model);

  it('caches nothing without breakpoints', async () => {
    const fake = await start(answer);
    const model = claude(fake);
    await model.doGenerate(call([system(SYSTEM), user('first question')], { tools }));
    const second = await model.doGenerate(call([system(SYSTEM), user('first question'), assistant('Noted.'), user('second question')], { tools }));
    for (const index of [0, 1]) expect(cacheOf(fake, index)).toMatchObject({ readTokens: 0, writeTokens: 0, breakpoints: 0 });
    const total = cacheOf(fake, 1).inputTokens;
    expect(total).toBeGreaterThan(1024);
    expect(second.usage.inputTokens).toEqual({ total, noCache: total, cacheRead: 0, cacheWrite: 0 });
  });

  it('a breakpoint on the system prompt writes tools + system, and the next turn reads them', async () => {
    const fake = await start(answer);
    const wire = capturing();
    const model = claude(fake, wire.fetch);
    const first = await model.doGenerate(call([system(SYSTEM, true), user('first question')], { tools }));
    const second = await model.doGenerate(call([system(SYSTEM, true), user('first question'), assistant('Noted.'), user('second question')], { tools }));

    // Blocks: the two tools, the system text, then one per message.
    const blocks = blockTokens(fake.requests[0]);
    expect(blocks).toHaveLength(4);
    const toolsAndSystem = sum(blocks.slice(0, 3));
    expect(toolsAndSystem).toBeGreaterThan(1024);
    const [total1, total2] = [cacheOf(fake, 0).inputTokens, cacheOf(fake, 1).inputTokens];
    expect(cacheOf(fake, 0)).toEqual({ readTokens: 0, writeTokens: toolsAndSystem, inputTokens: total1, breakpoints: 1 });
    expect(cacheOf(fake, 1)).toEqual({ readTokens: toolsAndSystem, writeTokens: 0, inputTokens: total2, breakpoints: 1 });

    expect(at(jsonOf(wire.bodies[0]), 'usage')).toMatchObject({ input_tokens: total1 - toolsAndSystem, cache_creation_input_tokens: toolsAndSystem, cache_read_input_tokens: 0 });
    expect(at(jsonOf(wire.bodies[1]), 'usage')).toMatchObject({ input_tokens: total2 - toolsAndSystem, cache_creation_input_tokens: 0, cache_read_input_tokens: toolsAndSystem });
    expect(first.usage.inputTokens).toEqual({ total: total1, noCache: total1 - toolsAndSystem, cacheRead: 0, cacheWrite: toolsAndSystem });
    expect(second.usage.inputTokens).toEqual({ total: total2, noCache: total2 - toolsAndSystem, cacheRead: toolsAndSystem, cacheWrite: 0 });
  });

  it('a breakpoint on the newest message lets the next turn read all of the last one (lookback), streamed', async () => {
    const fake = await start(answer);
    const wire = capturing();
    const model = claude(fake, wire.fetch);
    const first = await streamed(model, call([system(SYSTEM), user('first question', true)]));
    const second = await streamed(model, call([system(SYSTEM), user('first question'), assistant('Noted.'), user('second question', true)]));

    const [total1, total2] = [cacheOf(fake, 0).inputTokens, cacheOf(fake, 1).inputTokens];
    // The first turn writes everything; the second reads it (its breakpoint is two blocks later) and writes the rest.
    expect(cacheOf(fake, 0)).toEqual({ readTokens: 0, writeTokens: total1, inputTokens: total1, breakpoints: 1 });
    expect(cacheOf(fake, 1)).toEqual({ readTokens: total1, writeTokens: total2 - total1, inputTokens: total2, breakpoints: 1 });

    for (const [body, read, write] of [
      [wire.bodies[0], 0, total1],
      [wire.bodies[1], total1, total2 - total1],
    ] as const) {
      const expected = { input_tokens: 0, cache_read_input_tokens: read, cache_creation_input_tokens: write };
      expect(at(eventOf(body, 'message_start'), 'message', 'usage')).toMatchObject(expected);
      expect(at(eventOf(body, 'message_delta'), 'usage')).toMatchObject(expected);
    }
    expect(first.inputTokens).toEqual({ total: total1, noCache: 0, cacheRead: 0, cacheWrite: total1 });
    expect(second.inputTokens).toEqual({ total: total2, noCache: 0, cacheRead: total1, cacheWrite: total2 - total1 });
  });

  it('looks back 20 blocks from a breakpoint, no further', async () => {
    const fake = await start(answer);
    const big = { role: 'user', content: [{ type: 'text', text: SYSTEM, cache_control: { type: 'ephemeral' } }] };
    expect((await postAnthropic(fake, { messages: [big] })).status).toBe(200);
    const written = cacheOf(fake, 0).writeTokens;
    expect(written).toBeGreaterThan(1024);
    /** Blocks: the written one (0), the assistant's (1), then notes up to the breakpoint at index `distance`. */
    const grown = (distance: number, label: string) => [
      { role: 'user', content: [{ type: 'text', text: SYSTEM }] },
      { role: 'assistant', content: 'Noted.' },
      {
        role: 'user',
        content: Array.from({ length: distance - 1 }, (_, n) => ({
          type: 'text',
          text: `${label} ${n}`,
          ...(n === distance - 2 ? { cache_control: { type: 'ephemeral' } } : {}),
        })),
      },
    ];
    // A breakpoint 20 blocks after the written prefix finds it...
    const near = await postAnthropic(fake, { messages: grown(20, 'near') });
    expect(at(jsonOf(await near.text()), 'usage')).toMatchObject({ cache_read_input_tokens: written });
    // ...one 21 blocks after does not, and writes the whole prompt again.
    const far = await postAnthropic(fake, { messages: grown(21, 'far') });
    expect(cacheOf(fake, 2)).toMatchObject({ readTokens: 0, writeTokens: cacheOf(fake, 2).inputTokens });
    expect(at(jsonOf(await far.text()), 'usage')).toMatchObject({ cache_read_input_tokens: 0 });
  });

  it('rejects more than 4 breakpoints with 400 and an Anthropic error, using up no scripted reply', async () => {
    const fake = await start([{ text: 'first scripted reply' }]);
    const marked = { type: 'text', text: 'block', cache_control: { type: 'ephemeral' } };
    const response = await postAnthropic(fake, { system: [marked, marked], messages: [{ role: 'user', content: [marked, marked, marked] }] });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      type: 'error',
      error: { type: 'invalid_request_error', message: 'A maximum of 4 blocks with cache_control may be provided. Found 5.' },
    });
    expect(fake.requests[0]?.cache).toBeUndefined();
    const four = await postAnthropic(fake, { system: [marked, marked], messages: [{ role: 'user', content: [marked, marked] }] });
    expect(four.status).toBe(200);
    expect(at(jsonOf(await four.text()), 'content')).toEqual([{ type: 'text', text: 'first scripted reply' }]);
    expect(cacheOf(fake, 1).breakpoints).toBe(4);
  });

  it('never caches a prefix below the minimum: 1024 tokens, 2048 for Haiku', async () => {
    const fake = await start(answer);
    const small = claude(fake);
    await small.doGenerate(call([system('Be brief.', true), user('q')]));
    const again = await small.doGenerate(call([system('Be brief.', true), user('q'), assistant('Noted.'), user('q2')]));
    for (const index of [0, 1]) expect(cacheOf(fake, index)).toMatchObject({ readTokens: 0, writeTokens: 0, breakpoints: 1 });
    expect(again.usage.inputTokens).toMatchObject({ cacheRead: 0, cacheWrite: 0 });

    // About 1,550 tokens: enough for Sonnet, not for Haiku.
    const haiku = claude(fake, undefined, 'claude-haiku-4-5');
    const haikuUsage = await haiku.doGenerate(call([system(SYSTEM, true), user('q')]));
    expect(cacheOf(fake, 2)).toMatchObject({ readTokens: 0, writeTokens: 0 });
    expect(haikuUsage.usage.inputTokens).toMatchObject({ cacheWrite: 0, cacheRead: 0 });
    const sonnet = await small.doGenerate(call([system(SYSTEM, true), user('q')]));
    expect(cacheOf(fake, 3).writeTokens).toBeGreaterThan(1024);
    expect(sonnet.usage.inputTokens.cacheWrite).toBe(cacheOf(fake, 3).writeTokens);
  });

  it('keeps each model’s cache apart', async () => {
    const fake = await start(answer);
    await claude(fake).doGenerate(call([system(SYSTEM, true), user('q')]));
    await claude(fake, undefined, 'claude-opus-4-1').doGenerate(call([system(SYSTEM, true), user('q')]));
    expect(cacheOf(fake, 1)).toMatchObject({ readTokens: 0 });
    expect(cacheOf(fake, 1).writeTokens).toBeGreaterThan(0);
  });

  it('top-level cache_control (automatic caching) puts the breakpoint on the last block', async () => {
    const fake = await start(answer);
    const model = claude(fake);
    const automatic = { providerOptions: EPHEMERAL };
    await model.doGenerate(call([system(SYSTEM), user('first question')], automatic));
    expect(fake.requests[0]?.body).toMatchObject({ cache_control: { type: 'ephemeral' } });
    const second = await model.doGenerate(call([system(SYSTEM), user('first question'), assistant('Noted.'), user('second question')], automatic));
    const total1 = cacheOf(fake, 0).inputTokens;
    expect(cacheOf(fake, 0)).toMatchObject({ writeTokens: total1, breakpoints: 1 });
    expect(cacheOf(fake, 1)).toMatchObject({ readTokens: total1, breakpoints: 1 });
    expect(second.usage.inputTokens.cacheRead).toBe(total1);
  });

  it('a request answered with a fault caches nothing', async () => {
    const fake = await start([{ fault: { kind: 'status', status: 529 } }, { text: 'ok' }]);
    const marked = { role: 'user', content: [{ type: 'text', text: SYSTEM, cache_control: { type: 'ephemeral' } }] };
    expect((await postAnthropic(fake, { messages: [marked] })).status).toBe(529);
    expect(fake.requests[0]?.cache).toBeUndefined();
    expect((await postAnthropic(fake, { messages: [marked] })).status).toBe(200);
    expect(cacheOf(fake, 1)).toMatchObject({ readTokens: 0, writeTokens: cacheOf(fake, 1).inputTokens });
  });
});

const openAiWires = [
  {
    name: 'Chat Completions',
    model: (fake: FakeLlmServer, fetch?: typeof globalThis.fetch) => createOpenAI({ baseURL: `${fake.url}/v1`, apiKey: 'test', fetch }).chat('gpt-5'),
    /** The usage object of a JSON or streamed reply. */
    usage: (body: string | undefined): unknown => at(body?.startsWith('{') ? jsonOf(body) : sseOf(body).findLast((chunk) => at(chunk, 'usage')), 'usage'),
    total: 'prompt_tokens',
    details: 'prompt_tokens_details',
  },
  {
    name: 'Responses',
    model: (fake: FakeLlmServer, fetch?: typeof globalThis.fetch) => createOpenAI({ baseURL: `${fake.url}/v1`, apiKey: 'test', fetch }).responses('gpt-5'),
    usage: (body: string | undefined): unknown =>
      body?.startsWith('{') ? at(jsonOf(body), 'usage') : at(eventOf(body, 'response.completed'), 'response', 'usage'),
    total: 'input_tokens',
    details: 'input_tokens_details',
  },
] as const;

describe.each(openAiWires)('prompt caching: OpenAI $name', (wire) => {
  const conversation = (turns: number): LanguageModelV3Prompt => {
    const prompt: LanguageModelV3Prompt = [system(SYSTEM), user('question 0')];
    for (let turn = 1; turn < turns; turn += 1) prompt.push(assistant(`answer ${turn - 1}`), user(`question ${turn}`));
    return prompt;
  };
  const keyed = (key: string): Partial<LanguageModelV3CallOptions> => ({ tools, providerOptions: { openai: { promptCacheKey: key } } });

  it('reads the earlier prefix on the next turn, in multiples of 128 tokens', async () => {
    const fake = await start(answer);
    const capture = capturing();
    const model = wire.model(fake, capture.fetch);
    const first = await model.doGenerate(call(conversation(1), { tools }));
    const second = await model.doGenerate(call(conversation(2), { tools }));
    const third = await streamed(model, call(conversation(3), { tools }));

    const [total1, total2, total3] = [0, 1, 2].map((index) => cacheOf(fake, index).inputTokens) as [number, number, number];
    expect(total1).toBeGreaterThan(1024);
    const read2 = Math.floor(total1 / 128) * 128;
    const read3 = Math.floor(total2 / 128) * 128;
    expect(cacheOf(fake, 0)).toEqual({ readTokens: 0, writeTokens: 0, inputTokens: total1, breakpoints: 0 });
    expect(cacheOf(fake, 1)).toEqual({ readTokens: read2, writeTokens: 0, inputTokens: total2, breakpoints: 0 });
    expect(cacheOf(fake, 2)).toMatchObject({ readTokens: read3 });
    expect(read2 % 128).toBe(0);
    expect(read2).toBeGreaterThanOrEqual(1024);

    expect(wire.usage(capture.bodies[0])).toMatchObject({ [wire.total]: total1, [wire.details]: { cached_tokens: 0 } });
    expect(wire.usage(capture.bodies[1])).toMatchObject({ [wire.total]: total2, [wire.details]: { cached_tokens: read2 } });
    expect(wire.usage(capture.bodies[2])).toMatchObject({ [wire.total]: total3, [wire.details]: { cached_tokens: read3 } });
    expect(first.usage.inputTokens).toEqual({ total: total1, noCache: total1, cacheRead: 0, cacheWrite: undefined });
    expect(second.usage.inputTokens).toEqual({ total: total2, noCache: total2 - read2, cacheRead: read2, cacheWrite: undefined });
    expect(third.inputTokens).toEqual({ total: total3, noCache: total3 - read3, cacheRead: read3, cacheWrite: undefined });
  });

  it('shares a cache only within one prompt_cache_key', async () => {
    const fake = await start(answer);
    const model = wire.model(fake);
    await model.doGenerate(call(conversation(1), keyed('session-a')));
    expect(fake.requests[0]?.body).toMatchObject({ prompt_cache_key: 'session-a' });
    const otherKey = await model.doGenerate(call(conversation(2), keyed('session-b')));
    const noKey = await model.doGenerate(call(conversation(2), { tools }));
    const sameKey = await model.doGenerate(call(conversation(2), keyed('session-a')));
    expect(cacheOf(fake, 1).readTokens).toBe(0);
    expect(otherKey.usage.inputTokens.cacheRead).toBe(0);
    expect(cacheOf(fake, 2).readTokens).toBe(0);
    expect(noKey.usage.inputTokens.cacheRead).toBe(0);
    expect(cacheOf(fake, 3).readTokens).toBe(Math.floor(cacheOf(fake, 0).inputTokens / 128) * 128);
    expect(sameKey.usage.inputTokens.cacheRead).toBe(cacheOf(fake, 3).readTokens);
  });

  it('caches nothing for prompts under 1024 tokens', async () => {
    const fake = await start(answer);
    const model = wire.model(fake);
    await model.doGenerate(call([system('Be brief.'), user('q')]));
    const again = await model.doGenerate(call([system('Be brief.'), user('q'), assistant('Noted.'), user('q2')]));
    expect(cacheOf(fake, 1).inputTokens).toBeLessThan(1024);
    expect(cacheOf(fake, 1).readTokens).toBe(0);
    expect(again.usage.inputTokens).toMatchObject({ cacheRead: 0, noCache: cacheOf(fake, 1).inputTokens });
  });
});

describe('prompt caching: Gemini (implicit)', () => {
  const gemini = (fake: FakeLlmServer, model: string, fetch?: typeof globalThis.fetch): LanguageModelV3 =>
    createGoogleGenerativeAI({ baseURL: `${fake.url}/v1beta`, apiKey: 'test', fetch })(model);

  it('reports the earlier prefix as cachedContentTokenCount on the next turn (Flash: from 1024 tokens)', async () => {
    const fake = await start(answer);
    const capture = capturing();
    const model = gemini(fake, 'gemini-2.5-flash', capture.fetch);
    const first = await model.doGenerate(call([system(SYSTEM), user('first question')], { tools }));
    const second = await streamed(model, call([system(SYSTEM), user('first question'), assistant('Noted.'), user('second question')], { tools }));

    const [total1, total2] = [cacheOf(fake, 0).inputTokens, cacheOf(fake, 1).inputTokens];
    expect(blockTokens(fake.requests[0], 'gemini-2.5-flash')).toHaveLength(4); // two function declarations, systemInstruction, one part
    expect(cacheOf(fake, 0)).toEqual({ readTokens: 0, writeTokens: 0, inputTokens: total1, breakpoints: 0 });
    expect(cacheOf(fake, 1)).toEqual({ readTokens: total1, writeTokens: 0, inputTokens: total2, breakpoints: 0 });

    const firstMetadata = at(jsonOf(capture.bodies[0]), 'usageMetadata');
    expect(firstMetadata).toMatchObject({ promptTokenCount: total1 });
    expect(firstMetadata).not.toHaveProperty('cachedContentTokenCount');
    expect(at(sseOf(capture.bodies[1]).at(-1), 'usageMetadata')).toMatchObject({ promptTokenCount: total2, cachedContentTokenCount: total1 });
    expect(first.usage.inputTokens).toEqual({ total: total1, noCache: total1, cacheRead: 0, cacheWrite: undefined });
    expect(second.inputTokens).toEqual({ total: total2, noCache: total2 - total1, cacheRead: total1, cacheWrite: undefined });
  });

  it('needs 4096 tokens on Pro models', async () => {
    const fake = await start(answer);
    const pro = gemini(fake, 'gemini-2.5-pro');
    await pro.doGenerate(call([system(SYSTEM), user('q')]));
    const short = await pro.doGenerate(call([system(SYSTEM), user('q'), assistant('Noted.'), user('q2')]));
    expect(cacheOf(fake, 1).readTokens).toBe(0);
    expect(short.usage.inputTokens.cacheRead).toBe(0);

    const long = SYSTEM.repeat(3);
    await pro.doGenerate(call([system(long), user('q')]));
    const cached = await pro.doGenerate(call([system(long), user('q'), assistant('Noted.'), user('q2')]));
    expect(cacheOf(fake, 2).inputTokens).toBeGreaterThan(4096);
    expect(cacheOf(fake, 3).readTokens).toBe(cacheOf(fake, 2).inputTokens);
    expect(cached.usage.inputTokens.cacheRead).toBe(cacheOf(fake, 2).inputTokens);
  });
});

describe('prompt caching: scripts and the option', () => {
  it('scripted input figures win over the simulation, which still runs', async () => {
    const fake = await start([{ text: 'a' }, { text: 'b', usage: { inputTokens: 5000, cachedInputTokens: 1000, cacheWriteTokens: 200 } }]);
    const model = createAnthropic({ baseURL: `${fake.url}/v1`, apiKey: 'test' })('claude-sonnet-4-5');
    await model.doGenerate(call([system(SYSTEM, true), user('q')]));
    const scripted = await model.doGenerate(call([system(SYSTEM, true), user('q'), assistant('a'), user('q2')]));
    expect(cacheOf(fake, 1).readTokens).toBeGreaterThan(1024);
    expect(scripted.usage.inputTokens).toEqual({ total: 5000, noCache: 3800, cacheRead: 1000, cacheWrite: 200 });
  });

  it('caching: false keeps the old estimates, ignores cache markers and records no cache', async () => {
    const fake = await start(answer, { caching: false });
    const marked = { type: 'text', text: SYSTEM, cache_control: { type: 'ephemeral' } };
    const body = { system: [marked, marked, marked], messages: [{ role: 'user', content: [marked, marked] }] };
    const response = await postAnthropic(fake, body);
    expect(response.status).toBe(200);
    const again = await postAnthropic(fake, body);
    expect(at(jsonOf(await again.text()), 'usage')).toMatchObject({ cache_read_input_tokens: 0, cache_creation_input_tokens: 0 });
    expect(fake.requests.map((request) => request.cache)).toEqual([undefined, undefined]);
    const wholeBody = JSON.stringify(fake.requests[1]?.body).length;
    expect(at(jsonOf(await response.text()), 'usage', 'input_tokens')).toBe(Math.ceil(wholeBody / 4));
  });
});
