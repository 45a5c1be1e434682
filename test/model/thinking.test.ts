import { describe, expect, it } from 'vitest';
import type { ModelInfo } from '../../src/core/config.js';
import { thinkingSettings } from '../../src/model/thinking.js';

const base: ModelInfo = { contextWindow: 200_000, maxOutputTokens: 64_000, inputPrice: 1, outputPrice: 2, tools: true, reasoning: 'none' };

describe('thinkingSettings', () => {
  it('maps levels to reasoning effort for effort-style models', () => {
    const info = { ...base, reasoning: 'effort' as const };
    expect(thinkingSettings('high', 'openai', 'openai', info).providerOptions).toEqual({ openai: { reasoningEffort: 'high', reasoningSummary: 'auto' } });
    expect(thinkingSettings(3_000, 'openai-chat', 'openai-chat', info).providerOptions).toEqual({ openai: { reasoningEffort: 'low' } });
    expect(thinkingSettings('medium', 'openai-compatible', 'deepseek', info).providerOptions).toEqual({ deepseek: { reasoningEffort: 'medium' } });
  });

  it('maps levels to a token budget for budget-style models, with room for the answer', () => {
    const info = { ...base, reasoning: 'budget' as const };
    const anthropic = thinkingSettings('low', 'anthropic', 'anthropic', info);
    expect(anthropic.providerOptions).toEqual({ anthropic: { thinking: { type: 'enabled', budgetTokens: 4_000 } } });
    expect(anthropic.maxOutputTokens).toBeGreaterThan(4_000);
    expect(thinkingSettings(20_000, 'google', 'google', info).providerOptions).toEqual({ google: { thinkingConfig: { thinkingBudget: 20_000, includeThoughts: true } } });
  });

  it('sends nothing when off, and says so when the model cannot think', () => {
    expect(thinkingSettings('off', 'anthropic', 'anthropic', { ...base, reasoning: 'budget' }).providerOptions).toEqual({});
    const ignored = thinkingSettings('high', 'openai', 'openai', base);
    expect(ignored.providerOptions).toEqual({});
    expect(ignored.note).toMatch(/ignored/);
  });
});
