// Secrets recognised by their structure: private-key blocks of every kind and passwords inside URLs.
import { isPlaceholderValue } from './allow-list.js';
import { PRIORITY, type SecretCandidate } from './types.js';

// RSA, EC, DSA, OPENSSH, ENCRYPTED (PKCS#8), plain PKCS#8, PGP "PRIVATE KEY BLOCK", SSH2 "ENCRYPTED PRIVATE KEY".
// Public keys and certificates say PUBLIC KEY / CERTIFICATE and never match. The END line may be
// missing when output was cut, so the block runs to the last base64-looking line instead.
const KEY_BLOCK = /-----BEGIN ((?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?)-----(?:[\s\S]{0,20000}?-----END \1-----|(?:(?:\\n|\\r|[\sA-Za-z0-9+/=:,-])*))/g;
const PUTTY_KEY = /PuTTY-User-Key-File-\d:[\s\S]{0,8000}?Private-MAC: [0-9a-f]+/g;
// scheme://user:password@host — any scheme (postgres, mysql, mongodb+srv, redis, amqp, https…).
const URL_PASSWORD = /\b[a-z][a-z0-9+.-]{1,20}:\/\/(?<user>[^\s:/@'"`<>]*):(?<password>[^\s@/'"`<>]{3,})@[A-Za-z0-9.-]/gi;

export function findStructuralSecrets(text: string): SecretCandidate[] {
  const found: SecretCandidate[] = [];
  for (const match of text.matchAll(KEY_BLOCK)) {
    const start = match.index ?? 0;
    const block = match[0].replace(/(?:\\n|\\r|\s)+$/, '');
    // A header with no key material after it is a mention (docs, grep patterns), not a key.
    if (block.length < 80) continue;
    found.push({ start, end: start + block.length, kind: 'private_key', rule: 'structure:private-key-block', priority: PRIORITY.privateKey });
  }
  for (const match of text.matchAll(PUTTY_KEY)) {
    const start = match.index ?? 0;
    found.push({ start, end: start + match[0].length, kind: 'private_key', rule: 'structure:putty-private-key', priority: PRIORITY.privateKey });
  }
  for (const match of text.matchAll(URL_PASSWORD)) {
    const password = match.groups?.password ?? '';
    const user = match.groups?.user ?? '';
    if (isPlaceholderValue(password) || isPlaceholderValue(decodeSafely(password))) continue;
    // postgres://postgres:postgres@localhost: a well-known default, not a secret.
    if (password === user || /^(pass|pw|pwd|passwd|secret|root|admin|guest)$/i.test(password)) continue;
    const start = (match.index ?? 0) + match[0].lastIndexOf(`:${password}@`) + 1;
    found.push({ start, end: start + password.length, kind: 'connection_string_password', rule: 'structure:url-password', priority: PRIORITY.connection });
  }
  return found;
}

function decodeSafely(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
