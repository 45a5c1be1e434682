// Which config values are secrets, and how they are shown: never raw, in any output or message.
import type { PathSegment } from './paths.js';

// apiKey, accessToken, clientSecret, password… but not apiKeyEnv (a variable's name) or maxOutputTokens.
const SECRET_KEY = /(api[-_]?key|token|secret|password|passwd)$/i;
const SECRET_HEADER = /authorization|key|token|secret|cookie|password/i;

/** A key named like apiKey/token/secret/password, or a sensitive header inside `headers`. */
export function isSecretPath(segments: readonly PathSegment[]): boolean {
  const last = segments.at(-1);
  if (typeof last !== 'string') return false;
  if (segments.at(-2) === 'headers') return SECRET_HEADER.test(last);
  return SECRET_KEY.test(last);
}

/** `sk-…abcd` for long keys (a short vendor prefix and the last four characters), `****` otherwise. */
export function maskSecret(value: unknown): string {
  if (typeof value !== 'string' || value.length < 16) return '****';
  const prefix = /^[A-Za-z]{2,4}-/.exec(value)?.[0] ?? '';
  return `${prefix}…${value.slice(-4)}`;
}

/** Hides the password in `https://user:pass@host` so URLs with credentials can be shown. */
export function maskUrlCredentials(value: string): string {
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/:@\s]*):[^@/\s]*@/i, '$1:****@');
}
