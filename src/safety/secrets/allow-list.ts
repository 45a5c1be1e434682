// Values that look like secrets but are not: placeholders, references, examples, hashes, ids.
import { containsPlaceholder } from './placeholder.js';

// Words people put where a real secret would go, in docs, templates and test fixtures.
const EXAMPLE_WORDS = /example|sample|dummy|fake|placeholder|your[-_ ]|<your|redacted|changeme|change[-_]me|replace[-_ ]?me|insert[-_ ]|xxxx|\*\*\*|\.\.\.|…|notasecret|not[-_]a[-_]secret|lorem|foobar|mock|todo/i;
// A reference to where the secret lives, not the secret: ${VAR}, $VAR, {{ var }}, %(var)s, <var>, process.env.X…
const REFERENCE = /^(\$\{[^}]*\}?|\$\(.*\)?|\$[A-Za-z_][A-Za-z0-9_]*|\{\{.*\}\}|%\(?[a-z_]*\)?s|<[^>]*>|\[[^\]]*\]|(process\.env|os\.environ|os\.getenv|env|ENV|getenv|System\.getenv|secrets|vars|context)\b.*|\{[A-Za-z_]+\})$/;
const TRIVIAL = new Set(['null', 'none', 'nil', 'undefined', 'true', 'false', 'string', 'str', 'password', 'secret', 'token', 'required', 'optional', 'empty', 'test', 'testing', 'admin', 'default', 'value']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const GIT_OR_HASH = /^([0-9a-f]{7,8}|[0-9a-f]{40}|[0-9a-f]{64}|[0-9a-f]{128})$/i;
const INTEGRITY = /^(sha1|sha256|sha384|sha512)-[A-Za-z0-9+/=]{20,}$/;

/** An obvious stand-in: a placeholder we issued, a reference to a variable, an example or masked value. */
export function isPlaceholderValue(value: string): boolean {
  const trimmed = value.trim();
  if (trimmed.length === 0 || containsPlaceholder(trimmed)) return true;
  if (TRIVIAL.has(trimmed.toLowerCase())) return true;
  if (REFERENCE.test(trimmed) || EXAMPLE_WORDS.test(trimmed)) return true;
  // aaaaaaaa, 12345678, abcdefgh: keyboard filler, not a secret.
  if (/^(.)\1+$/.test(trimmed) || /^(0?123456789?0?|abcdefgh?i?j?|qwerty)$/i.test(trimmed)) return true;
  return false;
}

/** Identifiers that are public by design: UUIDs, git SHAs and content hashes, lockfile integrity. */
export function isPublicIdentifier(value: string): boolean {
  return UUID.test(value) || GIT_OR_HASH.test(value) || INTEGRITY.test(value);
}

/** Filler inside a provider token's body (`ghp_aaaa…`, `sk-live-0000…`): a test fixture, not a key. */
export function isFillerBody(body: string): boolean {
  if (body.length === 0) return true;
  const distinct = new Set(body).size;
  return distinct <= 4 || EXAMPLE_WORDS.test(body);
}
