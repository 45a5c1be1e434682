// Equivalence of two answer shapes (gold first): numbers exactly or within 1e-6 relative when a
// decimal is involved, expressions by numeric spot-checks, sets unordered, tuples ordered,
// intervals by ends and brackets (and as the inequalities they describe), equations up to a
// constant factor, matrices by shape and entries.
import { evaluateExact } from './exact.js';
import { math, numericallyEqual, symbolicallyEqual } from './numeric.js';
import { equals, rational, withinRelative } from './rational.js';
import { parseShape, realLine, type RelationOp, type Shape } from './structure.js';

const DECIMAL_TOLERANCE = rational(1n, 1_000_000n);
const LONE_SYMBOL = /^(?:[a-zA-Z]|\\[a-zA-Z]+)(?:_\{?\w+\}?)?(?:\([a-z]\))?$/;

export function shapesEqual(gold: Shape, prediction: Shape): boolean {
  gold = unwrapSingleton(gold);
  prediction = unwrapSingleton(prediction);
  if (isEquation(gold) && isEquation(prediction)) return equationsEqual(gold, prediction);
  if (!hasEquation(gold)) prediction = unwrapAssignments(prediction);
  if (!hasEquation(prediction)) gold = unwrapAssignments(gold);
  gold = unwrapSingleton(gold);
  prediction = unwrapSingleton(prediction);

  if (isIntervalLike(gold) || isIntervalLike(prediction)) {
    const goldIntervals = toIntervals(gold);
    const predictedIntervals = toIntervals(prediction);
    if (goldIntervals && predictedIntervals) return unorderedEqual(goldIntervals, predictedIntervals);
  }
  if (gold.kind === 'matrix' || prediction.kind === 'matrix') {
    const a = toRows(gold);
    const b = toRows(prediction);
    return !!a && !!b && a.length === b.length && a.every((row, index) => orderedEqual(row, b[index]!));
  }
  if (gold.kind === 'expr' && prediction.kind === 'expr') return scalarsEqual(gold, prediction);
  if ((gold.kind === 'text' || gold.kind === 'expr') && (prediction.kind === 'text' || prediction.kind === 'expr')) return textOf(gold) === textOf(prediction);
  if (gold.kind === 'seq' && prediction.kind === 'seq') {
    if (gold.open === '{' || prediction.open === '{') return unorderedEqual(gold.items, prediction.items);
    // Two items in brackets may be an interval: the brackets must agree. Longer tuples: any brackets.
    if (gold.items.length === 2 && (gold.open !== prediction.open || gold.close !== prediction.close)) return false;
    return orderedEqual(gold.items, prediction.items);
  }
  if (gold.kind === 'alternatives' && (prediction.kind === 'alternatives' || (prediction.kind === 'seq' && prediction.open === '{'))) return unorderedEqual(gold.items, prediction.items);
  if (gold.kind === 'seq' && gold.open === '{' && prediction.kind === 'alternatives') return unorderedEqual(gold.items, prediction.items);
  // A tuple answered without brackets ("3, 4" for "(3, 4)"): in order; closed interval ends must be written.
  if (gold.kind === 'seq' && prediction.kind === 'alternatives') return gold.open === '(' && gold.close === ')' && orderedEqual(gold.items, prediction.items);
  if (gold.kind === 'alternatives' && prediction.kind === 'seq') return prediction.open === '(' && prediction.close === ')' && unorderedEqual(gold.items, prediction.items);
  if (gold.kind === 'relation' && prediction.kind === 'relation') return gold.ops.join() === prediction.ops.join() && gold.parts.every((part, index) => shapesEqual(parseShape(part), parseShape(prediction.parts[index]!)));
  return false;
}

export function scalarsEqual(gold: Extract<Shape, { kind: 'expr' }>, prediction: Extract<Shape, { kind: 'expr' }>): boolean {
  if (gold.source.replace(/\s+/g, '') === prediction.source.replace(/\s+/g, '')) return true;
  if (gold.mathjs === undefined || prediction.mathjs === undefined) return false;
  if (gold.mathjs === prediction.mathjs) return true;
  const exactGold = evaluateExact(gold.mathjs);
  const exactPrediction = evaluateExact(prediction.mathjs);
  if (exactGold.kind === 'exact' && exactPrediction.kind === 'exact') {
    if (!exactGold.decimal && !exactPrediction.decimal) return equals(exactGold.value, exactPrediction.value);
    if (exactGold.value.num === 0n) return exactPrediction.value.num === 0n;
    return withinRelative(exactPrediction.value, exactGold.value, DECIMAL_TOLERANCE);
  }
  // Too big to compute (towers of powers, huge factorials): equal only when written the same way.
  if (exactGold.kind === 'too-big' || exactPrediction.kind === 'too-big') return sameTree(gold.mathjs, prediction.mathjs);
  const tolerance = /\d\.\d/.test(gold.mathjs + prediction.mathjs) ? 1e-6 : 1e-9;
  const numeric = numericallyEqual(gold.mathjs, prediction.mathjs, tolerance);
  if (numeric !== undefined) return numeric;
  return sameTree(gold.mathjs, prediction.mathjs) || symbolicallyEqual(gold.mathjs, prediction.mathjs);
}

function sameTree(a: string, b: string): boolean {
  try {
    // Number literals are compared as written too: mathjs prints 10^21 and 10^21 + 1 alike.
    const literals = (text: string): string => (text.match(/\d+(?:\.\d+)?/g) ?? []).join(',');
    const print = (text: string): string => math().parse(text).toString({ parenthesis: 'auto' });
    return literals(a) === literals(b) && print(a) === print(b);
  } catch {
    return false;
  }
}

function textOf(shape: Shape): string {
  const text = shape.kind === 'text' ? shape.text : shape.kind === 'expr' ? shape.source : '';
  return text.toLowerCase().replace(/[\s{}\\.]+/g, '');
}

function unwrapSingleton(shape: Shape): Shape {
  if ((shape.kind === 'alternatives' || (shape.kind === 'seq' && shape.open === '{')) && shape.items.length === 1) return unwrapSingleton(shape.items[0]!);
  if (shape.kind === 'relation' && shape.ops.length === 1 && shape.ops[0] === 'in' && LONE_SYMBOL.test(shape.parts[0]!)) return parseShape(shape.parts[1]!);
  return shape;
}

function isEquation(shape: Shape): shape is Extract<Shape, { kind: 'relation' }> {
  return shape.kind === 'relation' && shape.ops.length === 1 && shape.ops[0] === '=';
}

function hasEquation(shape: Shape): boolean {
  return isEquation(shape) || ((shape.kind === 'alternatives' || shape.kind === 'seq') && shape.items.some(isEquation));
}

/** "x = 5" → 5, "x = 1 or x = 2" → 1, 2: the values assigned to a lone symbol. */
function unwrapAssignments(shape: Shape): Shape {
  if (isEquation(shape) && LONE_SYMBOL.test(shape.parts[0]!)) return parseShape(shape.parts[1]!);
  if (isEquation(shape) && LONE_SYMBOL.test(shape.parts[1]!)) return parseShape(shape.parts[0]!);
  if (shape.kind === 'alternatives' || shape.kind === 'seq') return { ...shape, items: shape.items.map(unwrapAssignments) };
  return shape;
}

/** Equations are equal when lhs − rhs of one is a non-zero constant multiple of the other's. */
function equationsEqual(gold: Extract<Shape, { kind: 'relation' }>, prediction: Extract<Shape, { kind: 'relation' }>): boolean {
  const difference = (shape: Extract<Shape, { kind: 'relation' }>): string | undefined => {
    const [left, right] = shape.parts.map((part) => parseShape(part));
    return left?.kind === 'expr' && right?.kind === 'expr' && left.mathjs && right.mathjs ? `(${left.mathjs})-(${right.mathjs})` : undefined;
  };
  const a = difference(gold);
  const b = difference(prediction);
  if (a && b && numericallyEqual(a, b, 1e-9, 'ratio')) return true;
  // Same lone symbol on the left (or identical sides): compare the right-hand sides.
  return gold.parts[0]!.replace(/\s+/g, '') === prediction.parts[0]!.replace(/\s+/g, '') && shapesEqual(parseShape(gold.parts[1]!), parseShape(prediction.parts[1]!));
}

function unorderedEqual(gold: Shape[], prediction: Shape[]): boolean {
  if (gold.length !== prediction.length) return false;
  const unused = [...prediction];
  for (const item of gold) {
    const match = unused.findIndex((candidate) => shapesEqual(item, candidate));
    if (match < 0) return false;
    unused.splice(match, 1);
  }
  return true;
}

function orderedEqual(gold: Shape[], prediction: Shape[]): boolean {
  return gold.length === prediction.length && gold.every((item, index) => shapesEqual(item, prediction[index]!));
}

const INEQUALITY = new Set<RelationOp>(['<', '>', '<=', '>=']);

function isIntervalLike(shape: Shape): boolean {
  if (shape.kind === 'union') return true;
  if (shape.kind === 'relation') return shape.ops.every((op) => INEQUALITY.has(op));
  return shape.kind === 'alternatives' && shape.items.some(isIntervalLike);
}

/** An answer as a list of intervals (seq shapes with two ends), or undefined when it is not one. */
function toIntervals(shape: Shape): Shape[] | undefined {
  if (shape.kind === 'seq' && shape.items.length === 2 && shape.open !== '{') return [shape];
  if (shape.kind === 'union' || shape.kind === 'alternatives') {
    const parts = shape.items.map(toIntervals);
    return parts.every((part) => part !== undefined) ? parts.flat() as Shape[] : undefined;
  }
  if (shape.kind !== 'relation' || !shape.ops.every((op) => INEQUALITY.has(op))) return undefined;
  const { parts, ops } = shape;
  const infinity = { negative: '-\\infty', positive: '\\infty' };
  const bound = (value: string, closed: boolean, side: 'low' | 'high'): { value: string; closed: boolean; side: string } => ({ value, closed, side });
  if (parts.length === 2) {
    // x > 3, 3 < x, x ≤ 1 …: put the variable on the left.
    let [left, right] = parts as [string, string];
    let op = ops[0]!;
    if (!LONE_SYMBOL.test(left) && LONE_SYMBOL.test(right)) [left, right, op] = [right, left, flip(op)];
    if (!LONE_SYMBOL.test(left)) return undefined;
    const closed = op.endsWith('=');
    const low = op.startsWith('>') ? bound(right, closed, 'low') : bound(infinity.negative, false, 'low');
    const high = op.startsWith('<') ? bound(right, closed, 'high') : bound(infinity.positive, false, 'high');
    return [interval(low.value, low.closed, high.value, high.closed)];
  }
  if (parts.length === 3 && LONE_SYMBOL.test(parts[1]!)) {
    const ascending = ops.every((op) => op.startsWith('<'));
    const descending = ops.every((op) => op.startsWith('>'));
    if (!ascending && !descending) return undefined;
    const [first, , last] = parts as [string, string, string];
    return ascending
      ? [interval(first, ops[0]!.endsWith('='), last, ops[1]!.endsWith('='))]
      : [interval(last, ops[1]!.endsWith('='), first, ops[0]!.endsWith('='))];
  }
  return undefined;
}

function flip(op: RelationOp): RelationOp {
  return ({ '<': '>', '>': '<', '<=': '>=', '>=': '<=' } as Record<string, RelationOp>)[op] ?? op;
}

function interval(low: string, lowClosed: boolean, high: string, highClosed: boolean): Shape {
  if (low === '-\\infty' && high === '\\infty') return realLine();
  return { kind: 'seq', open: lowClosed ? '[' : '(', close: highClosed ? ']' : ')', items: [parseShape(low), parseShape(high)] };
}

/** A matrix, a list of equal-length tuples, or a vector (as a column), as rows of entries. */
function toRows(shape: Shape): Shape[][] | undefined {
  if (shape.kind === 'matrix') return shape.rows;
  if (shape.kind !== 'seq' && shape.kind !== 'alternatives') return undefined;
  if (shape.items.every((item) => item.kind === 'seq')) return shape.items.map((item) => (item as Extract<Shape, { kind: 'seq' }>).items);
  return shape.items.map((item) => [item]);
}
