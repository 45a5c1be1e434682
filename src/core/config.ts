// The one configuration schema. Every layer (defaults, user file, project file, environment, flags)
// is validated against it; functions receive only the slice they need.
import { z } from 'zod';
import { permissionsSettingSchema } from './permissions.js';
import { verifyConfigSchema } from './verify.js';

export const thinkLevelSchema = z.union([
  z.enum(['off', 'low', 'medium', 'high']),
  z.number().int().positive().describe('a thinking budget in tokens'),
]);
export type ThinkLevel = z.infer<typeof thinkLevelSchema>;

export const providerConfigSchema = z
  .object({
    /** Wire protocol. Built-in providers know theirs; a custom name must say 'openai-compatible'. */
    type: z.enum(['openai', 'openai-chat', 'anthropic', 'google', 'openai-compatible']).optional(),
    baseUrl: z.string().url().optional(),
    apiKey: z.string().min(1).optional(),
    /** Name of the environment variable holding the key, for custom providers. */
    apiKeyEnv: z.string().min(1).optional(),
    headers: z.record(z.string(), z.string()).optional(),
  })
  .strict();
export type ProviderConfig = z.infer<typeof providerConfigSchema>;

export const modelInfoSchema = z
  .object({
    contextWindow: z.number().int().positive(),
    maxOutputTokens: z.number().int().positive(),
    /** US dollars per million tokens. */
    inputPrice: z.number().nonnegative(),
    outputPrice: z.number().nonnegative(),
    /** US dollars per million input tokens read from the prompt cache; absent, the input price. */
    cachedInputPrice: z.number().nonnegative().optional(),
    /** US dollars per million input tokens written to the prompt cache (Anthropic: 1.25× input); absent, the input price. */
    cacheWritePrice: z.number().nonnegative().optional(),
    tools: z.boolean(),
    /** How this model's reasoning is steered: an effort level, a token budget, or not at all. */
    reasoning: z.enum(['none', 'effort', 'budget']),
  })
  .strict();
export type ModelInfo = z.infer<typeof modelInfoSchema>;

export const retryConfigSchema = z
  .object({
    maxAttempts: z.number().int().min(1).max(20),
    baseDelayMs: z.number().int().nonnegative(),
    maxDelayMs: z.number().int().positive(),
    /** Abort a model request that sends nothing for this long. */
    requestTimeoutMs: z.number().int().positive(),
  })
  .strict();
export type RetryConfig = z.infer<typeof retryConfigSchema>;

export const configSchema = z
  .object({
    /** provider/model, e.g. anthropic/claude-sonnet-4-5 or ollama/qwen3-coder. */
    model: z.string().regex(/^[a-z0-9][a-z0-9_.-]*\/.+$/i, 'expected "provider/model", e.g. "openai/gpt-5"').optional(),
    think: thinkLevelSchema,
    maxTurns: z.number().int().positive(),
    maxCostUsd: z.number().positive().optional(),
    timeoutSec: z.number().positive().optional(),
    commandTimeoutSec: z.number().positive(),
    /** Cap on the characters of one tool result before it is truncated with a note. */
    maxToolOutputChars: z.number().int().min(1000),
    /** Share of the model's window at which old tool outputs are elided, then history summarised. */
    compactAt: z.number().min(0.3).max(0.95),
    providers: z.record(z.string(), providerConfigSchema),
    /** Per-model overrides and additions to the built-in model table, keyed by provider/model. */
    models: z.record(z.string(), modelInfoSchema.partial()),
    retry: retryConfigSchema,
    /** Run every command the agent starts inside the sandbox (off only by explicit choice). */
    sandbox: z.boolean(),
    /** Audit changed code for vulnerabilities before a result is presented. */
    audit: z.boolean(),
    /** The opening context pack: its share of the model's window (0 turns it off), and the workspace size below which it is skipped. */
    context: z
      .object({ share: z.number().min(0).max(0.5), minFiles: z.number().int().nonnegative(), historyCommits: z.number().int().positive(), waitSec: z.number().nonnegative() })
      .strict(),
    /** Verifiers run when the model says it is done (and to score group attempts). */
    verify: verifyConfigSchema,
    /** Permission policy: lists accumulate across layers, so a project file cannot drop a user's deny rules. */
    permissions: permissionsSettingSchema,
  })
  .strict();
export type Config = z.infer<typeof configSchema>;

/** What a layer (file, environment, flags) may set: any subset, nested objects partial too. */
export const configLayerSchema = configSchema
  .extend({
    retry: retryConfigSchema.partial(),
    permissions: permissionsSettingSchema.partial(),
    context: z.object({ share: z.number().min(0).max(0.5), minFiles: z.number().int().nonnegative(), historyCommits: z.number().int().positive(), waitSec: z.number().nonnegative() }).partial().strict(),
  })
  .partial()
  .strict();
export type ConfigLayer = z.infer<typeof configLayerSchema>;

export const DEFAULT_CONFIG: Config = {
  think: 'off',
  maxTurns: 50,
  commandTimeoutSec: 120,
  maxToolOutputChars: 30_000,
  compactAt: 0.8,
  providers: {},
  models: {},
  retry: { maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 30_000, requestTimeoutMs: 120_000 },
  sandbox: true,
  audit: true,
  verify: [],
  context: { share: 0.1, minFiles: 25, historyCommits: 2000, waitSec: 3 },
  permissions: { allow: [], ask: [], deny: [] },
};
