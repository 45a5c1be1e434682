// The server's own behaviour, seen over plain HTTP and through the AI SDK: scripts, recording, faults, routes.
import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import { APICallError, generateText } from 'ai';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type FakeLlmServer, type RecordedRequest } from '../../src/fake-llm/index.js';
import { useFakeLlm } from './lifecycle.js';

const start = useFakeLlm();

function postChat(fake: FakeLlmServer, body: unknown = { model: 'fake-model', messages: [{ role: 'user', content: 'hi' }] }): Promise<Response> {
  return fetch(`${fake.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'X-Custom-Header': 'Yes' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function waitForRequests(fake: FakeLlmServer, count: number): Promise<void> {
  while (fake.requests.length < count) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('fake LLM script', () => {
  it('says clearly when the array script is exhausted', async () => {
    const fake = await start([{ text: 'only one' }]);
    expect((await postChat(fake)).status).toBe(200);
    const response = await postChat(fake);
    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({ error: { message: 'fake-llm: script exhausted after 1 requests' } });

    const error: unknown = await generateText({
      model: createAnthropic({ baseURL: `${fake.url}/v1`, apiKey: 'test' })('fake-model'),
      prompt: 'again',
      maxRetries: 0,
      maxOutputTokens: 100,
    }).catch((caught: unknown) => caught);
    expect(APICallError.isInstance(error) && error.message).toBe('fake-llm: script exhausted after 1 requests');
    expect(fake.requests).toHaveLength(3);
  });

  it('passes each recorded request to a function script', async () => {
    const seen: RecordedRequest[] = [];
    const fake = await start((request) => {
      seen.push(request);
      return { text: `reply ${request.index} to ${request.protocol}` };
    });
    const model = createOpenAI({ baseURL: `${fake.url}/v1`, apiKey: 'test' }).responses('fake-model');
    expect((await generateText({ model, prompt: 'one', maxRetries: 0 })).text).toBe('reply 0 to openai-responses');
    expect((await generateText({ model, prompt: 'two', maxRetries: 0 })).text).toBe('reply 1 to openai-responses');
    expect(seen).toEqual(fake.requests);
    expect(JSON.stringify(seen[1]?.body)).toContain('two');
  });

  it('answers a throwing function script with a 500 that says so', async () => {
    const fake = await start(() => {
      throw new Error('boom');
    });
    const response = await postChat(fake);
    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({ error: { message: 'fake-llm: script function threw: boom' } });
  });

  it('records headers lower-cased, the parsed body, the stream flag and the time', async () => {
    const fake = await start([{ text: 'ok' }]);
    const before = Date.now();
    await postChat(fake, { model: 'm', stream: false, messages: [] });
    expect(fake.requests[0]).toMatchObject({
      index: 0,
      protocol: 'openai-chat',
      method: 'POST',
      path: '/v1/chat/completions',
      body: { model: 'm', stream: false, messages: [] },
      stream: false,
    });
    expect(fake.requests[0]?.headers['x-custom-header']).toBe('Yes');
    expect(fake.requests[0]?.receivedAt).toBeGreaterThanOrEqual(before);
  });

  it('rejects a body that is not JSON with a 400, records it, and keeps the script reply', async () => {
    const fake = await start([{ text: 'still here' }]);
    const response = await postChat(fake, '{not json');
    expect(response.status).toBe(400);
    expect(fake.requests[0]?.body).toBe('{not json');
    const next = await postChat(fake);
    expect(await next.json()).toMatchObject({ choices: [{ message: { content: 'still here' } }] });
  });
});

describe('fake LLM faults', () => {
  it('shapes status errors like the provider does', async () => {
    const fake = await start([{ fault: { kind: 'status', status: 404 } }, { fault: { kind: 'status', status: 529 } }]);
    const openAi = await postChat(fake, { model: 'gpt-nope', messages: [] });
    expect(openAi.status).toBe(404);
    expect(await openAi.json()).toEqual({
      error: { message: expect.stringContaining('gpt-nope'), type: 'invalid_request_error', param: null, code: 'model_not_found' },
    });
    const anthropic = await fetch(`${fake.url}/v1/messages`, { method: 'POST', body: JSON.stringify({ model: 'claude-x', messages: [] }) });
    expect(anthropic.status).toBe(529);
    expect(await anthropic.json()).toEqual({ type: 'error', error: { type: 'overloaded_error', message: expect.any(String) } });
  });

  it('waits delayMs before answering', async () => {
    const fake = await start([{ text: 'late', delayMs: 150 }]);
    const started = Date.now();
    await postChat(fake);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('cuts a non-streaming reply part-way', async () => {
    const fake = await start([{ text: 'a reply that never arrives whole', fault: { kind: 'cut' } }]);
    const model = createOpenAI({ baseURL: `${fake.url}/v1`, apiKey: 'test' }).chat('fake-model');
    await expect(generateText({ model, prompt: 'hi', maxRetries: 0 })).rejects.toThrow();
  });

  it('resets the connection without a response', async () => {
    const fake = await start([{ fault: { kind: 'reset' } }]);
    await expect(postChat(fake)).rejects.toThrow(/fetch failed/);
    expect(fake.requests).toHaveLength(1);
  });

  it('hangs until the server closes, and close() ends the hanging request', async () => {
    const fake = await start([{ fault: { kind: 'hang' } }, { text: 'slow', delayMs: 60_000 }]);
    const hanging = postChat(fake).then(
      () => 'answered',
      () => 'failed',
    );
    const delayed = postChat(fake).then(
      () => 'answered',
      () => 'failed',
    );
    await waitForRequests(fake, 2);
    const started = Date.now();
    await fake.close();
    expect(await hanging).toBe('failed');
    expect(await delayed).toBe('failed');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('paces stream chunks by chunkDelayMs', async () => {
    const fake = await start([{ text: 'one two three four five six', chunkDelayMs: 20 }]);
    const started = Date.now();
    const response = await postChat(fake, { model: 'm', stream: true, messages: [] });
    const body = await response.text();
    expect(body.endsWith('data: [DONE]\n\n')).toBe(true);
    expect(body.match(/^data: /gm)?.length).toBeGreaterThan(4);
    expect(Date.now() - started).toBeGreaterThanOrEqual(80);
  });
});

describe('fake LLM routes', () => {
  it('serves /healthz and /v1/models, and 404s anything else', async () => {
    const fake = await start([]);
    expect(await (await fetch(`${fake.url}/healthz`)).json()).toEqual({ status: 'ok' });
    const models = z.object({ data: z.array(z.object({ id: z.string() })) }).parse(await (await fetch(`${fake.url}/v1/models`)).json());
    expect(models.data.map((model) => model.id)).toContain('fake-model');
    const missing = await fetch(`${fake.url}/v1/embeddings`, { method: 'POST', body: '{}' });
    expect(missing.status).toBe(404);
    expect(fake.requests).toHaveLength(0);
    expect(fake.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });
});
