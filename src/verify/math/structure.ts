// A normalized answer → its shape: a scalar expression, words, a list of alternatives, a bracketed
// sequence (set, tuple or interval), a relation (equation, inequality, membership), a union of
// intervals, or a matrix. Comparison (compare.ts) works on these shapes.
import { splitTopLevel, wrapsWhole } from './braces.js';
import { latexToMathjs } from './latex.js';
import { parseRepeatingDecimal, rationalToString } from './rational.js';

export type Shape =
  | { kind: 'expr'; source: string; mathjs: string | undefined }
  | { kind: 'text'; text: string }
  | { kind: 'alternatives'; items: Shape[] }
  | { kind: 'seq'; open: string; close: string; items: Shape[] }
  | { kind: 'relation'; parts: string[]; ops: RelationOp[] }
  | { kind: 'union'; items: Shape[] }
  | { kind: 'matrix'; rows: Shape[][] };

export type RelationOp = '=' | '<' | '>' | '<=' | '>=' | '!=' | 'in';

const MAX_ITEMS = 64;
const RELATION = /\\leq?slant(?![a-zA-Z])|\\geq?slant(?![a-zA-Z])|\\leq?(?![a-zA-Z])|\\geq?(?![a-zA-Z])|\\neq?(?![a-zA-Z])|\\lt(?![a-zA-Z])|\\gt(?![a-zA-Z])|\\in(?![a-zA-Z])|<=|>=|!=|=|<|>/y;
const KNOWN_WORDS = /^(?:sin|cos|tan|sec|csc|cot|arcsin|arccos|arctan|sinh|cosh|tanh|ln|log|exp|sqrt|abs|pi|frac|dfrac|binom|infty|cdot|times|div|left|right)$/i;

export function parseShape(text: string, depth = 0): Shape {
  const source = stripExtraParens(text.trim());
  if (depth > 8) return { kind: 'text', text: source };
  const matrix = parseMatrix(source, depth);
  if (matrix) return matrix;
  if (/^(?:\\emptyset|\\varnothing|\\\{\s*\\\}|\{\s*\}|∅)$/.test(source)) return { kind: 'seq', open: '{', close: '}', items: [] };
  if (/^(?:\\mathbb\s*\{?R\}?|all real numbers|\(-\\infty,\s*\\infty\))$/i.test(source)) return realLine();

  const unionParts = splitTopLevel(source, /\\cup(?![a-zA-Z])|\s+U\s+/y);
  if (unionParts.length > 1) return { kind: 'union', items: unionParts.slice(0, MAX_ITEMS).map((part) => parseShape(part, depth + 1)) };

  const alternatives = splitTopLevel(source, /\s+(?:or|and)\s+|\s*;\s*/y).flatMap((part) => splitTopLevel(part, ','));
  if (alternatives.length > 1 && !/^-?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(source)) {
    return { kind: 'alternatives', items: alternatives.slice(0, MAX_ITEMS).filter((part) => part.trim() !== '').map((part) => parseShape(part, depth + 1)) };
  }

  const bracketed = parseBracketed(source, depth);
  if (bracketed) return bracketed;

  const relation = parseRelation(source);
  if (relation) return relation;

  const plusMinus = expandPlusMinus(source);
  if (plusMinus) return { kind: 'alternatives', items: plusMinus.map((part) => parseShape(part, depth + 1)) };
  return scalar(source);
}

/** "(((5)))" → "(5)": redundant outer parentheses go in one linear pass, however deep. */
function stripExtraParens(source: string): string {
  let levels = 0;
  while (source[levels] === '(' && source[source.length - 1 - levels] === ')' && levels * 2 < source.length) levels++;
  if (levels < 2) return source;
  for (let strip = levels - 1; strip > 0; strip--) {
    const candidate = source.slice(strip, source.length - strip);
    if (wrapsWhole(candidate)) return candidate;
    if (strip < levels - 10) break; // odd shapes like "((1)+(2))": keep the rest as written
  }
  return source;
}

export function scalar(source: string): Shape {
  const compact = source.replace(/^-?\d{1,3}(?:[, ]\d{3})+(?:\.\d+)?$/, (number) => number.replace(/[, ]/g, ''));
  const repeating = parseRepeatingDecimal(compact.replace(/\s+/g, ''));
  if (repeating) return { kind: 'expr', source: compact, mathjs: `(${rationalToString(repeating)})` };
  const words = compact.match(/[a-zA-Z]{3,}/g) ?? [];
  const mathjs = latexToMathjs(compact);
  if (mathjs === undefined || words.some((word) => !KNOWN_WORDS.test(word) && !compact.includes(`\\${word}`))) {
    return { kind: 'text', text: compact.toLowerCase().replace(/[\s{}\\]+/g, '') };
  }
  return { kind: 'expr', source: compact, mathjs };
}

export function realLine(): Shape {
  return { kind: 'seq', open: '(', close: ')', items: [scalar('-\\infty'), scalar('\\infty')] };
}

function parseBracketed(source: string, depth: number): Shape | undefined {
  const setMatch = /^\\\{([\s\S]*)\\\}$/.exec(source);
  if (setMatch && wrapsWhole(source)) {
    const items = splitTopLevel(setMatch[1]!, ',').filter((part) => part.trim() !== '');
    return { kind: 'seq', open: '{', close: '}', items: items.slice(0, MAX_ITEMS).map((part) => parseShape(part, depth + 1)) };
  }
  const open = source[0];
  const close = source.at(-1);
  if ((open !== '(' && open !== '[') || (close !== ')' && close !== ']') || !wrapsWhole(source)) return undefined;
  const inner = source.slice(1, -1);
  const items = splitTopLevel(inner, ',');
  // "(5)" is just a parenthesised expression; "(1, 2)" a pair; "[1, 2)" an interval.
  if (items.length < 2) return open === '(' && close === ')' ? parseShape(inner, depth + 1) : undefined;
  return { kind: 'seq', open, close, items: items.slice(0, MAX_ITEMS).map((part) => parseShape(part, depth + 1)) };
}

function parseRelation(source: string): Shape | undefined {
  const parts: string[] = [];
  const ops: RelationOp[] = [];
  let depth = 0;
  let start = 0;
  for (let index = 0; index < source.length; index++) {
    const char = source[index]!;
    if (char === '(' || char === '[' || char === '{') depth++;
    else if (char === ')' || char === ']' || char === '}') depth--;
    if (depth !== 0) continue;
    RELATION.lastIndex = index;
    const match = RELATION.exec(source);
    if (!match) continue;
    parts.push(source.slice(start, index).trim());
    ops.push(relationOp(match[0]));
    start = index + match[0].length;
    index = start - 1;
  }
  if (ops.length === 0) return undefined;
  parts.push(source.slice(start).trim());
  if (parts.some((part) => part === '')) return undefined;
  return { kind: 'relation', parts, ops };
}

function relationOp(token: string): RelationOp {
  if (/^\\le|^<=/.test(token)) return '<=';
  if (/^\\ge|^>=/.test(token)) return '>=';
  if (/^\\ne|^!=/.test(token)) return '!=';
  if (token === '\\in') return 'in';
  if (token === '<' || token === '\\lt') return '<';
  if (token === '>' || token === '\\gt') return '>';
  return '=';
}

/** "3 \pm \sqrt 2" → ["3 + \sqrt 2", "3 - \sqrt 2"]; at most three ± signs. */
function expandPlusMinus(source: string): string[] | undefined {
  const count = (source.match(/\\(?:pm|mp)(?![a-zA-Z])/g) ?? []).length;
  if (count === 0 || count > 3) return undefined;
  let variants = [source];
  for (let round = 0; round < count; round++) {
    variants = variants.flatMap((variant) => {
      const match = /\\(pm|mp)(?![a-zA-Z])/.exec(variant)!;
      const [first, second] = match[1] === 'pm' ? ['+', '-'] : ['-', '+'];
      const before = variant.slice(0, match.index);
      const after = variant.slice(match.index + match[0].length);
      return [`${before}${first}${after}`, `${before}${second}${after}`];
    });
  }
  return variants;
}

function parseMatrix(source: string, depth: number): Shape | undefined {
  const match = /^\\begin\{([pbBvV]?matrix|array)\}(?:\{[^}]*\})?([\s\S]*)\\end\{\1\}$/.exec(source);
  if (!match) return undefined;
  const rows = match[2]!.split(/\\\\/).map((row) => row.trim()).filter((row) => row !== '');
  if (rows.length * 20 > 400) return { kind: 'text', text: source };
  return { kind: 'matrix', rows: rows.map((row) => row.split('&').map((cell) => parseShape(cell, depth + 1))) };
}
