// Labelled secrets: a secret-sounding name (password, SECRET_KEY, apiKey, --token, Authorization)
// followed by a value that is not a reference, a placeholder or code. Passwords need no entropy;
// tokens and keys must look machine-random, so `token: "Invalid token"` stays.
import { isPlaceholderValue } from './allow-list.js';
import { looksRandom } from './entropy.js';
import { PRIORITY, type SecretCandidate } from './types.js';

const ASSIGNMENT =
  /(?<![A-Za-z0-9_])(?<key>[A-Za-z_][A-Za-z0-9_.-]{0,60})["']?\]?\s*(?::=|=>|\?=|===?|=|:)[ \t]*(?:(?<quote>["'`])(?<quoted>[^"'`\n]{1,400})\k<quote>|(?<bare>[^\s"'`,;#&)}\]]{1,400}))/g;
// .NET app.config / web.config: <add key="SmtpPassword" value="…" />
const KEY_VALUE_ATTRIBUTES = /\bkey\s*=\s*"(?<key>[^"]{1,60})"\s+value\s*=\s*(?<quote>")(?<quoted>[^"\n]{1,400})"/g;
// aws configure set aws_secret_access_key …, npm config set …: name and value separated by a space.
const CONFIG_SET = /\bconfig(?:ure)?\s+set\s+(?<key>[A-Za-z_][\w.-]{0,60})[ \t]+(?<bare>[^\s"']{6,})/g;
const CODE_WORDS = new Set(['await', 'new', 'null', 'this', 'self', 'function', 'async', 'require', 'import', 'lambda', 'yield', 'typeof', 'void']);
const CLI_FLAG = /(?<=\s|^)--(?<flag>password|passwd|pass|token|api-key|apikey|secret|client-secret|auth-token|access-token)(?:=|[ \t]+)(?:(?<quote>["'])(?<quoted>[^"'\n]+)\k<quote>|(?<bare>[^\s"']+))/gm;
const CLI_SHORT = /\b(?:mysql|mysqldump|mysqladmin|mariadb|sshpass|redis-cli)\b[^\n]*?[ \t]-(?:p(?<attached>[^\s-][^\s]*)|(?:p|a)[ \t]+(?<separate>[^\s-]\S*))/g;
const CURL_USER = /\bcurl\b[^\n]*?[ \t](?:-u|--user)[ \t]+["']?[^:\s"']+:(?<bare>[^\s"']+)/g;
const AUTH_HEADER = /\b(?:Proxy-)?Authorization["']?\s*[:=]\s*["']?(?:Bearer|Basic|Token|token|Bot|Digest)[ \t]+(?<bare>[A-Za-z0-9._~+/=-]{8,})/gi;
const NETRC = /^[ \t]*(?:machine[ \t]+\S+[ \t]+)?(?:login[ \t]+\S+[ \t]+)?password[ \t]+(?<bare>\S+)/gm;

const PASSWORD_LABEL = /password|passwd|passphrase|(?:^|[_.-])(?:pass|pwd)$/i;
const SECRET_LABEL = /secret|token|api[_.-]?key|access[_.-]?key|private[_.-]?key|auth[_.-]?key|signing[_.-]?key|encryption[_.-]?key|master[_.-]?key|credentials?$|app[_.-]?key|session[_.-]?key/i;
// Names that mention a secret but hold something else: its hash, its length, where it lives, a public half.
const NOT_A_SECRET =
  /hash|digest|policy|length|field|reset|rule|regex|pattern|label|placeholder|hint|prompt|input|type|required|expir|changed|updated|strength|(?:^|[_.-])(?:min|max)|file|path|env$|_var$|name$|_id$|Id$|url$|uri$|endpoint|header|param|count|enabled|mode|format|public|publishable|tokeniz|page|next|continuation|cursor|limit|budget|usage|usd|cost|(?:^|[_.-])tokens$/i;
const PROSE = /\b(must|should|invalid|enter|required|characters|please|incorrect|wrong|forgot|reset|is|the|not)\b/i;

export function findKeywordSecrets(text: string): SecretCandidate[] {
  const found: SecretCandidate[] = [];
  for (const pattern of [ASSIGNMENT, KEY_VALUE_ATTRIBUTES, CONFIG_SET]) {
    for (const match of text.matchAll(pattern)) {
      const key = match.groups?.key ?? '';
      const value = match.groups?.quoted ?? match.groups?.bare ?? '';
      const kind = labelKind(key);
      if (kind === undefined || NOT_A_SECRET.test(key)) continue;
      if (match.groups?.bare !== undefined && bareValueIsCode(key, value, text, (match.index ?? 0) + match[0].length)) continue;
      if (!acceptValue(kind, value, match.groups?.quoted !== undefined, key)) continue;
      found.push(candidate(match, value, kind, `keyword:${kind}`));
    }
  }
  for (const match of text.matchAll(CLI_FLAG)) {
    const value = match.groups?.quoted ?? match.groups?.bare ?? '';
    const kind = /pass/.test(match.groups?.flag ?? '') ? 'password' : 'generic_secret';
    if (acceptValue(kind, value, match.groups?.quoted !== undefined, '')) found.push(candidate(match, value, kind, 'keyword:cli-flag'));
  }
  for (const match of text.matchAll(CLI_SHORT)) {
    const value = match.groups?.attached ?? match.groups?.separate ?? '';
    if (acceptValue('password', value, false, '') && !/^\d+$/.test(value)) found.push(candidate(match, value, 'password', 'keyword:cli-password'));
  }
  for (const pattern of [CURL_USER, NETRC]) {
    for (const match of text.matchAll(pattern)) {
      const value = match.groups?.bare ?? '';
      if (acceptValue('password', value, false, '')) found.push(candidate(match, value, 'password', 'keyword:credentials'));
    }
  }
  for (const match of text.matchAll(AUTH_HEADER)) {
    const value = match.groups?.bare ?? '';
    if (!isPlaceholderValue(value) && value.length >= 12) found.push(candidate(match, value, 'bearer_token', 'keyword:authorization-header'));
  }
  return found;
}

function labelKind(key: string): string | undefined {
  if (PASSWORD_LABEL.test(key)) return 'password';
  if (!SECRET_LABEL.test(key)) return undefined;
  const lower = key.toLowerCase();
  if (lower.includes('aws') && lower.includes('secret')) return 'aws_secret_key';
  if (/api[_.-]?key/.test(lower)) return 'api_key';
  if (lower.includes('token')) return 'token';
  if (lower.includes('secret')) return 'secret_key';
  return 'generic_secret';
}

function acceptValue(kind: string, value: string, quoted: boolean, key: string): boolean {
  if (isPlaceholderValue(value) || /^[!&*|>]/.test(value)) return false;
  if (/^(?:~|\.{1,2})?\/[\w./-]*$/.test(value)) return false; // a path
  const normalize = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, '');
  // password=password, token=self.token, apiKey: API_KEY: code passing a variable along, not a value.
  if (key !== '' && normalize(value).endsWith(normalize(key.split('.').pop() ?? key))) return false;
  if (!quoted && looksLikeCode(value)) return false;
  if (kind !== 'password') return looksRandom(value, 12);
  if (value.length < 5) return false;
  if (/\s/.test(value)) return quoted && !PROSE.test(value) && !/[.!?:]$/.test(value);
  // A capitalised word is a UI label or a translation ("Passwort"), not a password.
  return !/^[A-Z][a-z]+$/.test(value);
}

/** `password = await prompt(…)`: an unquoted value followed by more code. Env-style UPPER_CASE
 * names may be followed by a command (`PGPASSWORD=… psql`). */
function bareValueIsCode(key: string, value: string, text: string, end: number): boolean {
  if (CODE_WORDS.has(value)) return true;
  if (/^[A-Z0-9_]+$/.test(key.split('.').pop() ?? key)) return false;
  return /^[ \t]+[A-Za-z_$(]/.test(text.slice(end, end + 40));
}

/** An unquoted value that is a call, a member access, a type or a constant, not a literal. */
function looksLikeCode(value: string): boolean {
  if (/[()[\]{}]/.test(value)) return true;
  if (/^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/.test(value)) return true;
  if (/^[A-Z][A-Z0-9]*_[A-Z0-9_]+$/.test(value)) return true;
  return /^[a-z]+[A-Z][A-Za-z]*$|^[A-Z][a-z]+[A-Z][A-Za-z]*$/.test(value);
}

function candidate(match: RegExpMatchArray, value: string, kind: string, rule: string): SecretCandidate {
  const start = (match.index ?? 0) + match[0].lastIndexOf(value);
  return { start, end: start + value.length, kind, rule, priority: PRIORITY.keyword };
}
