// Retries model requests on transient failures (429, 5xx, resets, timeouts) with exponential
// backoff and full jitter, honouring the provider's retry-after; fails fast on auth and not-found.
import { SummonError } from '../core/errors.js';
import type { RetryConfig } from '../core/config.js';

export interface RetryNotice {
  attempt: number;
  delayMs: number;
  reason: string;
}

export interface FailureClass {
  retryable: boolean;
  /** Server-requested wait, when it sent one. */
  retryAfterMs?: number;
  status?: number;
  reason: string;
}

const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

export function classifyFailure(error: unknown): FailureClass {
  if (error instanceof SummonError) return { retryable: error.retryable, reason: error.message };
  const record = asRecord(error);
  const status = typeof record.statusCode === 'number' ? record.statusCode : undefined;
  // A failure on a 2xx response means its body broke off mid-stream: a reset, worth retrying.
  if (status !== undefined && status < 300) return { retryable: true, reason: 'the response stream broke off' };
  if (status !== undefined) {
    const retryAfterMs = parseRetryAfter(asRecord(record.responseHeaders));
    const retryable = status === 408 || status === 409 || status === 429 || status >= 500;
    return { retryable, status, reason: `HTTP ${status}`, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
  }
  const code = findCode(error);
  if (code && NETWORK_CODES.has(code)) return { retryable: true, reason: `connection error ${code}` };
  const message = error instanceof Error ? error.message : String(error);
  if (/fetch failed|socket hang up|terminated|other side closed|network|timed? ?out/i.test(message)) {
    return { retryable: true, reason: message };
  }
  return { retryable: false, reason: message };
}

/** retry-after-ms (OpenAI), then retry-after as seconds or an HTTP date. */
export function parseRetryAfter(headers: Record<string, unknown>, now = Date.now()): number | undefined {
  const ms = Number(headers['retry-after-ms']);
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const raw = headers['retry-after'];
  if (typeof raw !== 'string' || raw.trim() === '') return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export function backoffDelay(attempt: number, config: Pick<RetryConfig, 'baseDelayMs' | 'maxDelayMs'>, random = Math.random): number {
  const ceiling = Math.min(config.maxDelayMs, config.baseDelayMs * 2 ** (attempt - 1));
  // Full jitter: spreads a burst of clients instead of retrying in lockstep.
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

export interface RetryOptions {
  config: RetryConfig;
  signal: AbortSignal;
  onRetry?: (notice: RetryNotice) => void;
  /** Turns a non-retryable failure into a clear SummonError. */
  describe: (failure: FailureClass, error: unknown) => SummonError;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

export async function withRetries<T>(operation: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const sleep = options.sleep ?? abortableSleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation(attempt);
    } catch (error) {
      if (options.signal.aborted) throw new SummonError('interrupted', 'interrupted', { cause: error });
      const failure = classifyFailure(error);
      if (!failure.retryable) throw options.describe(failure, error);
      if (attempt >= options.config.maxAttempts) {
        throw new SummonError('retries-exhausted', `model request failed after ${attempt} attempts: ${failure.reason}`, {
          hint: 'the provider kept failing; try again later, or raise retry.maxAttempts in the config',
          cause: error,
        });
      }
      const delayMs = Math.min(options.config.maxDelayMs, failure.retryAfterMs ?? backoffDelay(attempt, options.config));
      options.onRetry?.({ attempt, delayMs, reason: failure.reason });
      await sleep(delayMs, options.signal);
    }
  }
}

export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new SummonError('interrupted', 'interrupted'));
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new SummonError('interrupted', 'interrupted'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

function findCode(error: unknown, depth = 0): string | undefined {
  if (depth > 4) return undefined;
  const record = asRecord(error);
  if (typeof record.code === 'string') return record.code;
  return record.cause === undefined ? undefined : findCode(record.cause, depth + 1);
}
