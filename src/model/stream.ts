// One model turn: stream the reply, surface text and reasoning deltas as they arrive, collect tool
// calls and usage. Transient failures retry the whole turn (nothing has had side effects yet).
import type { LanguageModelV3, LanguageModelV3FunctionTool, LanguageModelV3StreamPart, SharedV3ProviderOptions } from '@ai-sdk/provider';
import type { RetryConfig } from '../core/config.js';
import { SummonError } from '../core/errors.js';
import { emptyUsage, type Usage } from '../core/events.js';
import type { Message, ProviderMetadata, ReasoningPart, ToolCallPart } from '../core/messages.js';
import { withCaching, type CacheSettings } from './caching.js';
import { toModelPrompt } from './convert.js';
import { withRetries, type FailureClass, type RetryNotice } from './retry.js';

export interface ToolSpec {
  name: string;
  description: string;
  /** JSON Schema of the input. */
  inputSchema: Record<string, unknown>;
}

export interface TurnRequest {
  system: string;
  messages: readonly Message[];
  tools: readonly ToolSpec[];
  maxOutputTokens: number;
  providerOptions: SharedV3ProviderOptions;
  /** Prompt caching for the session (breakpoints, cache key); absent for one-off requests. */
  cache?: CacheSettings;
}

export interface TurnResult {
  text: string;
  reasoning: ReasoningPart[];
  toolCalls: ToolCallPart[];
  usage: Usage;
  finishReason: string;
}

export interface TurnOptions {
  signal: AbortSignal;
  retry: RetryConfig;
  /** Names the provider and model in errors. */
  label: string;
  onText?: (delta: string) => void;
  onReasoning?: (delta: string) => void;
  onRetry?: (notice: RetryNotice) => void;
}

export async function streamTurn(model: LanguageModelV3, request: TurnRequest, options: TurnOptions): Promise<TurnResult> {
  const { prompt, providerOptions } = withCaching(toModelPrompt(request.system, request.messages), request.providerOptions, request.cache);
  const tools: LanguageModelV3FunctionTool[] = request.tools.map((tool) => ({
    type: 'function',
    name: tool.name,
    description: tool.description,
    inputSchema: tool.inputSchema as LanguageModelV3FunctionTool['inputSchema'],
  }));
  return withRetries(
    async () => {
      // An idle timer: a request that sends nothing for requestTimeoutMs is aborted and retried.
      const attempt = new AbortController();
      const onOuterAbort = (): void => attempt.abort(options.signal.reason);
      options.signal.addEventListener('abort', onOuterAbort, { once: true });
      let idleTimer: NodeJS.Timeout | undefined;
      let timedOut = false;
      const armIdle = (): void => {
        clearTimeout(idleTimer);
        idleTimer = setTimeout(() => {
          timedOut = true;
          attempt.abort(new Error('model request timed out'));
        }, options.retry.requestTimeoutMs);
      };
      armIdle();
      try {
        const { stream } = await model.doStream({
          prompt,
          ...(tools.length > 0 ? { tools, toolChoice: { type: 'auto' as const } } : {}),
          maxOutputTokens: request.maxOutputTokens,
          providerOptions,
          abortSignal: attempt.signal,
        });
        return await collect(stream, options, armIdle);
      } catch (error) {
        if (timedOut && !options.signal.aborted) {
          throw new SummonError('provider-error', `${options.label}: no response for ${options.retry.requestTimeoutMs / 1000}s`, { retryable: true, cause: error });
        }
        throw error;
      } finally {
        clearTimeout(idleTimer);
        options.signal.removeEventListener('abort', onOuterAbort);
      }
    },
    {
      config: options.retry,
      signal: options.signal,
      ...(options.onRetry ? { onRetry: options.onRetry } : {}),
      describe: (failure, error) => describeFailure(options.label, failure, error),
    },
  );
}

async function collect(stream: ReadableStream<LanguageModelV3StreamPart>, options: TurnOptions, onActivity: () => void): Promise<TurnResult> {
  let text = '';
  const reasoning = new Map<string, { text: string; providerMetadata?: ProviderMetadata }>();
  const toolCalls: ToolCallPart[] = [];
  let usage: Usage = emptyUsage();
  let finishReason = 'unknown';
  let finished = false;
  const reader = stream.getReader();
  for (;;) {
    const { done, value: part } = await reader.read();
    if (done) break;
    onActivity();
    switch (part.type) {
      case 'text-delta':
        text += part.delta;
        options.onText?.(part.delta);
        break;
      case 'reasoning-start':
      case 'reasoning-delta':
      case 'reasoning-end': {
        const entry = reasoning.get(part.id) ?? { text: '' };
        if (part.type === 'reasoning-delta') {
          entry.text += part.delta;
          options.onReasoning?.(part.delta);
        }
        if (part.providerMetadata) entry.providerMetadata = { ...entry.providerMetadata, ...part.providerMetadata } as ProviderMetadata;
        reasoning.set(part.id, entry);
        break;
      }
      case 'tool-call':
        toolCalls.push({
          id: part.toolCallId,
          name: part.toolName,
          input: parseArguments(part.input),
          ...(part.providerMetadata ? { providerMetadata: part.providerMetadata as ProviderMetadata } : {}),
        });
        break;
      case 'finish':
        finished = true;
        finishReason = part.finishReason.unified;
        usage = {
          inputTokens: part.usage.inputTokens.total ?? 0,
          outputTokens: part.usage.outputTokens.total ?? 0,
          reasoningTokens: part.usage.outputTokens.reasoning ?? 0,
          cachedInputTokens: part.usage.inputTokens.cacheRead ?? 0,
          cacheWriteTokens: part.usage.inputTokens.cacheWrite ?? 0,
        };
        break;
      case 'error':
        throw part.error;
      default:
        break;
    }
  }
  // A stream that ends without its finish part was cut: treat it as a connection reset.
  if (!finished) throw new SummonError('provider-error', 'the model stream ended before it finished', { retryable: true });
  const reasoningParts: ReasoningPart[] = [...reasoning.values()]
    .filter((entry) => entry.text !== '' || entry.providerMetadata)
    .map((entry) => ({ text: entry.text, ...(entry.providerMetadata ? { providerMetadata: entry.providerMetadata } : {}) }));
  return { text, reasoning: reasoningParts, toolCalls, usage, finishReason };
}

/** Tool arguments as an object when they parse; the raw text otherwise, for the registry to explain. */
function parseArguments(raw: string): unknown {
  if (raw.trim() === '') return {};
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

function describeFailure(label: string, failure: FailureClass, error: unknown): SummonError {
  const detail = errorDetail(error);
  if (failure.status === 401 || failure.status === 403) {
    return new SummonError('auth-failed', `${label}: the provider refused the API key (HTTP ${failure.status})${detail}`, {
      hint: 'check the key in the environment variable or config for this provider (`summon config` shows where it comes from)',
      cause: error,
    });
  }
  if (failure.status === 404) {
    return new SummonError('model-not-found', `${label}: model not found (HTTP 404)${detail}`, {
      hint: 'check the model name after the slash, and the provider base URL; `summon models` lists known models',
      cause: error,
    });
  }
  if (error instanceof SummonError) return error;
  return new SummonError('provider-error', `${label}: ${failure.reason}${detail}`, { cause: error });
}

function errorDetail(error: unknown): string {
  if (typeof error !== 'object' || error === null) return '';
  const body = (error as { responseBody?: unknown }).responseBody;
  if (typeof body !== 'string' || body === '') return '';
  return `: ${body.replace(/\s+/g, ' ').slice(0, 200)}`;
}
