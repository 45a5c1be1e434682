// Maps the --think dial onto each provider's own reasoning control:
// an effort level (OpenAI, OpenAI-compatible) or a thinking budget in tokens (Anthropic, Gemini).
import type { SharedV3ProviderOptions } from '@ai-sdk/provider';
import type { ModelInfo, ThinkLevel } from '../core/config.js';

export type Wire = 'openai' | 'openai-chat' | 'anthropic' | 'google' | 'openai-compatible';

const BUDGETS = { low: 4_000, medium: 12_000, high: 32_000 } as const;

export interface ThinkingSettings {
  providerOptions: SharedV3ProviderOptions;
  /** Output tokens to ask for, raised so the thinking budget fits beside the answer. */
  maxOutputTokens: number;
  /** Set when the dial cannot apply to this model, to tell the user once. */
  note?: string;
}

function effortOf(level: Exclude<ThinkLevel, 'off'>): 'low' | 'medium' | 'high' {
  if (typeof level === 'string') return level;
  return level < 8_000 ? 'low' : level < 24_000 ? 'medium' : 'high';
}

function budgetOf(level: Exclude<ThinkLevel, 'off'>): number {
  return typeof level === 'number' ? level : BUDGETS[level];
}

const ANSWER_TOKENS = 8_192;

export function thinkingSettings(level: ThinkLevel, wire: Wire, providerName: string, info: ModelInfo): ThinkingSettings {
  const baseline = Math.min(info.maxOutputTokens, ANSWER_TOKENS * 2);
  if (level === 'off') return { providerOptions: {}, maxOutputTokens: baseline };
  if (info.reasoning === 'none') {
    return { providerOptions: {}, maxOutputTokens: baseline, note: `--think ${level} ignored: the model table says this model has no reasoning control` };
  }
  if (info.reasoning === 'effort') {
    const reasoningEffort = effortOf(level);
    const key = wire === 'openai-compatible' ? providerName : 'openai';
    const options: Record<string, string> = { reasoningEffort };
    // The Responses API only streams reasoning text when a summary is requested.
    if (wire === 'openai') options.reasoningSummary = 'auto';
    return { providerOptions: { [key]: options }, maxOutputTokens: baseline };
  }
  const budgetTokens = budgetOf(level);
  const maxOutputTokens = Math.min(info.maxOutputTokens, budgetTokens + ANSWER_TOKENS);
  if (wire === 'anthropic') {
    return { providerOptions: { anthropic: { thinking: { type: 'enabled', budgetTokens: Math.min(budgetTokens, maxOutputTokens - 1024) } } }, maxOutputTokens };
  }
  if (wire === 'google') {
    return { providerOptions: { google: { thinkingConfig: { thinkingBudget: budgetTokens, includeThoughts: true } } }, maxOutputTokens };
  }
  // A budget-style model on an effort-style wire: translate the budget into an effort level.
  const key = wire === 'openai-compatible' ? providerName : 'openai';
  return { providerOptions: { [key]: { reasoningEffort: effortOf(level) } }, maxOutputTokens };
}
