// Gemini generateContent specifics: the model and stream choice in the path, the raw SSE chunks,
// Google's error body, faults and thinking config, seen over plain HTTP and through @ai-sdk/google.
import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { APICallError, generateText, streamText } from 'ai';
import { describe, expect, it } from 'vitest';
import { type FakeLlmServer } from '../../src/fake-llm/index.js';
import { useFakeLlm } from './lifecycle.js';

const start = useFakeLlm();

const gemini = (fake: FakeLlmServer, model = 'gemini-2.5-flash') => createGoogleGenerativeAI({ baseURL: `${fake.url}/v1beta`, apiKey: 'test' })(model);
const common = { maxRetries: 0 };

function post(fake: FakeLlmServer, route: string, body: unknown = { contents: [{ role: 'user', parts: [{ text: 'hi' }] }] }): Promise<Response> {
  return fetch(`${fake.url}/v1beta/models/${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-goog-api-key': 'test' },
    body: JSON.stringify(body),
  });
}

/** The parsed `data:` payloads of an SSE body. */
function sseData(text: string): Record<string, unknown>[] {
  return text
    .split('\n\n')
    .filter((frame) => frame.startsWith('data: '))
    .map((frame) => JSON.parse(frame.slice('data: '.length)) as Record<string, unknown>);
}

describe('fake LLM speaks Gemini generateContent', () => {
  it('answers generateContent with one candidate of thought, text and functionCall parts', async () => {
    const fake = await start([
      {
        reasoning: 'Think first.',
        text: 'Calling.',
        toolCalls: [{ name: 'run', input: { command: 'ls' }, id: 'call_x' }],
        usage: { inputTokens: 100, outputTokens: 40, reasoningTokens: 15, cachedInputTokens: 30 },
      },
    ]);
    const response = await post(fake, 'gemini-2.5-pro:generateContent');
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      candidates: [
        {
          content: {
            role: 'model',
            parts: [
              { text: 'Think first.', thought: true },
              { text: 'Calling.' },
              { functionCall: { id: 'call_x', name: 'run', args: { command: 'ls' } }, thoughtSignature: expect.any(String) },
            ],
          },
          finishReason: 'STOP',
        },
      ],
      usageMetadata: { promptTokenCount: 100, candidatesTokenCount: 25, thoughtsTokenCount: 15, cachedContentTokenCount: 30, totalTokenCount: 140 },
      modelVersion: 'gemini-2.5-pro',
      responseId: 'resp_fake_0',
    });
    expect(fake.requests[0]).toMatchObject({ protocol: 'google', path: '/v1beta/models/gemini-2.5-pro:generateContent', stream: false });
  });

  it('streams GenerateContentResponse chunks with the finish reason and usage in the last', async () => {
    const fake = await start([{ reasoning: 'Hmm, let me see about that.', text: 'A streamed Gemini answer in pieces.', usage: { inputTokens: 9, outputTokens: 5, reasoningTokens: 2 } }]);
    const response = await post(fake, 'fake-model:streamGenerateContent?alt=sse');
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const chunks = sseData(await response.text());
    expect(chunks.length).toBeGreaterThan(4);
    const parts = chunks.flatMap((chunk) => (chunk as { candidates: { content: { parts: Record<string, unknown>[] } }[] }).candidates[0]!.content.parts);
    const thoughts = parts.filter((part) => part.thought === true).map((part) => part.text);
    const texts = parts.filter((part) => part.thought !== true).map((part) => part.text);
    expect(thoughts.join('')).toBe('Hmm, let me see about that.');
    expect(texts.join('')).toBe('A streamed Gemini answer in pieces.');
    expect(chunks.slice(0, -1).every((chunk) => !('usageMetadata' in chunk))).toBe(true);
    expect(chunks.at(-1)).toMatchObject({ candidates: [{ finishReason: 'STOP' }], usageMetadata: { promptTokenCount: 9, candidatesTokenCount: 3, thoughtsTokenCount: 2, totalTokenCount: 14 } });
    expect(fake.requests[0]).toMatchObject({ path: '/v1beta/models/fake-model:streamGenerateContent', stream: true });
  });

  it('echoes the model from the path through the real client, and records its request shape', async () => {
    const fake = await start([{ text: 'ok' }]);
    const result = await generateText({
      model: gemini(fake),
      system: 'be brief',
      prompt: 'hello gemini',
      providerOptions: { google: { thinkingConfig: { thinkingBudget: 2048, includeThoughts: true } } },
      ...common,
    });
    expect(result.text).toBe('ok');
    expect(result.response.id).toBe('resp_fake_0');
    const request = fake.requests[0]!;
    expect(request.headers['x-goog-api-key']).toBe('test');
    expect(request.body).toMatchObject({
      contents: [{ role: 'user', parts: [{ text: 'hello gemini' }] }],
      systemInstruction: { parts: [{ text: 'be brief' }] },
      generationConfig: { thinkingConfig: { thinkingBudget: 2048, includeThoughts: true } },
    });
  });

  it('answers errors in Google shape, with retry-after on 429', async () => {
    const fake = await start([{ fault: { kind: 'status', status: 429, retryAfterSec: 3 } }, { fault: { kind: 'status', status: 503, message: 'busy' } }]);
    const limited = await post(fake, 'fake-model:generateContent');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3');
    expect(await limited.json()).toEqual({ error: { code: 429, message: 'fake-llm: rate limit reached, please try again later', status: 'RESOURCE_EXHAUSTED' } });

    const error: unknown = await generateText({ model: gemini(fake), prompt: 'hi', ...common }).catch((caught: unknown) => caught);
    expect(APICallError.isInstance(error)).toBe(true);
    if (!APICallError.isInstance(error)) return;
    expect(error.statusCode).toBe(503);
    expect(error.message).toBe('busy');
    expect(error.isRetryable).toBe(true);
    expect(JSON.parse(error.responseBody ?? '{}')).toMatchObject({ error: { code: 503, status: 'UNAVAILABLE' } });
  });

  it('answers unknown /v1beta routes with a Google-shaped 404', async () => {
    const fake = await start([]);
    const response = await post(fake, 'fake-model:countTokens');
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: 404, status: 'NOT_FOUND' } });
    expect(fake.requests).toHaveLength(0);
  });

  it('cuts even a one-piece stream before its finish chunk', async () => {
    const fake = await start([{ text: 'Hi', fault: { kind: 'cut' } }]);
    const result = streamText({ model: gemini(fake), prompt: 'hi', ...common, onError: () => {} });
    const parts: string[] = [];
    let failure: unknown;
    try {
      for await (const part of result.fullStream) {
        parts.push(part.type);
        if (part.type === 'error') {
          failure = part.error;
          break;
        }
      }
    } catch (error) {
      failure = error;
    }
    expect(parts).toContain('text-delta');
    expect(parts).not.toContain('finish');
    expect(APICallError.isInstance(failure)).toBe(true);
  });

  it('fails a reset or hung request as the client sees it', async () => {
    const fake = await start([{ fault: { kind: 'reset' } }, { fault: { kind: 'hang' } }]);
    const reset: unknown = await generateText({ model: gemini(fake), prompt: 'hi', ...common }).catch((caught: unknown) => caught);
    expect(APICallError.isInstance(reset)).toBe(true);
    const hung: unknown = await generateText({ model: gemini(fake), prompt: 'hi', ...common, abortSignal: AbortSignal.timeout(200) }).catch((caught: unknown) => caught);
    expect(hung).toBeInstanceOf(Error);
    expect(fake.requests).toHaveLength(2);
  });
});
