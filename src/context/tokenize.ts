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

/** The text FTS5 indexes for a body of code or prose: each identifier expanded into its terms. */
export function indexText(text: string): string {
  const out: string[] = [];
  for (const word of words(text)) for (const term of identifierTerms(word)) out.push(term);
  return out.join(' ');
}

/** Terms of a path: every segment split like an identifier (`src/http-client.ts` → src http client httpclient ts). */
export function pathTerms(filePath: string): string[] {
  return filePath.split(/[/\\.]+/).flatMap((segment) => identifierTerms(segment));
}
