// Ranks the repository's files for a query by fusing full-text scores, past commit messages, symbols
// and paths named in the query, personalised PageRank over the symbol graph, co-change and recency,
// and says in words why each file ranked.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ContextIndex } from './context-index.js';
import { personalizedPageRank, symbolGraph, type SymbolGraph } from './graph.js';
import { queryTerms, type QueryTerms } from './query-terms.js';
import { coChanged, commitScores, fileActivity, lexicalScores, pathHits, symbolHits, termMentions, type CommitEvidence, type SymbolHit } from './signals.js';

export interface RankedFile {
  /** Repo-relative, forward slashes. */
  path: string;
  score: number;
  reasons: string[];
  /** Symbols of the file that the query names or that matched it. */
  symbols: string[];
}

export interface RankOptions {
  /** How many files to return (default 10). */
  top?: number;
}

export type SignalName = 'lexical' | 'commits' | 'symbols' | 'paths' | 'graph' | 'cochange' | 'recency';

/** Relative weight of each signal once normalised to 0..1 (tuned on the benchmark; see bench/context). */
export const WEIGHTS: Record<SignalName, number> = {
  lexical: 1.0,
  commits: 0.15,
  symbols: 0.3,
  paths: 2.0,
  graph: 0.15,
  cochange: 0.15,
  recency: 0.1,
};

const TEST_PATH = /(^|\/)(tests?|spec|__tests__|testdata|fixtures?|examples?|benchmarks?|docs?)(\/|$)|[._-](test|spec)\.[a-z]+$|(^|\/)test_[^/]*$|_test\.go$/i;
const PROSE_PATH = /\.(md|markdown|rst|txt|adoc|html?|json|ya?ml|toml|ini|cfg|lock|csv|svg)$|(^|\/)(changelog|history|license|authors|contributing)[^/]*$/i;

const GRAPH_CANDIDATES = 200;

interface Candidate {
  path: string;
  lexical: number;
  commits?: CommitEvidence;
  symbols: SymbolHit[];
  named: boolean;
  graph: number;
  cochange: number;
  cochangeWith?: { path: string; count: number };
  recency: number;
  score: number;
}

export function rankContext(index: ContextIndex, query: string, options: RankOptions = {}): RankedFile[] {
  const terms = queryTerms(query);
  const top = Math.max(1, options.top ?? 10);
  const candidates = gatherCandidates(index, terms);
  if (candidates.size === 0) return [];
  const list = [...candidates.values()];
  const prior = priorFor(terms);
  const maxOf = (pick: (candidate: Candidate) => number): number => Math.max(1e-9, ...list.map(pick));
  const maxLexical = maxOf((c) => c.lexical);
  const maxCommits = maxOf((c) => c.commits?.score ?? 0);
  const maxSymbols = maxOf((c) => symbolStrength(c.symbols));
  const first = (c: Candidate): number =>
    WEIGHTS.lexical * (c.lexical / maxLexical) +
    WEIGHTS.commits * ((c.commits?.score ?? 0) / maxCommits) +
    WEIGHTS.symbols * (symbolStrength(c.symbols) / maxSymbols) +
    (c.named ? WEIGHTS.paths : 0);
  for (const c of list) c.score = first(c) * prior(c.path);

  addGraph(index, list, candidates);
  addCoChange(index, list, candidates, terms);
  addRecency(index, list);
  const maxGraph = maxOf((c) => c.graph);
  const maxCochange = maxOf((c) => c.cochange);
  for (const c of list) {
    c.score = (first(c) + WEIGHTS.graph * (c.graph / maxGraph) + WEIGHTS.cochange * (c.cochange / maxCochange) + WEIGHTS.recency * c.recency) * prior(c.path);
  }
  list.sort((a, b) => b.score - a.score || a.path.localeCompare(b.path));
  const graph = symbolGraph(index);
  return list.slice(0, top).map((c) => ({
    path: c.path,
    score: Math.round(c.score * 1000) / 1000,
    reasons: reasonsFor(index.root, c, terms, graph, list.slice(0, top)),
    symbols: [...c.symbols].sort((a, b) => b.strength - a.strength).map((hit) => hit.name).slice(0, 8),
  }));
}

function gatherCandidates(index: ContextIndex, terms: QueryTerms): Map<string, Candidate> {
  const candidates = new Map<string, Candidate>();
  const get = (file: string): Candidate => {
    let c = candidates.get(file);
    if (!c) candidates.set(file, (c = { path: file, lexical: 0, symbols: [], named: false, graph: 0, cochange: 0, recency: 0, score: 0 }));
    return c;
  };
  for (const [file, score] of lexicalScores(index, terms)) get(file).lexical = score;
  for (const [file, evidence] of commitScores(index, terms)) get(file).commits = evidence;
  for (const [file, hits] of symbolHits(index, terms)) get(file).symbols = hits;
  for (const file of pathHits(index, terms)) get(file).named = true;
  return candidates;
}

function symbolStrength(hits: readonly SymbolHit[]): number {
  return hits.reduce((sum, hit) => sum + hit.strength, 0);
}

/** Tests, examples and prose rank lower unless the query is about them. */
function priorFor(terms: QueryTerms): (file: string) => number {
  const aboutTests = terms.terms.some((term) => /^(tests?|spec|specs|testing|example|examples|docs?|documentation|readme)$/.test(term));
  return (file) => {
    if (aboutTests) return 1;
    if (PROSE_PATH.test(file)) return 0.35;
    return TEST_PATH.test(file) ? 0.5 : 1;
  };
}

/** Personalised PageRank seeded by the strongest first-pass candidates. */
function addGraph(index: ContextIndex, list: Candidate[], candidates: Map<string, Candidate>): void {
  const graph = symbolGraph(index);
  const seeds = new Map<number, number>();
  const strongest = [...list].sort((a, b) => b.score - a.score).slice(0, 20);
  for (const c of strongest) {
    const node = graph.nodeOf.get(c.path);
    if (node !== undefined && c.score > 0) seeds.set(node, c.score);
  }
  const rank = personalizedPageRank(graph, seeds);
  // Only the files the walk reaches most often are worth scoring.
  const floor = [...rank].sort((a, b) => b - a)[GRAPH_CANDIDATES] ?? 0;
  rank.forEach((value, node) => {
    if (value < 1e-6 || value <= floor) return;
    const file = graph.paths[node]!;
    const c = candidates.get(file) ?? { path: file, lexical: 0, symbols: [], named: false, graph: 0, cochange: 0, recency: 0, score: 0 };
    c.graph = value - (seeds.has(node) ? 0.25 * (seeds.get(node)! / sum(seeds)) : 0);
    if (!candidates.has(file)) {
      candidates.set(file, c);
      list.push(c);
    }
  });
}

function sum(map: ReadonlyMap<number, number>): number {
  let total = 0;
  for (const value of map.values()) total += value;
  return total;
}

/** Files that usually change together with the strongest candidates. */
function addCoChange(index: ContextIndex, list: Candidate[], candidates: Map<string, Candidate>, terms: QueryTerms): void {
  if (!index.isGit) return;
  const prior = priorFor(terms);
  const strongest = [...list].filter((c) => prior(c.path) === 1).sort((a, b) => b.score - a.score).slice(0, 5);
  for (const anchor of strongest) {
    for (const { path: file, count } of coChanged(index, anchor.path, 8)) {
      if (prior(file) < 1) continue;
      const c = candidates.get(file);
      if (!c) continue;
      const boost = anchor.score * (count / (count + 3));
      c.cochange += boost;
      if (!c.cochangeWith || c.cochangeWith.count < count) c.cochangeWith = { path: anchor.path, count };
    }
  }
}

function addRecency(index: ContextIndex, list: Candidate[]): void {
  const activity = fileActivity(index);
  if (activity.size === 0) return;
  let newest = 0;
  for (const { last } of activity.values()) newest = Math.max(newest, last);
  for (const c of list) {
    const seen = activity.get(c.path);
    if (!seen) continue;
    const ageDays = (newest - seen.last) / 86_400;
    c.recency = Math.exp(-ageDays / 180);
  }
}

function readText(root: string, file: string): string {
  try {
    return readFileSync(path.join(root, file), 'utf8');
  } catch {
    return '';
  }
}

function reasonsFor(
  root: string,
  c: Candidate,
  terms: QueryTerms,
  graph: SymbolGraph,
  shown: readonly Candidate[],
): string[] {
  const reasons: string[] = [];
  if (c.named) reasons.push('named in the query');
  const strong = c.symbols.filter((hit) => hit.strength >= 0.5).map((hit) => `\`${hit.name}\``);
  const weak = c.symbols.filter((hit) => hit.strength < 0.5).map((hit) => `\`${hit.name}\``);
  if (strong.length > 0) reasons.push(`defines ${strong.slice(0, 3).join(', ')}, named in the query`);
  if (weak.length > 0) reasons.push(`defines ${weak.slice(0, 3).join(', ')}, matching words of the query`);
  if (c.commits && c.commits.mentions.size > 0) {
    const mentions = [...c.commits.mentions].sort((a, b) => b[1] - a[1]).slice(0, 3);
    const said = mentions.map(([term, count]) => `'${term}' ${count} time${count === 1 ? '' : 's'}`).join(', ');
    reasons.push(`its commits mention ${said}`);
  }
  if (c.lexical > 0) {
    const text = readText(root, c.path);
    const found = [...termMentions(text, terms.terms)].sort((a, b) => b[1] - a[1]).slice(0, 3);
    if (found.length > 0) reasons.push(`its text mentions ${found.map(([term, count]) => `'${term}' ${count} time${count === 1 ? '' : 's'}`).join(', ')}`);
    else reasons.push('its text matches the query words in identifiers (split camelCase / snake_case)');
  }
  if (c.cochangeWith) reasons.push(`changed together with ${c.cochangeWith.path} in ${c.cochangeWith.count} commits`);
  if (c.graph > 0) {
    const node = graph.nodeOf.get(c.path);
    for (const other of node === undefined ? [] : shown) {
      const from = graph.nodeOf.get(other.path);
      if (other === c || from === undefined) continue;
      const name = graph.via(from, node!);
      if (name === undefined) continue;
      reasons.push(`defines \`${name}\`, used by ${other.path}`);
      break;
    }
  }
  if (reasons.length === 0) reasons.push('close in the symbol graph to files the query points at');
  return reasons;
}
