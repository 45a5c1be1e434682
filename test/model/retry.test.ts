import { describe, expect, it } from 'vitest';
import { SummonError } from '../../src/core/errors.js';
import { backoffDelay, classifyFailure, parseRetryAfter, withRetries } from '../../src/model/retry.js';

const config = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1_000, requestTimeoutMs: 5_000 };

describe('classifyFailure', () => {
  it('retries 429 and 5xx, honours retry-after, and fails fast on 401/404', () => {
    expect(classifyFailure({ statusCode: 429, responseHeaders: { 'retry-after': '3' } })).toMatchObject({ retryable: true, retryAfterMs: 3_000, status: 429 });
    expect(classifyFailure({ statusCode: 503, responseHeaders: {} })).toMatchObject({ retryable: true, status: 503 });
    expect(classifyFailure({ statusCode: 401 })).toMatchObject({ retryable: false, status: 401 });
    expect(classifyFailure({ statusCode: 404 })).toMatchObject({ retryable: false, status: 404 });
  });

  it('treats connection resets found in the cause chain as retryable', () => {
    const error = new TypeError('fetch failed', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) });
    expect(classifyFailure(error).retryable).toBe(true);
    expect(classifyFailure(new Error('bad request shape')).retryable).toBe(false);
    // The AI SDK reports a stream that broke off as a failed 200 response.
    expect(classifyFailure({ statusCode: 200, responseHeaders: {} })).toMatchObject({ retryable: true });
  });
});

describe('parseRetryAfter', () => {
  it('reads retry-after-ms, seconds and HTTP dates', () => {
    expect(parseRetryAfter({ 'retry-after-ms': '250' })).toBe(250);
    expect(parseRetryAfter({ 'retry-after': '2' })).toBe(2_000);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter({ 'retry-after': 'Thu, 01 Jan 2026 00:00:05 GMT' }, now)).toBe(5_000);
    expect(parseRetryAfter({})).toBeUndefined();
  });
});

describe('backoffDelay', () => {
  it('grows exponentially with jitter inside [ceiling/2, ceiling], capped', () => {
    expect(backoffDelay(1, config, () => 0)).toBe(50);
    expect(backoffDelay(1, config, () => 1)).toBe(100);
    expect(backoffDelay(3, config, () => 1)).toBe(400);
    expect(backoffDelay(10, config, () => 1)).toBe(1_000);
  });
});

describe('withRetries', () => {
  const signal = new AbortController().signal;
  const noSleep = async (): Promise<void> => undefined;

  it('retries transient failures and reports each wait', async () => {
    const notices: number[] = [];
    let calls = 0;
    const value = await withRetries(
      async () => {
        calls++;
        if (calls < 3) throw { statusCode: 429, responseHeaders: { 'retry-after': '1' } };
        return 'ok';
      },
      { config, signal, sleep: noSleep, onRetry: (notice) => notices.push(notice.delayMs), describe: (f) => new SummonError('provider-error', f.reason) },
    );
    expect(value).toBe('ok');
    expect(calls).toBe(3);
    expect(notices).toEqual([1_000, 1_000]);
  });

  it('gives up after maxAttempts with a clear error', async () => {
    let calls = 0;
    const run = withRetries(
      async () => {
        calls++;
        throw { statusCode: 500, responseHeaders: {} };
      },
      { config, signal, sleep: noSleep, describe: (f) => new SummonError('provider-error', f.reason) },
    );
    await expect(run).rejects.toMatchObject({ code: 'retries-exhausted', message: expect.stringContaining('after 4 attempts') });
    expect(calls).toBe(4);
  });

  it('does not retry a non-retryable failure', async () => {
    let calls = 0;
    const run = withRetries(
      async () => {
        calls++;
        throw { statusCode: 401 };
      },
      { config, signal, sleep: noSleep, describe: () => new SummonError('auth-failed', 'refused') },
    );
    await expect(run).rejects.toMatchObject({ code: 'auth-failed' });
    expect(calls).toBe(1);
  });
});
