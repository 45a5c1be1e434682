// What the fake LLM answers: the reply schema (so scripts can be loaded from JSON) and the cursor
// that hands out one reply per request, from a list or a function.
import { z } from 'zod';
import type { RecordedRequest } from './types.js';

export const fakeToolCallSchema = z
  .object({
    name: z.string().min(1),
    input: z.unknown().optional(),
    id: z.string().min(1).optional(),
    /** Send these exact argument characters instead of JSON.stringify(input), for malformed-JSON tests. */
    rawArguments: z.string().optional(),
  })
  .strict();
export type FakeToolCall = z.infer<typeof fakeToolCallSchema>;

export const fakeFaultSchema = z.discriminatedUnion('kind', [
  /** An HTTP error with that provider's real error body, e.g. 429 + retry-after, 500, 401, 404. */
  z
    .object({
      kind: z.literal('status'),
      status: z.number().int().min(400).max(599),
      retryAfterSec: z.number().nonnegative().optional(),
      message: z.string().optional(),
    })
    .strict(),
  /** Send part of the reply, then destroy the socket. */
  z.object({ kind: z.literal('cut') }).strict(),
  /** Accept the request and never answer (until the server closes). */
  z.object({ kind: z.literal('hang') }).strict(),
  /** Destroy the socket immediately without a response. */
  z.object({ kind: z.literal('reset') }).strict(),
]);
export type FakeFault = z.infer<typeof fakeFaultSchema>;

const tokenCount = z.number().int().nonnegative();

export const fakeReplySchema = z
  .object({
    text: z.string().optional(),
    reasoning: z.string().optional(),
    toolCalls: z.array(fakeToolCallSchema).optional(),
    /**
     * Defaults are estimates (characters / 4) and, with caching on, the prompt cache simulation;
     * usage is always reported. Naming inputTokens, cachedInputTokens or cacheWriteTokens makes the
     * script own all three (unnamed ones are 0, inputTokens the estimate).
     */
    usage: z
      .object({
        /** All input tokens, cached and cache-written ones included. */
        inputTokens: tokenCount.optional(),
        outputTokens: tokenCount.optional(),
        reasoningTokens: tokenCount.optional(),
        /** Input tokens read from the prompt cache. */
        cachedInputTokens: tokenCount.optional(),
        /** Input tokens written to the prompt cache; only the Anthropic wire reports them (cache_creation_input_tokens). */
        cacheWriteTokens: tokenCount.optional(),
      })
      .strict()
      .optional(),
    fault: fakeFaultSchema.optional(),
    /** Report that the reply was cut off at the output limit (OpenAI Chat `length`, Anthropic `max_tokens`). */
    truncated: z.boolean().optional(),
    /** Wait this long before answering. */
    delayMs: z.number().nonnegative().optional(),
    /** Wait this long between stream chunks. */
    chunkDelayMs: z.number().nonnegative().optional(),
  })
  .strict();
export type FakeReply = z.infer<typeof fakeReplySchema>;

export const fakeScriptSchema: z.ZodType<FakeReply[]> = z.array(fakeReplySchema);

export type FakeScript = FakeReply[] | ((request: RecordedRequest) => FakeReply | Promise<FakeReply>);

/** Parses a script loaded from JSON, throwing one readable error that names every bad field. */
export function parseFakeScript(value: unknown): FakeReply[] {
  const result = fakeScriptSchema.safeParse(value);
  if (!result.success) throw new Error(`fake-llm: invalid script\n${z.prettifyError(result.error)}`);
  return result.data;
}

function errorReply(message: string): FakeReply {
  return { fault: { kind: 'status', status: 500, message } };
}

/** One reply per request. Exhaustion and script bugs become HTTP 500s that say so, never hangs. */
export function createScriptCursor(script: FakeScript): (request: RecordedRequest) => Promise<FakeReply> {
  let served = 0;
  return async (request) => {
    if (Array.isArray(script)) {
      const reply = script[served];
      if (reply === undefined) return errorReply(`fake-llm: script exhausted after ${served} requests`);
      served += 1;
      return checked(reply, served - 1);
    }
    try {
      return checked(await script(request), request.index);
    } catch (error) {
      return errorReply(`fake-llm: script function threw: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
}

function checked(reply: unknown, position: number): FakeReply {
  const result = fakeReplySchema.safeParse(reply);
  if (result.success) return result.data;
  return errorReply(`fake-llm: invalid reply #${position}: ${z.prettifyError(result.error)}`);
}
