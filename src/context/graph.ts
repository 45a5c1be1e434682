// The symbol graph over files (an edge from A to B when A uses a name B defines) and personalised
// PageRank over it, as Aider's repo map does: seeds are the files the query points at. The graph is
// kept as compact typed arrays (CSR) so that building it and walking it stay cheap on large trees.
import type { ContextIndex } from './context-index.js';

export interface SymbolGraph {
  paths: string[];
  nodeOf: Map<string, number>;
  /** Outgoing edges of node n: targets[offsets[n] .. offsets[n + 1]), weights summing to 1 per node. */
  offsets: Int32Array;
  targets: Int32Array;
  weights: Float64Array;
  /** A name that `from` uses and `to` defines, when there is an edge (for reasons: "uses `Router`"). */
  via(from: number, to: number): string | undefined;
}

/** Names too generic to say that one file uses another. */
const GENERIC_NAMES = new Set(['default', 'constructor', 'toString', 'valueOf', 'init', 'new', 'get', 'set', 'call', 'apply', 'then', 'main', 'run', 'test', 'setup', 'name', 'value', 'self', 'this', 'args', 'options', 'config', 'data', 'len', 'String', 'Error', 'error']);

/** Names defined in more files than this are too common to link anything. */
const MAX_DEFINERS = 12;

export function symbolGraph(index: ContextIndex): SymbolGraph {
  // One read transaction: the files, their symbols and their references must agree.
  return index.cached('symbol-graph', () => index.db.transaction(() => buildGraph(index)).deferred());
}

function buildGraph(index: ContextIndex): SymbolGraph {
  const files = index.db.prepare('SELECT id, path FROM files ORDER BY id').raw().all() as [number, string][];
  const paths = files.map((file) => file[1]);
  const size = paths.length;
  const nodeOf = new Map(paths.map((file, node) => [file, node]));
  const nodeOfId = new Map(files.map((file, node) => [file[0], node]));
  const definers = new Map<string, number[]>();
  // In rowid order a file's symbols are contiguous (written together), so a name's list holds each
  // file once when only the last entry is compared (cheaper than DISTINCT in SQL).
  for (const [name, fileId] of index.db
    .prepare("SELECT name, file_id FROM symbols WHERE length(name) >= 3 AND kind != 'constant' OR kind = 'constant' AND length(name) >= 4")
    .raw()
    .all() as [string, number][]) {
    const node = nodeOfId.get(fileId);
    if (node === undefined) continue;
    const list = definers.get(name);
    if (!list) definers.set(name, [node]);
    else if (list[list.length - 1] !== node) list.push(node);
  }
  // Names that can link files: defined somewhere, by few enough files, and not generic.
  const linking = new Map<string, number[]>();
  for (const [name, list] of definers) if (list.length <= MAX_DEFINERS && !GENERIC_NAMES.has(name)) linking.set(name, list);

  const offsets = new Int32Array(size + 1);
  let targets = new Int32Array(Math.max(1024, size * 8));
  let weights = new Float64Array(targets.length);
  const scratch = new Float64Array(size);
  const seen: number[] = [];
  let edgeCount = 0;
  const refsOf = index.db.prepare('SELECT id, refs FROM files ORDER BY id').raw();
  // Rows come in node order (both queries sort by id).
  let source = 0;
  for (const [, refs] of refsOf.iterate() as IterableIterator<[number, string]>) {
    for (const name of refs.split(' ')) {
      const list = linking.get(name);
      if (!list || list.includes(source)) continue;
      const share = 1 / list.length;
      for (const target of list) {
        if (scratch[target] === 0) seen.push(target);
        scratch[target]! += share;
      }
    }
    let total = 0;
    for (const target of seen) total += scratch[target]!;
    if (edgeCount + seen.length > targets.length) {
      const grown = Math.max(targets.length * 2, edgeCount + seen.length);
      const nextTargets = new Int32Array(grown);
      nextTargets.set(targets);
      targets = nextTargets;
      const nextWeights = new Float64Array(grown);
      nextWeights.set(weights);
      weights = nextWeights;
    }
    for (const target of seen) {
      targets[edgeCount] = target;
      weights[edgeCount++] = scratch[target]! / total;
      scratch[target] = 0;
    }
    seen.length = 0;
    offsets[++source] = edgeCount;
  }
  const refsStatement = index.db.prepare('SELECT refs FROM files WHERE path = ?').pluck();
  return {
    paths,
    nodeOf,
    offsets,
    targets: targets.subarray(0, edgeCount),
    weights: weights.subarray(0, edgeCount),
    via(from, to) {
      let linked = false;
      for (let edge = offsets[from]!; edge < offsets[from + 1]!; edge++) if (targets[edge] === to) linked = true;
      if (!linked) return undefined;
      const refs = refsStatement.get(paths[from]) as string | undefined;
      for (const name of refs?.split(' ') ?? []) {
        const list = linking.get(name);
        if (list && !list.includes(from) && list.includes(to)) return name;
      }
      return undefined;
    },
  };
}

/** Personalised PageRank: probability mass of a walk that restarts at the seeds. */
export function personalizedPageRank(graph: SymbolGraph, seeds: ReadonlyMap<number, number>, iterations = 12, restart = 0.25): Float64Array {
  const size = graph.paths.length;
  const personal = new Float64Array(size);
  let seedTotal = 0;
  for (const value of seeds.values()) seedTotal += value;
  if (seedTotal <= 0) return personal;
  for (const [node, value] of seeds) personal[node] = value / seedTotal;
  const { offsets, targets, weights } = graph;
  let rank = Float64Array.from(personal);
  let next = new Float64Array(size);
  for (let step = 0; step < iterations; step++) {
    next.fill(0);
    let dangling = 0;
    for (let node = 0; node < size; node++) {
      const mass = rank[node]!;
      if (mass === 0) continue;
      const start = offsets[node]!;
      const end = offsets[node + 1]!;
      if (start === end) {
        dangling += mass;
        continue;
      }
      const flow = (1 - restart) * mass;
      for (let edge = start; edge < end; edge++) next[targets[edge]!]! += flow * weights[edge]!;
    }
    const back = restart + (1 - restart) * dangling;
    for (let node = 0; node < size; node++) next[node]! += back * personal[node]!;
    [rank, next] = [next, rank];
  }
  return rank;
}
