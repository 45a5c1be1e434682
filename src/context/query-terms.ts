// Turns a task or question in a user's words into the terms the index is searched with.
import { SummonError } from '../core/errors.js';
import { identifierTerms, splitIdentifier, words } from './tokenize.js';

// Words that say nothing about where in a code base a change belongs.
const STOPWORDS = new Set(
  (
    'a an the and or but not no nor of to in on at by for from with without into onto over under as is are was were be been being ' +
    'it its this that these those there here then than so such if else when while where which who whom whose what why how ' +
    'do does did done doing has have had having can could should would will shall may might must i we you he she they me us them my our your ' +
    'all any some each every more most less least many much few very just only also too again once still even ever now ' +
    'fix fixes fixed fixing bug bugs issue issues add adds added adding support supports supported make makes made use uses used using ' +
    'allow allows allowed properly correctly correct instead new old remove removes removed update updates updated change changes changed ' +
    'please etc via per e g eg ie vs like get gets got way ways case cases thing things able unable work works working doesn dont don t s ' +
    'after before about between through during out up down off because since until whether both either neither own same other another ' +
    'wrong broken break breaks handle handles handling'
  ).split(/\s+/),
);

export interface QueryTerms {
  /** Search terms (lowercase, split and joined like indexed text), most specific first, no repeats. */
  terms: string[];
  /** Words of the query that look like code identifiers (camelCase, snake_case, dotted), as written. */
  identifiers: string[];
  /** Words that look like file paths or names (`router.ts`, `src/http`). */
  paths: string[];
}

/** Splits a query; throws a usage error when nothing searchable is left. */
export function queryTerms(query: string): QueryTerms {
  const terms: string[] = [];
  const seen = new Set<string>();
  const identifiers: string[] = [];
  const paths: string[] = [];
  for (const token of query.split(/[\s,;:()[\]{}"'`<>!?]+/)) {
    if (/[/\\]/.test(token) || /\.[a-z]{1,4}$/i.test(token)) paths.push(token.replace(/^\.\//, ''));
  }
  for (const word of words(query)) {
    const parts = splitIdentifier(word);
    if (parts.length > 1 || /_/.test(word)) identifiers.push(word);
    for (const term of identifierTerms(word)) {
      if (STOPWORDS.has(term) || seen.has(term)) continue;
      seen.add(term);
      terms.push(term);
    }
  }
  if (terms.length === 0) {
    throw new SummonError('usage', `the query "${query.trim().slice(0, 80)}" has no searchable words`, {
      hint: 'name what you are looking for: an identifier, a file, or words that describe the behaviour (e.g. "request timeout retries")',
    });
  }
  return { terms, identifiers, paths };
}

/** An FTS5 MATCH expression: any of the terms, each quoted. */
export function ftsAnyOf(terms: readonly string[]): string {
  return terms.map((term) => `"${term.replace(/"/g, '""')}"`).join(' OR ');
}
