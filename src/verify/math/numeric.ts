// Numeric spot-checks with mathjs: two expressions are equal when they agree at random points
// (complex values allowed), the cross-check that catches what symbolic simplification misses —
// mathjs's simplify() cannot even prove (x+1)^2 = x^2+2x+1. mathjs is loaded on first use only:
// plain numbers never pay its 1 s import.
import { createRequire } from 'node:module';
import type { MathNode } from 'mathjs';

type MathJs = typeof import('mathjs');
let mathjs: MathJs | undefined;
const requireModule = createRequire(import.meta.url);

export function math(): MathJs {
  mathjs ??= requireModule('mathjs') as MathJs;
  return mathjs;
}

interface Compiled {
  evaluate: (scope: Record<string, number>) => unknown;
  variables: string[];
}

const ALLOWED_FUNCTIONS = new Set(['sin', 'cos', 'tan', 'sec', 'csc', 'cot', 'asin', 'acos', 'atan', 'sinh', 'cosh', 'tanh', 'log', 'exp', 'sqrt', 'abs', 'nthRoot', 'combinations']);
const CONSTANTS = new Set(['pi', 'e', 'i', 'Infinity']);
const MAX_NODES = 5000;
const cache = new Map<string, Compiled | null>();
const CACHE_LIMIT = 4096;

/** Parsed, checked and compiled once per distinct expression (gold answers repeat in a batch). */
export function compile(expression: string): Compiled | undefined {
  const cached = cache.get(expression);
  if (cached !== undefined) return cached ?? undefined;
  const compiled = compileUncached(expression);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(expression, compiled ?? null);
  return compiled;
}

function compileUncached(expression: string): Compiled | undefined {
  if (expression.length > 20_000) return undefined;
  let node: MathNode;
  try {
    node = math().parse(expression);
  } catch {
    return undefined;
  }
  const variables = new Set<string>();
  let count = 0;
  let safe = true;
  node.traverse((child, _path, parent) => {
    count++;
    if (child.type === 'SymbolNode') {
      const name = (child as unknown as { name: string }).name;
      const isCallee = parent?.type === 'FunctionNode' && (parent as unknown as { fn: MathNode }).fn === child;
      if (isCallee) safe &&= ALLOWED_FUNCTIONS.has(name);
      else if (!CONSTANTS.has(name)) variables.add(name);
    }
    if (child.type === 'AssignmentNode' || child.type === 'FunctionAssignmentNode' || child.type === 'AccessorNode' || child.type === 'ObjectNode' || child.type === 'RangeNode') safe = false;
    // Loops inside mathjs grow with these arguments: combinations(10^8, 5·10^7) takes seconds.
    if (child.type === 'FunctionNode' && (child as unknown as { fn: { name?: string } }).fn.name === 'combinations') safe &&= smallConstants(child, 1000);
    if (child.type === 'OperatorNode' && (child as unknown as { fn: string }).fn === 'factorial') safe &&= smallConstants(child, 1e6);
  });
  if (!safe || count > MAX_NODES) return undefined;
  const code = node.compile();
  return { evaluate: (scope) => code.evaluate(scope), variables: [...variables] };
}

function smallConstants(node: MathNode, limit: number): boolean {
  let small = true;
  node.traverse((child) => {
    if (child.type === 'ConstantNode') small &&= Math.abs(Number((child as unknown as { value: unknown }).value)) <= limit;
  });
  return small;
}

/** A finite complex value, or undefined (NaN, infinite, a matrix, an error). */
export function evaluateAt(compiled: Compiled, scope: Record<string, number>): { re: number; im: number } | undefined {
  let value: unknown;
  try {
    value = compiled.evaluate(scope);
  } catch {
    return undefined;
  }
  if (typeof value === 'number') return Number.isFinite(value) ? { re: value, im: 0 } : undefined;
  if (typeof value === 'object' && value !== null && 're' in value && 'im' in value) {
    const { re, im } = value as { re: unknown; im: unknown };
    if (typeof re === 'number' && typeof im === 'number' && Number.isFinite(re) && Number.isFinite(im)) return { re, im };
  }
  return undefined;
}

export function closeEnough(a: { re: number; im: number }, b: { re: number; im: number }, tolerance: number): boolean {
  const difference = Math.hypot(a.re - b.re, a.im - b.im);
  const scale = Math.max(Math.hypot(a.re, a.im), Math.hypot(b.re, b.im));
  return difference <= tolerance * scale || difference <= 1e-12;
}

/** Deterministic sample points, so a verdict never flips between runs. */
export function samplePoints(variables: string[], count: number): Array<Record<string, number>> {
  let seed = 0x9e3779b9;
  const random = (): number => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return Array.from({ length: count }, () => Object.fromEntries(variables.map((name) => [name, 0.35 + 2.3 * random()])));
}

/**
 * Whether two expressions agree at random points: true, false, or undefined when they could not be
 * evaluated at enough points to tell. `ratio` checks f = k·g for a constant k ≠ 0 instead (equations).
 */
export function numericallyEqual(left: string, right: string, tolerance: number, mode: 'equal' | 'ratio' = 'equal'): boolean | undefined {
  const a = compile(left);
  const b = compile(right);
  if (!a || !b) return undefined;
  const variables = [...new Set([...a.variables, ...b.variables])].sort();
  let agreed = 0;
  let ratio: { re: number; im: number } | undefined;
  for (const point of samplePoints(variables, variables.length === 0 ? 1 : 8)) {
    const x = evaluateAt(a, point);
    const y = evaluateAt(b, point);
    if (!x || !y) {
      if (x || y) return false; // defined on one side only
      continue;
    }
    if (mode === 'equal') {
      if (!closeEnough(x, y, tolerance)) return false;
    } else {
      const zeroX = Math.hypot(x.re, x.im) <= 1e-12;
      const zeroY = Math.hypot(y.re, y.im) <= 1e-12;
      if (zeroX !== zeroY) return false;
      if (zeroX) continue;
      const denominator = y.re * y.re + y.im * y.im;
      const current = { re: (x.re * y.re + x.im * y.im) / denominator, im: (x.im * y.re - x.re * y.im) / denominator };
      if (ratio && !closeEnough(ratio, current, tolerance)) return false;
      ratio = current;
    }
    agreed++;
  }
  if (mode === 'ratio' && variables.length > 0 && agreed < 3) return undefined;
  return agreed > 0 ? true : undefined;
}

/** Symbolic fallback when numbers cannot tell: mathjs simplify(a − b) = 0, on small inputs only. */
export function symbolicallyEqual(left: string, right: string): boolean {
  if (left.length + right.length > 300) return false;
  try {
    return math().simplify(`(${left})-(${right})`).toString() === '0';
  } catch {
    return false;
  }
}
