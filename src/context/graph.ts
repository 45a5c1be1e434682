// The symbol graph over files (an edge from A to B when A uses a name B defines) and personalised
// PageRank over it, as Aider's repo map does: seeds are the files the query points at.
import type { ContextIndex } from './context-index.js';

export interface SymbolGraph {
  paths: string[];
  nodeOf: Map<string, number>;
  /** Outgoing edges per node: target node and weight, weights summing to 1. */
  edges: { target: Int32Array; weight: Float64Array }[];
  /** Names shared by an edge from A to B, for reasons ("uses `Router` from lib/router.js"). */
  via: Map<number, Map<number, string>>;
}

/** Names too generic to say that one file uses another. */
const GENERIC_NAMES = new Set(['default', 'constructor', 'toString', 'valueOf', 'init', 'new', 'get', 'set', 'call', 'apply', 'then', 'main', 'run', 'test', 'setup', 'name', 'value', 'self', 'this', 'args', 'options', 'config', 'data', 'len', 'String', 'Error', 'error']);

/** Names defined in more files than this are too common to link anything. */
const MAX_DEFINERS = 12;

export function symbolGraph(index: ContextIndex): SymbolGraph {
  return index.cached('symbol-graph', () => buildGraph(index));
}

function buildGraph(index: ContextIndex): SymbolGraph {
  const files = index.db.prepare('SELECT id, path, refs FROM files ORDER BY id').all() as { id: number; path: string; refs: string }[];
  const paths = files.map((file) => file.path);
  const nodeOf = new Map(paths.map((file, node) => [file, node]));
  const nodeOfId = new Map(files.map((file, node) => [file.id, node]));
  const definers = new Map<string, number[]>();
  for (const row of index.db.prepare("SELECT DISTINCT name, file_id AS fileId FROM symbols WHERE length(name) >= 3 AND kind != 'constant' OR kind = 'constant' AND length(name) >= 4").all() as { name: string; fileId: number }[]) {
    const node = nodeOfId.get(row.fileId);
    if (node === undefined) continue;
    const list = definers.get(row.name);
    if (list) list.push(node);
    else definers.set(row.name, [node]);
  }
  const edges: SymbolGraph['edges'] = [];
  const via = new Map<number, Map<number, string>>();
  files.forEach((file, source) => {
    const weights = new Map<number, number>();
    const names = new Map<number, string>();
    for (const name of file.refs.split(' ')) {
      const targets = definers.get(name);
      if (!targets || targets.length > MAX_DEFINERS || targets.includes(source) || GENERIC_NAMES.has(name)) continue;
      for (const target of targets) {
        weights.set(target, (weights.get(target) ?? 0) + 1 / targets.length);
        if (!names.has(target)) names.set(target, name);
      }
    }
    let total = 0;
    for (const weight of weights.values()) total += weight;
    const target = new Int32Array(weights.size);
    const weight = new Float64Array(weights.size);
    let at = 0;
    for (const [node, value] of weights) {
      target[at] = node;
      weight[at++] = value / total;
    }
    edges.push({ target, weight });
    if (names.size > 0) via.set(source, names);
  });
  return { paths, nodeOf, edges, via };
}

/** Personalised PageRank: probability mass of a walk that restarts at the seeds. */
export function personalizedPageRank(graph: SymbolGraph, seeds: ReadonlyMap<number, number>, iterations = 12, restart = 0.25): Float64Array {
  const size = graph.paths.length;
  const personal = new Float64Array(size);
  let seedTotal = 0;
  for (const value of seeds.values()) seedTotal += value;
  if (seedTotal <= 0) return personal;
  for (const [node, value] of seeds) personal[node] = value / seedTotal;
  let rank = Float64Array.from(personal);
  for (let step = 0; step < iterations; step++) {
    const next = new Float64Array(size);
    let dangling = 0;
    for (let node = 0; node < size; node++) {
      const mass = rank[node]!;
      if (mass === 0) continue;
      const { target, weight } = graph.edges[node]!;
      if (target.length === 0) {
        dangling += mass;
        continue;
      }
      for (let edge = 0; edge < target.length; edge++) next[target[edge]!]! += (1 - restart) * mass * weight[edge]!;
    }
    const back = restart + (1 - restart) * dangling;
    for (let node = 0; node < size; node++) next[node]! += back * personal[node]!;
    rank = next;
  }
  return rank;
}
