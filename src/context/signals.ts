// The raw evidence for a query, per file: full-text match, past commit messages, symbols named,
// paths named, co-change. Each is a map from file path to a score plus what to say about it.
import type { ContextIndex } from './context-index.js';
import { ftsAnyOf, type QueryTerms } from './query-terms.js';
import { joinedTerm } from './tokenize.js';

export interface CommitEvidence {
  score: number;
  commits: number;
  /** How often each query term appears in those commits' messages. */
  mentions: Map<string, number>;
}

const LEXICAL_LIMIT = 400;
const COMMIT_LIMIT = 300;
/** A commit touching many files says little about each (mass renames, formatting). */
const MAX_COMMIT_FILES = 40;

/** BM25 over path, symbol names and content, weighted in that order. */
export function lexicalScores(index: ContextIndex, query: QueryTerms): Map<string, number> {
  const rows = index.db
    .prepare(
      `SELECT f.path AS path, -bm25(files_fts, 3.0, 2.0, 1.0) AS score FROM files_fts JOIN files f ON f.id = files_fts.rowid
       WHERE files_fts MATCH ? ORDER BY rank LIMIT ${LEXICAL_LIMIT}`,
    )
    .all(ftsAnyOf(query.terms)) as { path: string; score: number }[];
  return new Map(rows.map((row) => [row.path, row.score]));
}

/** Files whose past commit messages match the query; a file's history says what it is for. */
export function commitScores(index: ContextIndex, query: QueryTerms): Map<string, CommitEvidence> {
  const commits = index.db
    .prepare(
      `SELECT c.id AS id, c.message AS message, c.file_count AS fileCount, -bm25(commits_fts) AS score FROM commits_fts JOIN commits c ON c.id = commits_fts.rowid
       WHERE commits_fts MATCH ? ORDER BY rank LIMIT ${COMMIT_LIMIT}`,
    )
    .all(ftsAnyOf(query.terms)) as { id: number; message: string; fileCount: number; score: number }[];
  const filesOf = index.db.prepare('SELECT cf.path FROM commit_files cf JOIN files f ON f.path = cf.path WHERE cf.commit_id = ?').pluck();
  const evidence = new Map<string, CommitEvidence>();
  const best = commits[0]?.score ?? 1;
  for (const commit of commits) {
    if (commit.fileCount > MAX_COMMIT_FILES) continue;
    const weight = commit.score / best / Math.sqrt(Math.max(1, commit.fileCount));
    const mentions = termMentions(commit.message, query.terms);
    for (const file of filesOf.all(commit.id) as string[]) {
      let entry = evidence.get(file);
      if (!entry) evidence.set(file, (entry = { score: 0, commits: 0, mentions: new Map() }));
      entry.score += weight;
      entry.commits++;
      for (const [term, count] of mentions) entry.mentions.set(term, (entry.mentions.get(term) ?? 0) + count);
    }
  }
  return evidence;
}

const INFLECTION = /^(s|es|ed|d|ing)?(?![a-z0-9])/;

/** Occurrences of each term as a word, inflections included ("timeout" counts "timeouts"), case-insensitive. */
export function termMentions(text: string, terms: readonly string[]): Map<string, number> {
  const lower = text.toLowerCase();
  const counts = new Map<string, number>();
  for (const term of terms) {
    let count = 0;
    for (let at = lower.indexOf(term); at !== -1; at = lower.indexOf(term, at + term.length)) {
      if ((at === 0 || !/[a-z0-9]/.test(lower[at - 1]!)) && INFLECTION.test(lower.slice(at + term.length, at + term.length + 4))) count++;
    }
    if (count > 0) counts.set(term, count);
  }
  return counts;
}

export interface SymbolHit {
  name: string;
  /** 1 when the query names the identifier as written in code, less for a plain word that happens to match. */
  strength: number;
}

/** Definitions whose names the query mentions. */
export function symbolHits(index: ContextIndex, query: QueryTerms): Map<string, SymbolHit[]> {
  const exact = new Set(query.identifiers.map(joinedTerm));
  const wanted = [...new Set([...exact, ...query.terms.filter((term) => term.length >= 4)])];
  const hits = new Map<string, SymbolHit[]>();
  if (wanted.length === 0) return hits;
  const rows = index.db
    .prepare(
      `SELECT f.path AS path, s.name AS name, s.joined AS joined, (SELECT count(DISTINCT file_id) FROM symbols t WHERE t.joined = s.joined) AS definers
       FROM symbols s JOIN files f ON f.id = s.file_id WHERE s.joined IN (${wanted.map(() => '?').join(',')})`,
    )
    .all(...wanted) as { path: string; name: string; joined: string; definers: number }[];
  for (const row of rows) {
    const strength = (exact.has(row.joined) ? 1 : 0.25) / Math.sqrt(row.definers);
    const list = hits.get(row.path) ?? [];
    if (!list.some((hit) => hit.name === row.name)) list.push({ name: row.name, strength });
    hits.set(row.path, list);
  }
  return hits;
}

/** Files the query names by path or file name. */
export function pathHits(index: ContextIndex, query: QueryTerms): Set<string> {
  const hits = new Set<string>();
  if (query.paths.length === 0) return hits;
  const all = index.cached('all-paths', () => index.db.prepare('SELECT path FROM files').pluck().all() as string[]);
  for (const mention of query.paths) {
    const wanted = mention.replace(/^\/+/, '');
    for (const file of all) if (file === wanted || file.endsWith(`/${wanted}`)) hits.add(file);
  }
  return hits;
}

/** Files changed in the same commits as `file`, with how many. */
export function coChanged(index: ContextIndex, file: string, limit = 10): { path: string; count: number }[] {
  return index.db
    .prepare(
      `SELECT b.path AS path, count(*) AS count FROM commit_files a JOIN commits c ON c.id = a.commit_id AND c.file_count <= ${MAX_COMMIT_FILES}
       JOIN commit_files b ON b.commit_id = a.commit_id AND b.path != a.path JOIN files f ON f.path = b.path
       WHERE a.path = ? GROUP BY b.path HAVING count(*) >= 2 ORDER BY count DESC LIMIT ?`,
    )
    .all(file, limit) as { path: string; count: number }[];
}

export interface FileActivity {
  commits: number;
  /** Unix seconds of the newest commit touching the file. */
  last: number;
}

/** Churn and recency of every file with history. */
export function fileActivity(index: ContextIndex): Map<string, FileActivity> {
  return index.cached('file-activity', () => {
    const rows = index.db
      .prepare('SELECT cf.path AS path, count(*) AS commits, max(c.time) AS last FROM commit_files cf JOIN commits c ON c.id = cf.commit_id GROUP BY cf.path')
      .all() as ({ path: string } & FileActivity)[];
    return new Map(rows.map((row) => [row.path, { commits: row.commits, last: row.last }]));
  });
}
