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
  return nativeModuleError(value, message) ?? new SummonError('internal', message, { cause: value });
}

/**
 * A native module built for another Node version (or platform) fails to load with messages such as
 * "Module did not self-register" or "compiled against a different Node.js version"; name the module
 * and the fix instead of reporting an internal error.
 */
function nativeModuleError(value: unknown, message: string): SummonError | undefined {
  const code = typeof value === 'object' && value !== null ? (value as { code?: unknown }).code : undefined;
  if (code !== 'ERR_DLOPEN_FAILED' && !/did not self-register|NODE_MODULE_VERSION|invalid ELF header|wrong ELF class/.test(message)) return undefined;
  const name = /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)[\\/]/.exec(message)?.[1]?.replace(/\\/g, '/') ?? 'a native module';
  const runtime = typeof process === 'object' ? ` ${process.version}` : '';
  return new SummonError('internal', `the native module ${name} could not be loaded: ${message.split('\n')[0]}`, {
    hint: `it was built for another Node version or platform; rebuild it for this Node${runtime}: npm rebuild ${name === 'a native module' ? '' : name} (in summon's install folder)`.replace('npm rebuild  (', 'npm rebuild ('),
    cause: value,
  });
}
