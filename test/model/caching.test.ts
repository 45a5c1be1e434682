// Where summon asks each wire to cache: Anthropic breakpoints on the system prompt, the
// first message (task and opening pack), the newest message and the previous request's newest (never more than 4, never on
// an assistant turn); the OpenAI wires a stable prompt_cache_key beside the reasoning options; nothing for the rest.
import type { LanguageModelV3Prompt } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { breakpointIndexes, withCaching } from '../../src/model/caching.js';

const user = (text: string) => ({ role: 'user' as const, content: [{ type: 'text' as const, text }] });
const assistant = (text: string) => ({ role: 'assistant' as const, content: [{ type: 'text' as const, text }] });
const tool = (id: string) => ({ role: 'tool' as const, content: [{ type: 'tool-result' as const, toolCallId: id, toolName: 'read', output: { type: 'text' as const, value: 'x' } }] });
const system = { role: 'system' as const, content: 'you are summon' };

describe('breakpointIndexes', () => {
  it('first request: the system prompt and the task', () => {
    expect(breakpointIndexes([system, user('task')])).toEqual([0, 1]);
  });

  it('later requests: the first message, the newest, and the newest of the request before', () => {
    const prompt: LanguageModelV3Prompt = [system, user('task'), assistant('call'), tool('1'), assistant('call'), tool('2')];
    expect(breakpointIndexes(prompt)).toEqual([0, 1, 3, 5]);
  });

  it('never marks an assistant message, and never more than four (Anthropic allows four)', () => {
    for (let length = 1; length < 12; length++) {
      const prompt: LanguageModelV3Prompt = [system, user('task'), ...Array.from({ length }, (_, index) => (index % 2 === 0 ? assistant('a') : tool(String(index))))];
      const marks = breakpointIndexes(prompt);
      expect(marks.length).toBeLessThanOrEqual(4);
      expect(marks.every((index) => prompt[index]!.role !== 'assistant')).toBe(true);
    }
  });
});

describe('withCaching', () => {
  const prompt: LanguageModelV3Prompt = [system, user('task'), assistant('call'), tool('1')];

  it('anthropic: ephemeral cache control on the marked messages only', () => {
    const { prompt: marked, providerOptions } = withCaching(prompt, {}, { wire: 'anthropic', key: 's1' });
    expect(marked.map((message) => message.providerOptions?.anthropic)).toEqual([{ cacheControl: { type: 'ephemeral' } }, { cacheControl: { type: 'ephemeral' } }, undefined, { cacheControl: { type: 'ephemeral' } }]);
    expect(providerOptions).toEqual({});
    // The history itself is not changed.
    expect(prompt[0]!.providerOptions).toBeUndefined();
  });

  it('openai and openai-chat: the session key beside the reasoning options; the prompt untouched', () => {
    for (const wire of ['openai', 'openai-chat'] as const) {
      const result = withCaching(prompt, { openai: { reasoningEffort: 'low' } }, { wire, key: 's1' });
      expect(result.providerOptions).toEqual({ openai: { reasoningEffort: 'low', promptCacheKey: 's1' } });
      expect(result.prompt).toBe(prompt);
    }
  });

  it('google and OpenAI-compatible servers: nothing added', () => {
    for (const wire of ['google', 'openai-compatible'] as const) {
      const result = withCaching(prompt, { ollama: { reasoningEffort: 'low' } }, { wire, key: 's1' });
      expect(result).toEqual({ prompt, providerOptions: { ollama: { reasoningEffort: 'low' } } });
    }
  });
});
