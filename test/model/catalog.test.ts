import { describe, expect, it } from 'vitest';
import { modelInfoSchema, type ModelInfo } from '../../src/core/config.js';
import { FALLBACK_MODEL_INFO, listModels, resolveModelInfo } from '../../src/model/catalog.js';
import { costOf } from '../../src/model/cost.js';

const usage = (inputTokens: number, outputTokens: number, cachedInputTokens = 0, reasoningTokens = 0, cacheWriteTokens = 0) => ({ inputTokens, outputTokens, cachedInputTokens, reasoningTokens, cacheWriteTokens });

describe('model catalog', () => {
  it('knows the well-known models, each entry valid', () => {
    const ids = listModels().map((model) => model.id);
    for (const id of [
      'openai/gpt-5',
      'openai/gpt-5-mini',
      'openai/gpt-5-nano',
      'openai/gpt-4.1',
      'openai/gpt-4.1-mini',
      'openai/o3',
      'openai/o4-mini',
      'openai/gpt-4o',
      'openai/gpt-4o-mini',
      'anthropic/claude-opus-4-1',
      'anthropic/claude-sonnet-4-5',
      'anthropic/claude-sonnet-4-0',
      'anthropic/claude-haiku-4-5',
      'anthropic/claude-3-5-haiku-latest',
      'google/gemini-2.5-pro',
      'google/gemini-2.5-flash',
      'google/gemini-2.5-flash-lite',
      'deepseek/deepseek-chat',
      'deepseek/deepseek-reasoner',
    ]) {
      expect(ids).toContain(id);
    }
    for (const { info } of listModels()) expect(modelInfoSchema.safeParse(info).success).toBe(true);
  });

  it('looks up a table entry', () => {
    const { info, known } = resolveModelInfo('anthropic/claude-sonnet-4-5', {});
    expect(known).toBe(true);
    expect(info).toMatchObject({ contextWindow: 200_000, inputPrice: 3, outputPrice: 15, cachedInputPrice: 0.3, tools: true, reasoning: 'budget' });
    expect(resolveModelInfo('openai/o3', {}).info.reasoning).toBe('effort');
    expect(resolveModelInfo('openai/gpt-4.1', {}).info.reasoning).toBe('none');
    expect(resolveModelInfo('google/gemini-2.5-flash', {}).info.reasoning).toBe('budget');
  });

  it('resolves the openai-chat provider and dated snapshots to the same entry', () => {
    expect(resolveModelInfo('openai-chat/gpt-5', {})).toEqual(resolveModelInfo('openai/gpt-5', {}));
    expect(resolveModelInfo('anthropic/claude-sonnet-4-5-20250929', {})).toEqual(resolveModelInfo('anthropic/claude-sonnet-4-5', {}));
  });

  it('merges a config override over the table entry', () => {
    const { info, known } = resolveModelInfo('openai/gpt-5', { 'openai/gpt-5': { inputPrice: 1, contextWindow: 272_000 } });
    expect(known).toBe(true);
    expect(info).toMatchObject({ inputPrice: 1, contextWindow: 272_000, outputPrice: 10, reasoning: 'effort' });
    const viaAlias = resolveModelInfo('openai-chat/gpt-5', { 'openai/gpt-5': { inputPrice: 1 }, 'openai-chat/gpt-5': { outputPrice: 9 } });
    expect(viaAlias.info).toMatchObject({ inputPrice: 1, outputPrice: 9 });
  });

  it('lets an override define a new model in full', () => {
    const custom: ModelInfo = { contextWindow: 131_072, maxOutputTokens: 16_384, inputPrice: 0.5, outputPrice: 1.5, tools: true, reasoning: 'effort' };
    expect(resolveModelInfo('together/kimi-k2', { 'together/kimi-k2': custom })).toEqual({ info: custom, known: true });
    expect(listModels({ 'together/kimi-k2': custom }).map((model) => model.id)).toContain('together/kimi-k2');
  });

  it('falls back for unknown and local models', () => {
    expect(resolveModelInfo('ollama/qwen3-coder', {})).toEqual({ info: FALLBACK_MODEL_INFO, known: false });
    expect(FALLBACK_MODEL_INFO).toMatchObject({ contextWindow: 32_768, inputPrice: 0, outputPrice: 0, tools: true, reasoning: 'none' });
    const partial = resolveModelInfo('ollama/qwen3-coder', { 'ollama/qwen3-coder': { contextWindow: 65_536 } });
    expect(partial).toEqual({ info: { ...FALLBACK_MODEL_INFO, contextWindow: 65_536 }, known: false });
  });
});

describe('costOf', () => {
  const priced: ModelInfo = { contextWindow: 1, maxOutputTokens: 1, inputPrice: 2, outputPrice: 8, cachedInputPrice: 0.5, tools: true, reasoning: 'none' };

  it('bills input and output per million tokens', () => {
    expect(costOf(usage(1_000_000, 500_000), priced)).toBeCloseTo(2 + 4, 10);
  });

  it('bills cached input at the cached price, not again as full input', () => {
    // 1M input of which 600k cached: 400k × $2 + 600k × $0.5 + 100k × $8.
    expect(costOf(usage(1_000_000, 100_000, 600_000), priced)).toBeCloseTo(0.8 + 0.3 + 0.8, 10);
  });

  it('uses the input price for cached tokens when the model has no cached price', () => {
    const { cachedInputPrice: _unused, ...noCache } = priced;
    expect(costOf(usage(1_000_000, 0, 600_000), noCache)).toBeCloseTo(2, 10);
  });

  it('bills cache writes at the write price, reads at the cached price, the rest at the input price', () => {
    const anthropicLike: ModelInfo = { ...priced, cachedInputPrice: 0.2, cacheWritePrice: 2.5 };
    // 1M input: 500k read, 300k written, 200k uncached; 0 output.
    expect(costOf(usage(1_000_000, 0, 500_000, 0, 300_000), anthropicLike)).toBeCloseTo(0.1 + 0.75 + 0.4, 10);
    // Without a write price, writes cost what input costs.
    const { cacheWritePrice: _unused, ...noWritePrice } = anthropicLike;
    expect(costOf(usage(1_000_000, 0, 500_000, 0, 300_000), noWritePrice)).toBeCloseTo(0.1 + 0.6 + 0.4, 10);
  });

  it('does not bill reasoning tokens on top of output', () => {
    expect(costOf(usage(0, 1_000_000, 0, 400_000), priced)).toBeCloseTo(8, 10);
  });

  it('is zero for local models and for no usage', () => {
    expect(costOf(usage(123_456, 7_890, 1_000), resolveModelInfo('ollama/llama3', {}).info)).toBe(0);
    expect(costOf(usage(0, 0), priced)).toBe(0);
  });

  it('prices a real table entry', () => {
    const { info } = resolveModelInfo('anthropic/claude-sonnet-4-5', {});
    // 10k input (8k cached), 2k output: 2k × $3 + 8k × $0.30 + 2k × $15, per million.
    expect(costOf(usage(10_000, 2_000, 8_000), info)).toBeCloseTo((2_000 * 3 + 8_000 * 0.3 + 2_000 * 15) / 1e6, 12);
  });
});
