// The one table of model capabilities and prices, keyed by provider/model. Prices are US dollars
// per million tokens (list prices, standard tier, as of late 2025); users correct or extend them
// through `models` in their config.
import { modelInfoSchema, type Config, type ModelInfo } from '../core/config.js';

type Entry = ModelInfo;

const openai = (contextWindow: number, maxOutputTokens: number, inputPrice: number, outputPrice: number, cachedInputPrice: number, reasoning: ModelInfo['reasoning']): Entry => ({
  contextWindow,
  maxOutputTokens,
  inputPrice,
  outputPrice,
  cachedInputPrice,
  tools: true,
  reasoning,
});

const MODEL_TABLE: Readonly<Record<string, Entry>> = {
  'openai/gpt-5.1': openai(400_000, 128_000, 1.25, 10, 0.125, 'effort'),
  'openai/gpt-5': openai(400_000, 128_000, 1.25, 10, 0.125, 'effort'),
  'openai/gpt-5-codex': openai(400_000, 128_000, 1.25, 10, 0.125, 'effort'),
  'openai/gpt-5-mini': openai(400_000, 128_000, 0.25, 2, 0.025, 'effort'),
  'openai/gpt-5-nano': openai(400_000, 128_000, 0.05, 0.4, 0.005, 'effort'),
  'openai/gpt-4.1': openai(1_047_576, 32_768, 2, 8, 0.5, 'none'),
  'openai/gpt-4.1-mini': openai(1_047_576, 32_768, 0.4, 1.6, 0.1, 'none'),
  'openai/gpt-4.1-nano': openai(1_047_576, 32_768, 0.1, 0.4, 0.025, 'none'),
  'openai/o3': openai(200_000, 100_000, 2, 8, 0.5, 'effort'),
  'openai/o4-mini': openai(200_000, 100_000, 1.1, 4.4, 0.275, 'effort'),
  'openai/gpt-4o': openai(128_000, 16_384, 2.5, 10, 1.25, 'none'),
  'openai/gpt-4o-mini': openai(128_000, 16_384, 0.15, 0.6, 0.075, 'none'),

  // Anthropic's cache reads cost a tenth of input, writes (5-minute cache) 1.25x input.
  'anthropic/claude-opus-4-5': { contextWindow: 200_000, maxOutputTokens: 64_000, inputPrice: 5, outputPrice: 25, cachedInputPrice: 0.5, cacheWritePrice: 6.25, tools: true, reasoning: 'budget' },
  'anthropic/claude-opus-4-1': { contextWindow: 200_000, maxOutputTokens: 32_000, inputPrice: 15, outputPrice: 75, cachedInputPrice: 1.5, cacheWritePrice: 18.75, tools: true, reasoning: 'budget' },
  'anthropic/claude-opus-4-0': { contextWindow: 200_000, maxOutputTokens: 32_000, inputPrice: 15, outputPrice: 75, cachedInputPrice: 1.5, cacheWritePrice: 18.75, tools: true, reasoning: 'budget' },
  'anthropic/claude-sonnet-4-5': { contextWindow: 200_000, maxOutputTokens: 64_000, inputPrice: 3, outputPrice: 15, cachedInputPrice: 0.3, cacheWritePrice: 3.75, tools: true, reasoning: 'budget' },
  'anthropic/claude-sonnet-4-0': { contextWindow: 200_000, maxOutputTokens: 64_000, inputPrice: 3, outputPrice: 15, cachedInputPrice: 0.3, cacheWritePrice: 3.75, tools: true, reasoning: 'budget' },
  'anthropic/claude-3-7-sonnet-latest': { contextWindow: 200_000, maxOutputTokens: 64_000, inputPrice: 3, outputPrice: 15, cachedInputPrice: 0.3, cacheWritePrice: 3.75, tools: true, reasoning: 'budget' },
  'anthropic/claude-haiku-4-5': { contextWindow: 200_000, maxOutputTokens: 64_000, inputPrice: 1, outputPrice: 5, cachedInputPrice: 0.1, cacheWritePrice: 1.25, tools: true, reasoning: 'budget' },
  'anthropic/claude-3-5-haiku-latest': { contextWindow: 200_000, maxOutputTokens: 8_192, inputPrice: 0.8, outputPrice: 4, cachedInputPrice: 0.08, cacheWritePrice: 1, tools: true, reasoning: 'none' },

  // Gemini prices are for prompts up to 200k tokens; 2.5 Pro costs more above that.
  'google/gemini-2.5-pro': { contextWindow: 1_048_576, maxOutputTokens: 65_536, inputPrice: 1.25, outputPrice: 10, cachedInputPrice: 0.125, tools: true, reasoning: 'budget' },
  'google/gemini-2.5-flash': { contextWindow: 1_048_576, maxOutputTokens: 65_536, inputPrice: 0.3, outputPrice: 2.5, cachedInputPrice: 0.03, tools: true, reasoning: 'budget' },
  'google/gemini-2.5-flash-lite': { contextWindow: 1_048_576, maxOutputTokens: 65_536, inputPrice: 0.1, outputPrice: 0.4, cachedInputPrice: 0.01, tools: true, reasoning: 'budget' },

  // DeepSeek V3.2: the reasoner always thinks and cannot be steered, hence 'none'.
  'deepseek/deepseek-chat': { contextWindow: 128_000, maxOutputTokens: 8_192, inputPrice: 0.28, outputPrice: 0.42, cachedInputPrice: 0.028, tools: true, reasoning: 'none' },
  'deepseek/deepseek-reasoner': { contextWindow: 128_000, maxOutputTokens: 65_536, inputPrice: 0.28, outputPrice: 0.42, cachedInputPrice: 0.028, tools: true, reasoning: 'none' },
};

/** Other names for table entries: dated snapshots resolve to their alias. */
const MODEL_ALIASES: Readonly<Record<string, string>> = {
  'openai/gpt-5-2025-08-07': 'openai/gpt-5',
  'openai/gpt-5-mini-2025-08-07': 'openai/gpt-5-mini',
  'openai/gpt-5-nano-2025-08-07': 'openai/gpt-5-nano',
  'anthropic/claude-opus-4-5-20251101': 'anthropic/claude-opus-4-5',
  'anthropic/claude-opus-4-1-20250805': 'anthropic/claude-opus-4-1',
  'anthropic/claude-opus-4-20250514': 'anthropic/claude-opus-4-0',
  'anthropic/claude-sonnet-4-5-20250929': 'anthropic/claude-sonnet-4-5',
  'anthropic/claude-sonnet-4-20250514': 'anthropic/claude-sonnet-4-0',
  'anthropic/claude-haiku-4-5-20251001': 'anthropic/claude-haiku-4-5',
};

/** Providers that serve another provider's models over a different wire protocol. */
const PROVIDER_ALIASES: Readonly<Record<string, string>> = {
  'openai-chat': 'openai',
};

/** What an unknown model (a local ollama model, a brand-new release) is assumed to be. */
export const FALLBACK_MODEL_INFO: Readonly<ModelInfo> = {
  contextWindow: 32_768,
  maxOutputTokens: 8_192,
  inputPrice: 0,
  outputPrice: 0,
  tools: true,
  reasoning: 'none',
};

export interface ResolvedModel {
  info: ModelInfo;
  /** False when the capabilities are the fallback's guesses rather than table or config data. */
  known: boolean;
}

/** The table id a model id stands for: `openai-chat/gpt-5` and dated snapshots map to their entry. */
export function canonicalModelId(modelId: string): string {
  const slash = modelId.indexOf('/');
  const provider = slash < 0 ? '' : modelId.slice(0, slash);
  const aliasedProvider = PROVIDER_ALIASES[provider];
  const id = aliasedProvider ? `${aliasedProvider}${modelId.slice(slash)}` : modelId;
  return MODEL_ALIASES[id] ?? id;
}

/**
 * The table entry for `modelId`, with the config's override for it merged on top (overrides under
 * the canonical id apply first, then under the id as written). An override that names every field
 * defines a model the table does not know; otherwise unknown models get the fallback, `known: false`.
 */
export function resolveModelInfo(modelId: string, overrides: Config['models'] = {}): ResolvedModel {
  const canonical = canonicalModelId(modelId);
  const entry = MODEL_TABLE[canonical];
  const override = { ...(overrides[canonical] ?? {}), ...(modelId === canonical ? {} : (overrides[modelId] ?? {})) };
  if (entry) return { info: { ...entry, ...override }, known: true };
  const complete = modelInfoSchema.safeParse(override);
  if (complete.success) return { info: complete.data, known: true };
  return { info: { ...FALLBACK_MODEL_INFO, ...override }, known: false };
}

export interface ModelListing {
  id: string;
  info: ModelInfo;
}

/** Every table entry, then models the overrides define in full, with overrides applied. */
export function listModels(overrides: Config['models'] = {}): ModelListing[] {
  const ids = [...Object.keys(MODEL_TABLE)];
  for (const id of Object.keys(overrides)) {
    if (!ids.includes(canonicalModelId(id)) && modelInfoSchema.safeParse(overrides[id]).success) ids.push(id);
  }
  return ids.map((id) => ({ id, info: resolveModelInfo(id, overrides).info }));
}
