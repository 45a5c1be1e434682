// One contract suite, run against every real AI SDK client: the fake server must be indistinguishable
// from the real API as far as the client can tell.
import { APICallError, generateText, stepCountIs, streamText, tool, type TextStreamPart, type ToolSet } from 'ai';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { useFakeLlm } from './lifecycle.js';
import { fakeClients } from './clients.js';

const tools = {
  read_file: tool({ description: 'Read a file', inputSchema: z.object({ path: z.string(), limit: z.number().optional() }) }),
  run: tool({ description: 'Run a command', inputSchema: z.object({ command: z.string() }) }),
};

/** No retries, so faults reach the test; an explicit cap, so Anthropic does not warn about unknown models. */
const common = { maxRetries: 0, maxOutputTokens: 1000 };

const start = useFakeLlm();

async function collect<T extends ToolSet>(stream: AsyncIterable<TextStreamPart<T>>): Promise<TextStreamPart<T>[]> {
  const parts: TextStreamPart<T>[] = [];
  for await (const part of stream) parts.push(part);
  return parts;
}

/** Parts seen before the stream failed, and what it failed with (an error part or a thrown error). */
async function collectUntilError<T extends ToolSet>(stream: AsyncIterable<TextStreamPart<T>>): Promise<{ parts: TextStreamPart<T>[]; error: unknown }> {
  const parts: TextStreamPart<T>[] = [];
  try {
    for await (const part of stream) {
      parts.push(part);
      if (part.type === 'error') return { parts, error: part.error };
    }
  } catch (error) {
    return { parts, error };
  }
  return { parts, error: undefined };
}

describe.each(fakeClients)('fake LLM speaks $name', (client) => {
  it('streams text in several deltas and records the request', async () => {
    const fake = await start([{ text: 'Hello from the fake model, streamed in pieces.' }]);
    const result = streamText({ model: client.model(fake.url), prompt: 'say hello', ...common });
    const parts = await collect(result.fullStream);
    const deltas = parts.filter((part) => part.type === 'text-delta');
    expect(deltas.length).toBeGreaterThan(1);
    expect(await result.text).toBe('Hello from the fake model, streamed in pieces.');
    expect(await result.finishReason).toBe('stop');

    expect(fake.requests).toHaveLength(1);
    const request = fake.requests[0];
    expect(request).toMatchObject({ index: 0, protocol: client.protocol, method: 'POST', path: client.path, stream: true });
    expect(JSON.stringify(request?.body)).toContain('say hello');
    expect(request?.headers['content-type']).toContain('application/json');
    expect(request?.headers.authorization ?? request?.headers['x-api-key'] ?? request?.headers['x-goog-api-key']).toMatch(/test/);
  });

  it('answers non-streaming requests with text and the scripted usage', async () => {
    const fake = await start([
      { text: 'Plain answer.', usage: { inputTokens: 120, outputTokens: 30, reasoningTokens: 10, cachedInputTokens: 20 } },
    ]);
    const result = await generateText({ model: client.model(fake.url), prompt: 'hi', ...common });
    expect(result.text).toBe('Plain answer.');
    expect(result.usage.inputTokens).toBe(120);
    expect(result.usage.outputTokens).toBe(30);
    expect(result.usage.inputTokenDetails.cacheReadTokens).toBe(20);
    expect(result.usage.outputTokenDetails.reasoningTokens).toBe(10);
    expect(fake.requests[0]?.stream).toBe(false);
  });

  it('reports usage on streams too, estimating it when not scripted', async () => {
    const fake = await start([{ text: 'Counted.' }, { text: 'Counted.', usage: { inputTokens: 7, outputTokens: 3 } }]);
    const estimated = streamText({ model: client.model(fake.url), prompt: 'count me', ...common });
    const usage = await estimated.usage;
    expect(usage.inputTokens).toBeGreaterThan(0);
    expect(usage.outputTokens).toBeGreaterThan(0);
    const scripted = streamText({ model: client.model(fake.url), prompt: 'count me', ...common });
    expect(await scripted.usage).toMatchObject({ inputTokens: 7, outputTokens: 3 });
  });

  it('streams tool calls with their arguments split across deltas', async () => {
    const fake = await start([
      {
        text: 'Let me look.',
        toolCalls: [
          { name: 'read_file', input: { path: 'src/index.ts', limit: 40 }, id: 'call_given' },
          { name: 'run', input: { command: 'npm test' } },
        ],
      },
    ]);
    const result = streamText({ model: client.model(fake.url), prompt: 'look', tools, ...common });
    const parts = await collect(result.fullStream);
    const inputDeltas = parts.filter((part) => part.type === 'tool-input-delta').length;
    if (client.splitsToolInput) expect(inputDeltas).toBeGreaterThan(2);
    else expect(inputDeltas).toBe(2);
    const calls = await result.toolCalls;
    expect(calls.map((call) => [call.toolName, call.input])).toEqual([
      ['read_file', { path: 'src/index.ts', limit: 40 }],
      ['run', { command: 'npm test' }],
    ]);
    expect(calls[0]?.toolCallId).toBe('call_given');
    expect(calls[1]?.toolCallId).toMatch(/\S/);
    expect(await result.text).toBe('Let me look.');
    expect(await result.finishReason).toBe('tool-calls');
  });

  it('returns tool calls from non-streaming requests', async () => {
    const fake = await start([{ toolCalls: [{ name: 'run', input: { command: 'ls' } }] }]);
    const result = await generateText({ model: client.model(fake.url), prompt: 'list', tools, ...common });
    expect(result.toolCalls.map((call) => [call.toolName, call.input])).toEqual([['run', { command: 'ls' }]]);
    expect(result.finishReason).toBe('tool-calls');
    expect(result.text).toBe('');
  });

  it('sends malformed arguments as the exact raw characters', async () => {
    const fake = await start([{ toolCalls: [{ name: 'run', rawArguments: '{"command": "ls' }] }]);
    const result = streamText({ model: client.model(fake.url), prompt: 'list', tools, ...common });
    const parts = await collect(result.fullStream);
    const deltas = parts.flatMap((part) => (part.type === 'tool-input-delta' ? [part.delta] : []));
    expect(deltas.join('')).toBe('{"command": "ls');
    expect(parts.some((part) => part.type === 'tool-error' || (part.type === 'tool-call' && part.invalid === true))).toBe(true);
  });

  it('keeps reasoning apart from the answer', async () => {
    const fake = await start([
      { reasoning: 'The user wants a greeting; keep it short.', text: 'Hi!' },
      { reasoning: 'Short thought.', text: 'Done.' },
    ]);
    const streamed = streamText({ model: client.model(fake.url), prompt: 'greet', ...common });
    expect(await streamed.text).toBe('Hi!');
    const generated = await generateText({ model: client.model(fake.url), prompt: 'go', ...common });
    expect(generated.text).toBe('Done.');
    if (client.readsReasoning) {
      expect(await streamed.reasoningText).toBe('The user wants a greeting; keep it short.');
      expect(generated.reasoningText).toBe('Short thought.');
    } else {
      expect((await streamed.reasoningText) ?? '').toBe('');
    }
  });

  it('records the tool result the client sends back on the next step', async () => {
    const fake = await start([
      { reasoning: 'I should read it.', toolCalls: [{ name: 'read_file', input: { path: 'a.ts' }, id: 'call_round_trip' }] },
      { text: 'The file says hello.' },
    ]);
    const readFile = tool({ inputSchema: z.object({ path: z.string() }), execute: ({ path }) => `contents of ${path}: hello` });
    const result = await generateText({
      model: client.model(fake.url),
      prompt: 'what is in a.ts?',
      tools: { read_file: readFile },
      stopWhen: stepCountIs(2),
      ...common,
    });
    expect(result.text).toBe('The file says hello.');
    expect(fake.requests).toHaveLength(2);
    const secondBody = JSON.stringify(fake.requests[1]?.body);
    expect(secondBody).toContain('call_round_trip');
    expect(secondBody).toContain('contents of a.ts: hello');
  });

  it('surfaces a 429 with retry-after as an APICallError', async () => {
    const fake = await start([{ fault: { kind: 'status', status: 429, retryAfterSec: 7, message: 'slow down' } }]);
    const error: unknown = await generateText({ model: client.model(fake.url), prompt: 'hi', ...common }).catch((caught: unknown) => caught);
    expect(APICallError.isInstance(error)).toBe(true);
    if (!APICallError.isInstance(error)) return;
    expect(error.statusCode).toBe(429);
    expect(error.responseHeaders?.['retry-after']).toBe('7');
    expect(error.isRetryable).toBe(true);
    expect(error.message).toContain('slow down');
  });

  it('surfaces a stream cut mid-way as an error', async () => {
    const fake = await start([{ text: 'This reply will be cut off before it finishes streaming.', fault: { kind: 'cut' } }]);
    const result = streamText({ model: client.model(fake.url), prompt: 'hi', ...common, onError: () => {} });
    const { parts, error } = await collectUntilError(result.fullStream);
    expect(parts.some((part) => part.type === 'text-delta')).toBe(true);
    // The client wraps the dropped connection ("terminated") in an APICallError.
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error instanceof Error && error.cause instanceof Error ? error.cause.message : '').toMatch(/terminated/);
  });
});
