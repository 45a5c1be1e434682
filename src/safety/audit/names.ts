// Name and value heuristics: which identifiers name credentials or random tokens, and which
// string values are real secrets rather than placeholders, labels or environment variable names.

/** camelCase, snake_case, kebab-case and dotted names as lower-case words. */
export function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0);
}

const CREDENTIAL_WORDS = new Set(['password', 'passwd', 'pwd', 'passphrase', 'secret', 'token', 'credential', 'credentials', 'apikey', 'accesskey', 'privatekey', 'secretkey', 'authkey', 'pass']);
const KEY_QUALIFIERS = new Set(['api', 'access', 'private', 'secret', 'signing', 'encryption', 'master', 'auth', 'client', 'license', 'hmac', 'jwt']);
/** Last words that make a credential-ish name describe something else: `passwordField`, `tokenUrl`. */
const NOT_A_VALUE = new Set([
  'url', 'uri', 'path', 'file', 'filename', 'dir', 'name', 'field', 'label', 'header', 'type', 'length', 'len', 'min', 'max',
  'regex', 'pattern', 're', 'message', 'msg', 'error', 'prompt', 'placeholder', 'endpoint', 'column', 'param', 'env', 'var',
  'id', 'policy', 'count', 'expiry', 'expires', 'ttl', 'timeout', 'format', 'mode', 'style', 'class', 'selector', 'input',
  'hint', 'text', 'title', 'key', 'prefix', 'cookie', 'storage', 'location', 'source', 'version', 'strength', 'rules', 'hash',
]);
const NOT_A_SECRET = new Set(['public', 'page', 'next', 'is', 'has', 'show', 'use', 'enable', 'csrf', 'refresh']);

export function isCredentialName(name: string): boolean {
  const list = words(name);
  if (list.length === 0 || list.some((word) => NOT_A_SECRET.has(word))) return false;
  const last = list[list.length - 1] ?? '';
  const keyNamed = last === 'key' && KEY_QUALIFIERS.has(list[list.length - 2] ?? '');
  if (NOT_A_VALUE.has(last) && !keyNamed) return false;
  return keyNamed || list.some((word) => CREDENTIAL_WORDS.has(word)) || /(api|access|secret|private)_?key$/i.test(name);
}

const RANDOM_WORDS = new Set([
  'token', 'secret', 'password', 'passwd', 'pwd', 'passphrase', 'nonce', 'salt', 'otp', 'pin', 'key', 'apikey', 'session',
  'sessionid', 'sid', 'csrf', 'xsrf', 'id', 'ids', 'uuid', 'guid', 'reset', 'verification', 'auth', 'invite', 'credential', 'coupon', 'voucher',
]);

/** Whether a value named this is a security token, identifier or secret (so it needs a CSPRNG). */
export function isSecurityTokenName(name: string): boolean {
  return words(name).some((word) => RANDOM_WORDS.has(word));
}

const PLACEHOLDER = /^(x+|\*+|\.+|-+|<.*>|\{.*\}|\[.*\]|\$\{.*\}|\$[A-Z_]+|%.*%|{{.*}}|changeme|change[-_]?me|password\d?|secret|token|example|dummy|test(ing)?|todo|fixme|none|null|undefined|redacted|placeholder|your[-_ ].*|.*[-_]here|(fake|mock|sample|test|dummy|example)[-_].*|.*[-_](fake|mock|sample|placeholder|example))$/i;

/** Shannon entropy in bits per character. */
export function entropy(text: string): number {
  const counts = new Map<string, number>();
  for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** A literal that looks like a real credential: not empty, not a placeholder, label, path or variable name. */
export function isPlausibleSecret(value: string, name = ''): boolean {
  if (value.length < 6 || value.length > 500 || /\s/.test(value)) return false;
  if (PLACEHOLDER.test(value)) return false;
  if (/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/.test(value)) return false; // an environment variable's name
  if (/^[a-z]+([._:-][a-z]+)+$/.test(value)) return false; // an i18n key or label id
  if (/^(https?:\/\/|\/|\.\/|~\/)/i.test(value) && !/:\/\/[^/\s:@]+:[^/\s@]+@/.test(value)) return false;
  if (name !== '' && words(value).join('') === words(name).join('')) return false;
  if (/^(.)\1+$/.test(value)) return false;
  const varied = /\d/.test(value) || /[^A-Za-z0-9]/.test(value) || (/[a-z]/.test(value) && /[A-Z]/.test(value));
  return (varied || value.length >= 12) && entropy(value) >= 2.2;
}
