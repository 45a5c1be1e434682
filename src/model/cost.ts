// What a model call cost, in US dollars, from its token usage and the model's prices.
import type { ModelInfo } from '../core/config.js';
import type { Usage } from '../core/events.js';

const PER_MILLION = 1_000_000;

/**
 * Assumes, as OpenAI, Anthropic (after the adapter adds cache reads) and the AI SDK report it, that
 * `inputTokens` includes `cachedInputTokens` and `outputTokens` includes `reasoningTokens`: cached
 * tokens are billed once, at `cachedInputPrice` (or the full input price when the model has none),
 * and reasoning is not billed twice. Cache writes are not in Usage and are not counted.
 */
export function costOf(usage: Usage, info: Pick<ModelInfo, 'inputPrice' | 'outputPrice' | 'cachedInputPrice'>): number {
  const cached = Math.min(usage.cachedInputTokens, usage.inputTokens);
  const uncached = usage.inputTokens - cached;
  const cachedPrice = info.cachedInputPrice ?? info.inputPrice;
  return (uncached * info.inputPrice + cached * cachedPrice + usage.outputTokens * info.outputPrice) / PER_MILLION;
}
