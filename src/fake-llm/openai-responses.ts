// OpenAI Responses (POST /v1/responses): output items for reasoning (as a summary), the message and
// function calls, streamed with the real event sequence and sequence numbers.
import { openAiError } from './openai-chat.js';
import type { ProtocolAdapter } from './protocol.js';
import { splitPieces, type ResolvedReply } from './reply.js';
import { sseEvent, type SseEvent } from './sse.js';

type Item = Record<string, unknown> & { id: string; type: string };

function usageOf(reply: ResolvedReply): Record<string, unknown> {
  const { inputTokens, outputTokens, reasoningTokens, cachedInputTokens } = reply.usage;
  return {
    input_tokens: inputTokens,
    input_tokens_details: { cached_tokens: cachedInputTokens },
    output_tokens: outputTokens,
    output_tokens_details: { reasoning_tokens: reasoningTokens },
    total_tokens: inputTokens + outputTokens,
  };
}

/** The finished output items, in the order the model produces them. */
function outputItems(reply: ResolvedReply): Item[] {
  const items: Item[] = [];
  if (reply.reasoning) {
    items.push({ id: reply.idFor('rs'), type: 'reasoning', summary: [{ type: 'summary_text', text: reply.reasoning }] });
  }
  if (reply.hasText) {
    items.push({
      id: reply.idFor('msg'),
      type: 'message',
      status: 'completed',
      role: 'assistant',
      content: [{ type: 'output_text', annotations: [], logprobs: [], text: reply.text }],
    });
  }
  reply.toolCalls.forEach((call, position) => {
    items.push({ id: reply.idFor('fc', position), type: 'function_call', status: 'completed', arguments: call.arguments, call_id: call.id, name: call.name });
  });
  return items;
}

function responseObject(reply: ResolvedReply, status: 'in_progress' | 'completed'): Record<string, unknown> {
  const done = status === 'completed';
  return {
    id: reply.idFor('resp'),
    object: 'response',
    created_at: reply.created,
    status,
    error: null,
    incomplete_details: null,
    model: reply.model,
    output: done ? outputItems(reply) : [],
    parallel_tool_calls: true,
    store: true,
    usage: done ? usageOf(reply) : null,
  };
}

function events(reply: ResolvedReply): SseEvent[] {
  const out: SseEvent[] = [];
  const emit = (type: string, fields: Record<string, unknown>): void => {
    out.push(sseEvent({ type, sequence_number: out.length, ...fields }, type));
  };
  emit('response.created', { response: responseObject(reply, 'in_progress') });
  emit('response.in_progress', { response: responseObject(reply, 'in_progress') });
  outputItems(reply).forEach((item, output_index) => {
    const item_id = item.id;
    if (item.type === 'reasoning') {
      emit('response.output_item.added', { output_index, item: { id: item_id, type: 'reasoning', summary: [] } });
      const part = { type: 'summary_text', text: reply.reasoning };
      emit('response.reasoning_summary_part.added', { item_id, output_index, summary_index: 0, part: { ...part, text: '' } });
      for (const delta of splitPieces(reply.reasoning)) emit('response.reasoning_summary_text.delta', { item_id, output_index, summary_index: 0, delta });
      emit('response.reasoning_summary_text.done', { item_id, output_index, summary_index: 0, text: reply.reasoning });
      emit('response.reasoning_summary_part.done', { item_id, output_index, summary_index: 0, part });
    } else if (item.type === 'message') {
      emit('response.output_item.added', { output_index, item: { ...item, status: 'in_progress', content: [] } });
      const part = { type: 'output_text', annotations: [], logprobs: [], text: reply.text };
      emit('response.content_part.added', { item_id, output_index, content_index: 0, part: { ...part, text: '' } });
      for (const delta of splitPieces(reply.text)) emit('response.output_text.delta', { item_id, output_index, content_index: 0, delta, logprobs: [] });
      emit('response.output_text.done', { item_id, output_index, content_index: 0, text: reply.text, logprobs: [] });
      emit('response.content_part.done', { item_id, output_index, content_index: 0, part });
    } else {
      emit('response.output_item.added', { output_index, item: { ...item, status: 'in_progress', arguments: '' } });
      const args = typeof item.arguments === 'string' ? item.arguments : '';
      for (const delta of splitPieces(args)) emit('response.function_call_arguments.delta', { item_id, output_index, delta });
      emit('response.function_call_arguments.done', { item_id, output_index, arguments: args });
    }
    emit('response.output_item.done', { output_index, item });
  });
  emit('response.completed', { response: responseObject(reply, 'completed') });
  return out;
}

export const openAiResponses: ProtocolAdapter = {
  protocol: 'openai-responses',
  path: '/v1/responses',
  toolIdPrefix: 'call',
  requestIdHeader: 'x-request-id',
  json: (reply) => responseObject(reply, 'completed'),
  events,
  error: openAiError,
};
