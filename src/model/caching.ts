// Prompt caching per wire. An agent re-sends its whole conversation every turn, so the price of a
// session is set by how much of each request the provider can read from its cache.
// - Anthropic caches only up to explicit breakpoints (at most 4): one after the system prompt (the
//   tools come before it, so both are covered), one after the first message (the task and the
//   opening context pack, which survive an elision of old tool output), one on the newest message
//   (this turn writes it, the next reads it), and one on the newest message of the previous request
//   (what this turn can read, even when a turn added more than the 20 blocks Anthropic looks back over).
// - OpenAI caches prefixes on its own; a stable `prompt_cache_key` per session routes every request
//   of the session to the same cache.
// - Gemini caches implicitly; a stable prefix is all it needs. OpenAI-compatible servers (local or
//   not) get nothing extra they might reject.
import type { LanguageModelV3Message, LanguageModelV3Prompt, SharedV3ProviderOptions } from '@ai-sdk/provider';
import type { Wire } from './thinking.js';

export interface CacheSettings {
  wire: Wire;
  /** Stable for the session: the same key on every request. */
  key: string;
}

const EPHEMERAL = { anthropic: { cacheControl: { type: 'ephemeral' } } } as const;

/** The prompt with cache breakpoints where the wire needs them, and the provider options to add. */
export function withCaching(prompt: LanguageModelV3Prompt, providerOptions: SharedV3ProviderOptions, settings: CacheSettings | undefined): { prompt: LanguageModelV3Prompt; providerOptions: SharedV3ProviderOptions } {
  if (!settings) return { prompt, providerOptions };
  if (settings.wire === 'anthropic') return { prompt: anthropicBreakpoints(prompt), providerOptions };
  if (settings.wire === 'openai' || settings.wire === 'openai-chat') {
    return { prompt, providerOptions: { ...providerOptions, openai: { ...providerOptions.openai, promptCacheKey: settings.key } } };
  }
  return { prompt, providerOptions };
}

/** Indexes of the messages that get a breakpoint: the system prompt, the first message, the newest, and the newest before the last assistant turn. */
export function breakpointIndexes(prompt: LanguageModelV3Prompt): number[] {
  const marks = new Set<number>();
  const system = prompt.findLastIndex((message) => message.role === 'system');
  if (system !== -1) marks.add(system);
  if (prompt[system + 1]?.role === 'user') marks.add(system + 1);
  const last = prompt.length - 1;
  if (last > system && prompt[last]!.role !== 'assistant') marks.add(last);
  const lastAssistant = prompt.findLastIndex((message) => message.role === 'assistant');
  if (lastAssistant > 0 && lastAssistant - 1 > system && prompt[lastAssistant - 1]!.role !== 'assistant') marks.add(lastAssistant - 1);
  return [...marks].sort((a, b) => a - b);
}

function anthropicBreakpoints(prompt: LanguageModelV3Prompt): LanguageModelV3Prompt {
  const marks = new Set(breakpointIndexes(prompt));
  return prompt.map((message, index) => (marks.has(index) ? mark(message) : message));
}

function mark(message: LanguageModelV3Message): LanguageModelV3Message {
  return { ...message, providerOptions: { ...message.providerOptions, ...EPHEMERAL } } as LanguageModelV3Message;
}
