// Typed errors with a stable code and a hint saying how to fix the problem.
// The CLI maps them to one clear line and an exit code; the journal stores them as data.

export type ErrorCode =
  | 'usage'
  | 'config-invalid'
  | 'no-provider'
  | 'auth-failed'
  | 'model-not-found'
  | 'provider-error'
  | 'retries-exhausted'
  | 'tool-invalid-input'
  | 'tool-unknown'
  | 'tool-failed'
  | 'path-outside-workspace'
  | 'interrupted'
  | 'internal';

/** Exit code for errors that stop a run before or while it works: usage/config problems are 2. */
const USAGE_CODES: ReadonlySet<ErrorCode> = new Set(['usage', 'config-invalid', 'no-provider', 'auth-failed', 'model-not-found']);

export class SummonError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  readonly retryable: boolean;

  constructor(code: ErrorCode, message: string, options: { hint?: string; retryable?: boolean; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SummonError';
    this.code = code;
    this.hint = options.hint;
    this.retryable = options.retryable ?? false;
  }

  get exitCode(): number {
    if (this.code === 'interrupted') return 130;
    return USAGE_CODES.has(this.code) ? 2 : 1;
  }

  toJSON(): { code: ErrorCode; message: string; hint?: string; retryable: boolean } {
    return { code: this.code, message: this.message, ...(this.hint ? { hint: this.hint } : {}), retryable: this.retryable };
  }
}

export function isSummonError(value: unknown): value is SummonError {
  return value instanceof SummonError;
}

/** Any thrown value as a SummonError, keeping the original as the cause. */
export function toSummonError(value: unknown): SummonError {
  if (value instanceof SummonError) return value;
  const message = value instanceof Error ? value.message : String(value);
  return new SummonError('internal', message, { cause: value });
}
