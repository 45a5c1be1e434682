// What a model call cost, in US dollars, from its token usage and the model's prices.
import type { ModelInfo } from '../core/config.js';
import type { Usage } from '../core/events.js';

const PER_MILLION = 1_000_000;

/**
 * As OpenAI, Anthropic and Gemini report it through the AI SDK, `inputTokens` includes the tokens read
 * from the prompt cache (`cachedInputTokens`) and those written to it (`cacheWriteTokens`), and
 * `outputTokens` includes `reasoningTokens`. Each input token is billed once: read at
 * `cachedInputPrice`, written at `cacheWritePrice`, the rest at `inputPrice` (a missing price is the
 * input price); reasoning is not billed twice.
 */
export function costOf(usage: Usage, info: Pick<ModelInfo, 'inputPrice' | 'outputPrice' | 'cachedInputPrice' | 'cacheWritePrice'>): number {
  const cached = Math.min(usage.cachedInputTokens, usage.inputTokens);
  const written = Math.min(usage.cacheWriteTokens, usage.inputTokens - cached);
  const uncached = usage.inputTokens - cached - written;
  const cachedPrice = info.cachedInputPrice ?? info.inputPrice;
  const writePrice = info.cacheWritePrice ?? info.inputPrice;
  return (uncached * info.inputPrice + cached * cachedPrice + written * writePrice + usage.outputTokens * info.outputPrice) / PER_MILLION;
}
