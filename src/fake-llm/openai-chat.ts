// OpenAI Chat Completions (POST /v1/chat/completions), as OpenAI and OpenAI-compatible servers send it.
// Reasoning goes in `reasoning_content`, the field DeepSeek, vLLM and most compatible servers use.
import type { ProtocolAdapter } from './protocol.js';
import { splitPieces, type ResolvedReply } from './reply.js';
import { sseEvent, type SseEvent } from './sse.js';

function usageOf(reply: ResolvedReply): Record<string, unknown> {
  const { inputTokens, outputTokens, reasoningTokens, cachedInputTokens } = reply.usage;
  return {
    prompt_tokens: inputTokens,
    completion_tokens: outputTokens,
    total_tokens: inputTokens + outputTokens,
    prompt_tokens_details: { cached_tokens: cachedInputTokens, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: reasoningTokens, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
  };
}

const finishReason = (reply: ResolvedReply): string => (reply.truncated ? 'length' : reply.toolCalls.length > 0 ? 'tool_calls' : 'stop');

function json(reply: ResolvedReply): unknown {
  const message: Record<string, unknown> = {
    role: 'assistant',
    content: reply.hasText ? reply.text : null,
    refusal: null,
    annotations: [],
  };
  if (reply.reasoning) message.reasoning_content = reply.reasoning;
  if (reply.toolCalls.length > 0) {
    message.tool_calls = reply.toolCalls.map((call) => ({ id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } }));
  }
  return {
    id: reply.idFor('chatcmpl'),
    object: 'chat.completion',
    created: reply.created,
    model: reply.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: finishReason(reply) }],
    usage: usageOf(reply),
    system_fingerprint: 'fp_fake',
  };
}

function includeUsage(body: unknown): boolean {
  if (typeof body !== 'object' || body === null || !('stream_options' in body)) return false;
  const options = body.stream_options;
  return typeof options === 'object' && options !== null && 'include_usage' in options && options.include_usage === true;
}

function events(reply: ResolvedReply, body: unknown): SseEvent[] {
  const withUsage = includeUsage(body);
  const chunk = (delta: Record<string, unknown>, finish: string | null = null): SseEvent =>
    sseEvent({
      id: reply.idFor('chatcmpl'),
      object: 'chat.completion.chunk',
      created: reply.created,
      model: reply.model,
      system_fingerprint: 'fp_fake',
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
      ...(withUsage ? { usage: null } : {}),
    });
  const out: SseEvent[] = [chunk({ role: 'assistant', content: '', refusal: null })];
  for (const piece of splitPieces(reply.reasoning)) out.push(chunk({ reasoning_content: piece }));
  if (reply.hasText) for (const piece of splitPieces(reply.text)) out.push(chunk({ content: piece }));
  reply.toolCalls.forEach((call, index) => {
    out.push(chunk({ tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } }] }));
    for (const piece of splitPieces(call.arguments)) out.push(chunk({ tool_calls: [{ index, function: { arguments: piece } }] }));
  });
  out.push(chunk({}, finishReason(reply)));
  if (withUsage) {
    out.push(
      sseEvent({
        id: reply.idFor('chatcmpl'),
        object: 'chat.completion.chunk',
        created: reply.created,
        model: reply.model,
        system_fingerprint: 'fp_fake',
        choices: [],
        usage: usageOf(reply),
      }),
    );
  }
  out.push({ data: '[DONE]' });
  return out;
}

const ERROR_TYPES: Record<number, { type: string; code: string | null }> = {
  400: { type: 'invalid_request_error', code: null },
  401: { type: 'invalid_request_error', code: 'invalid_api_key' },
  403: { type: 'invalid_request_error', code: 'unsupported_country_region_territory' },
  404: { type: 'invalid_request_error', code: 'model_not_found' },
  429: { type: 'requests', code: 'rate_limit_exceeded' },
};

/** OpenAI's error JSON, shared by Chat Completions and Responses. */
export function openAiError(status: number, message: string): unknown {
  const known = ERROR_TYPES[status] ?? { type: status >= 500 ? 'server_error' : 'invalid_request_error', code: null };
  return { error: { message, type: known.type, param: null, code: known.code } };
}

export const openAiChat: ProtocolAdapter = {
  protocol: 'openai-chat',
  path: '/v1/chat/completions',
  toolIdPrefix: 'call',
  requestIdHeader: 'x-request-id',
  json,
  events,
  error: openAiError,
};
