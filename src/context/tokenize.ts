// Code-aware tokenisation shared by indexing and querying: identifiers are split at camelCase,
// snake_case and kebab-case boundaries, and the whole identifier is kept as one joined term too.

const WORD = /[A-Za-z][A-Za-z0-9_]*|[0-9]+[A-Za-z][A-Za-z0-9_]*/g;
const PART = /[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+/g;
const MAX_TERM = 48;

/** The lowercase parts of one identifier: `parseHTTPConfig_v2` → parse, http, config, v2-ish parts. */
export function splitIdentifier(identifier: string): string[] {
  const parts: string[] = [];
  for (const chunk of identifier.split(/[_\-$.]+/)) {
    for (const match of chunk.matchAll(PART)) parts.push(match[0].toLowerCase());
  }
  return parts;
}

/** `parseConfig`, `parse_config` and `ParseConfig` all become `parseconfig`. */
export function joinedTerm(identifier: string): string {
  return splitIdentifier(identifier).join('');
}

/** Terms of one identifier: its parts (two letters or more) and, when it has several, the joined whole. */
export function identifierTerms(identifier: string): string[] {
  const parts = splitIdentifier(identifier);
  const terms = parts.filter((part) => part.length >= 2 && part.length <= MAX_TERM && !/^[0-9]+$/.test(part));
  if (parts.length > 1) {
    const joined = parts.join('');
    if (joined.length <= MAX_TERM) terms.push(joined);
  }
  return terms;
}

/** Every identifier-like word of a text, in order. */
export function words(text: string): string[] {
  return text.match(WORD) ?? [];
}

// Identifiers repeat heavily within and across files: splitting each distinct word once saves most
// of the tokenising time of a cold index. Bounded; cleared when full.
const termCache = new Map<string, string>();
const TERM_CACHE_LIMIT = 100_000;

/** The terms of one word, space-joined ('' when it has none). */
function wordTerms(word: string): string {
  let terms = termCache.get(word);
  if (terms === undefined) {
    terms = identifierTerms(word).join(' ');
    if (termCache.size >= TERM_CACHE_LIMIT) termCache.clear();
    termCache.set(word, terms);
  }
  return terms;
}

function expand(list: readonly string[]): string {
  const out: string[] = [];
  for (const word of list) {
    const terms = wordTerms(word);
    if (terms !== '') out.push(terms);
  }
  return out.join(' ');
}

/** The text FTS5 indexes for a body of code or prose: each identifier expanded into its terms. */
export function indexText(text: string): string {
  return expand(words(text));
}

/**
 * One pass over a file's text: what FTS5 indexes, and the distinct identifiers it uses (3–64
 * characters), space-separated.
 */
export function analyzeText(text: string): { indexed: string; refs: string } {
  const list = words(text);
  const refs = new Set<string>();
  for (const word of list) if (word.length >= 3 && word.length <= 64) refs.add(word);
  return { indexed: expand(list), refs: [...refs].join(' ') };
}

/** Terms of a path: every segment split like an identifier (`src/http-client.ts` → src http client httpclient ts). */
export function pathTerms(filePath: string): string[] {
  return filePath.split(/[/\\.]+/).flatMap((segment) => identifierTerms(segment));
}
