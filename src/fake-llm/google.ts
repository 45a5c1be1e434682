// Google Gemini generateContent (POST /v1beta/models/{model}:generateContent, and
// :streamGenerateContent?alt=sse): thought, text and functionCall parts of one candidate, streamed as
// whole GenerateContentResponse chunks; the model and the stream choice live in the path, not the body.
import type { ProtocolAdapter } from './protocol.js';
import { splitPieces, type ResolvedReply } from './reply.js';
import { sseEvent, type SseEvent } from './sse.js';

const ROUTE = /^\/v1beta\/models\/([^/:]+):(generateContent|streamGenerateContent)$/;

/** Gemini counts promptTokenCount with the cached part and candidatesTokenCount without thoughts; zero counts are left out. */
function usageOf(reply: ResolvedReply): Record<string, unknown> {
  const { inputTokens, outputTokens, reasoningTokens, cachedInputTokens } = reply.usage;
  return {
    promptTokenCount: inputTokens,
    candidatesTokenCount: Math.max(0, outputTokens - reasoningTokens),
    ...(reasoningTokens > 0 ? { thoughtsTokenCount: reasoningTokens } : {}),
    ...(cachedInputTokens > 0 ? { cachedContentTokenCount: cachedInputTokens } : {}),
    totalTokenCount: inputTokens + outputTokens,
  };
}

const signatureOf = (reply: ResolvedReply): string => Buffer.from(`fake-thought-signature:${reply.idFor('resp')}`).toString('base64');

/**
 * `args` is a JSON object on this wire. Deliberately malformed arguments travel as the raw string,
 * which the AI SDK passes on as-is when streaming; the real API never sends that.
 */
function argsOf(argumentsText: string): unknown {
  try {
    return JSON.parse(argumentsText);
  } catch {
    return argumentsText;
  }
}

/** One functionCall part per call; like Gemini 3, the first one carries the step's thought signature. */
function functionCallParts(reply: ResolvedReply): Record<string, unknown>[] {
  return reply.toolCalls.map((call, position) => ({
    functionCall: { id: call.id, name: call.name, args: argsOf(call.arguments) },
    ...(position === 0 ? { thoughtSignature: signatureOf(reply) } : {}),
  }));
}

function response(reply: ResolvedReply, parts: Record<string, unknown>[], last: boolean): Record<string, unknown> {
  return {
    candidates: [{ content: { parts, role: 'model' }, ...(last ? { finishReason: 'STOP' } : {}), index: 0 }],
    ...(last ? { usageMetadata: usageOf(reply) } : {}),
    modelVersion: reply.model,
    responseId: reply.idFor('resp'),
  };
}

function json(reply: ResolvedReply): unknown {
  const parts: Record<string, unknown>[] = [];
  if (reply.reasoning) parts.push({ text: reply.reasoning, thought: true });
  if (reply.hasText) parts.push({ text: reply.text });
  parts.push(...functionCallParts(reply));
  // Gemini answers STOP for tool calls too; clients tell them apart by the functionCall parts.
  return response(reply, parts, true);
}

/** One part per chunk, then a closing chunk with an empty text part, the finish reason and the usage. */
function events(reply: ResolvedReply): SseEvent[] {
  const chunks: Record<string, unknown>[][] = [
    ...splitPieces(reply.reasoning).map((text) => [{ text, thought: true }]),
    ...(reply.hasText ? splitPieces(reply.text).map((text) => [{ text }]) : []),
    ...functionCallParts(reply).map((part) => [part]),
  ];
  return [...chunks.map((parts) => sseEvent(response(reply, parts, false))), sseEvent(response(reply, [{ text: '' }], true))];
}

const STATUS_NAMES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ABORTED',
  429: 'RESOURCE_EXHAUSTED',
  499: 'CANCELLED',
  500: 'INTERNAL',
  501: 'NOT_IMPLEMENTED',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

/** Google's error JSON: `{error: {code, message, status}}`. */
export function googleError(status: number, message: string): unknown {
  return { error: { code: status, message, status: STATUS_NAMES[status] ?? (status >= 500 ? 'INTERNAL' : 'FAILED_PRECONDITION') } };
}

export const google: ProtocolAdapter = {
  protocol: 'google',
  path: ROUTE,
  toolIdPrefix: 'call',
  // Gemini identifies a reply by `responseId` in the body; this header is the fake's own.
  requestIdHeader: 'x-request-id',
  // The path alone decides: streamGenerateContent is always answered as SSE, as with `?alt=sse`.
  wantsStream: (path) => ROUTE.exec(path)?.[2] === 'streamGenerateContent',
  modelOf: (path) => ROUTE.exec(path)?.[1],
  json,
  events,
  error: googleError,
};
