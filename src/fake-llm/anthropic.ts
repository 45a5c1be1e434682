// Anthropic Messages (POST /v1/messages): thinking (with a signature), text and tool_use blocks,
// streamed as message_start, content_block_start/delta/stop, message_delta and message_stop.
import type { ProtocolAdapter } from './protocol.js';
import { splitPieces, type ResolvedReply } from './reply.js';
import { sseEvent, type SseEvent } from './sse.js';

/** Anthropic counts input_tokens without the cache-read and cache-written parts; output_tokens include thinking. */
function usageOf(reply: ResolvedReply, outputTokens = reply.usage.outputTokens): Record<string, unknown> {
  const { inputTokens, reasoningTokens, cachedInputTokens, cacheWriteTokens } = reply.usage;
  return {
    input_tokens: Math.max(0, inputTokens - cachedInputTokens - cacheWriteTokens),
    cache_creation_input_tokens: cacheWriteTokens,
    cache_read_input_tokens: cachedInputTokens,
    output_tokens: outputTokens,
    ...(reasoningTokens > 0 ? { output_tokens_details: { thinking_tokens: reasoningTokens } } : {}),
  };
}

const stopReason = (reply: ResolvedReply): string => (reply.truncated ? 'max_tokens' : reply.toolCalls.length > 0 ? 'tool_use' : 'end_turn');
const signatureOf = (reply: ResolvedReply): string => Buffer.from(`fake-signature:${reply.idFor('msg')}`).toString('base64');

/** Tool input must be a JSON object on this wire; deliberately malformed arguments travel as a string. */
function inputOf(argumentsText: string): unknown {
  try {
    return JSON.parse(argumentsText);
  } catch {
    return argumentsText;
  }
}

function contentBlocks(reply: ResolvedReply): Record<string, unknown>[] {
  const blocks: Record<string, unknown>[] = [];
  if (reply.reasoning) blocks.push({ type: 'thinking', thinking: reply.reasoning, signature: signatureOf(reply) });
  if (reply.hasText) blocks.push({ type: 'text', text: reply.text });
  for (const call of reply.toolCalls) blocks.push({ type: 'tool_use', id: call.id, name: call.name, input: inputOf(call.arguments) });
  return blocks;
}

function json(reply: ResolvedReply): unknown {
  return {
    id: reply.idFor('msg'),
    type: 'message',
    role: 'assistant',
    model: reply.model,
    content: contentBlocks(reply),
    stop_reason: stopReason(reply),
    stop_sequence: null,
    usage: usageOf(reply),
  };
}

function events(reply: ResolvedReply): SseEvent[] {
  const out: SseEvent[] = [];
  const emit = (type: string, fields: Record<string, unknown> = {}): void => {
    out.push(sseEvent({ type, ...fields }, type));
  };
  const message = { id: reply.idFor('msg'), type: 'message', role: 'assistant', model: reply.model, content: [], stop_reason: null, stop_sequence: null };
  emit('message_start', { message: { ...message, usage: usageOf(reply, 1) } });
  emit('ping');
  let index = 0;
  const block = (start: Record<string, unknown>, deltas: Record<string, unknown>[]): void => {
    emit('content_block_start', { index, content_block: start });
    for (const delta of deltas) emit('content_block_delta', { index, delta });
    emit('content_block_stop', { index });
    index += 1;
  };
  if (reply.reasoning) {
    const thinking = splitPieces(reply.reasoning).map((piece) => ({ type: 'thinking_delta', thinking: piece }));
    block({ type: 'thinking', thinking: '', signature: '' }, [...thinking, { type: 'signature_delta', signature: signatureOf(reply) }]);
  }
  if (reply.hasText) {
    block({ type: 'text', text: '' }, splitPieces(reply.text).map((text) => ({ type: 'text_delta', text })));
  }
  for (const call of reply.toolCalls) {
    const pieces = splitPieces(call.arguments).map((partial_json) => ({ type: 'input_json_delta', partial_json }));
    block({ type: 'tool_use', id: call.id, name: call.name, input: {} }, pieces);
  }
  emit('message_delta', { delta: { stop_reason: stopReason(reply), stop_sequence: null }, usage: usageOf(reply) });
  emit('message_stop');
  return out;
}

const ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  529: 'overloaded_error',
};

export const anthropic: ProtocolAdapter = {
  protocol: 'anthropic',
  path: '/v1/messages',
  toolIdPrefix: 'toolu',
  requestIdHeader: 'request-id',
  json,
  events,
  error: (status, message) => ({
    type: 'error',
    error: { type: ERROR_TYPES[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error'), message },
  }),
};
