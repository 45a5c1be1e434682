// Turns a scripted reply into the protocol-neutral content every wire format renders:
// tool-call ids and argument strings filled in, usage numbers settled, text split into stream pieces.
import { estimateTokens, type CacheOutcome } from './cache.js';
import type { FakeReply } from './script.js';

export interface ResolvedToolCall {
  id: string;
  name: string;
  /** The exact argument characters to send (may be malformed JSON on purpose). */
  arguments: string;
}

/** Token counts in the AI SDK's sense: input includes cached and cache-written tokens, output includes reasoning. */
export interface ResolvedUsage {
  inputTokens: number;
  outputTokens: number;
  reasoningTokens: number;
  /** Input tokens read from the prompt cache. */
  cachedInputTokens: number;
  /** Input tokens written to the prompt cache (only Anthropic's wire reports them). */
  cacheWriteTokens: number;
}

export interface ResolvedReply {
  /** The model id echoed back: the request's `model`, or a stand-in. */
  model: string;
  text: string;
  /** Whether a text part is sent at all: when text was given, or when there is nothing else to send. */
  hasText: boolean;
  reasoning: string;
  toolCalls: ResolvedToolCall[];
  usage: ResolvedUsage;
  /** The reply was cut off at the output limit. */
  truncated: boolean;
  /** Unix seconds, as the `created` fields carry. */
  created: number;
  /** Deterministic ids: `${prefix}_fake_${requestIndex}` plus a suffix for each part. */
  idFor: (prefix: string, part?: number) => string;
}

export function resolveReply(
  reply: FakeReply,
  request: { index: number; body: unknown },
  toolIdPrefix: string,
  /** The model named outside the body (Gemini puts it in the path). */
  model?: string,
  /** The prompt cache's outcome for this request, when the server simulates caching. */
  cache?: CacheOutcome,
): ResolvedReply {
  const idFor = (prefix: string, part?: number): string =>
    `${prefix}_fake_${request.index}${part === undefined ? '' : `_${part}`}`;
  const toolCalls = (reply.toolCalls ?? []).map((call, position) => ({
    id: call.id ?? idFor(toolIdPrefix, position),
    name: call.name,
    arguments: call.rawArguments ?? JSON.stringify(call.input ?? {}),
  }));
  const text = reply.text ?? '';
  const reasoning = reply.reasoning ?? '';
  const argumentCharacters = toolCalls.reduce((sum, call) => sum + call.name.length + call.arguments.length, 0);
  const reasoningTokens = reply.usage?.reasoningTokens ?? estimateTokens(reasoning.length);
  const scripted = reply.usage;
  // A script that names any input-side figure owns all of them; otherwise the cache simulation decides.
  const scriptedInput = scripted?.inputTokens !== undefined || scripted?.cachedInputTokens !== undefined || scripted?.cacheWriteTokens !== undefined;
  const simulated = scriptedInput ? undefined : cache;
  const usage: ResolvedUsage = {
    inputTokens:
      scripted?.inputTokens ??
      Math.max(1, cache === undefined ? estimateTokens(JSON.stringify(request.body ?? '').length) : cache.inputTokens),
    outputTokens: scripted?.outputTokens ?? estimateTokens(text.length + argumentCharacters) + reasoningTokens,
    reasoningTokens,
    cachedInputTokens: scripted?.cachedInputTokens ?? simulated?.readTokens ?? 0,
    cacheWriteTokens: scripted?.cacheWriteTokens ?? simulated?.writeTokens ?? 0,
  };
  return {
    model: model ?? modelOf(request.body),
    text,
    hasText: text.length > 0 || toolCalls.length === 0,
    reasoning,
    toolCalls,
    usage,
    truncated: reply.truncated ?? false,
    created: Math.floor(Date.now() / 1000),
    idFor,
  };
}

function modelOf(body: unknown): string {
  if (typeof body === 'object' && body !== null && 'model' in body && typeof body.model === 'string') return body.model;
  return 'fake-model';
}

/** Splits text into a few small pieces (never inside a surrogate pair) so streams really stream. */
export function splitPieces(text: string): string[] {
  const characters = Array.from(text);
  if (characters.length === 0) return [];
  const size = Math.max(1, Math.min(24, Math.ceil(characters.length / 3)));
  const pieces: string[] = [];
  for (let start = 0; start < characters.length; start += size) pieces.push(characters.slice(start, start + size).join(''));
  return pieces;
}

/** Whether the request body asked for a stream (`"stream": true` in the OpenAI and Anthropic protocols). */
export function wantsStream(body: unknown): boolean {
  return typeof body === 'object' && body !== null && 'stream' in body && body.stream === true;
}
