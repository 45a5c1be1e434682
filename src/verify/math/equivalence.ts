// isEquivalent: one answer against a reference, per the math equivalence policy. Cheap paths
// first (identical text, plain integers and fractions, choice letters), the CAS only when needed.
import { matchBrace } from './braces.js';
import { shapesEqual } from './compare.js';
import { MAX_ANSWER_CHARS, normalizeAnswer } from './normalize.js';
import { equals, parseDecimalLiteral, rational, type Rational } from './rational.js';
import { parseShape, type Shape } from './structure.js';

const goldShapes = new Map<string, Shape>();
const GOLD_CACHE_LIMIT = 2048;

export function isEquivalent(prediction: string, gold: string): boolean {
  const predicted = normalizeAnswer(unbox(prediction));
  const reference = normalizeAnswer(unbox(gold));
  if (predicted === '' || reference === '') return false;
  if (predicted === reference) return true;
  const fast = plainNumber(predicted);
  const fastGold = plainNumber(reference);
  if (fast && fastGold) return equals(fast, fastGold);
  const goldLetter = choiceLetter(reference, true);
  if (goldLetter) return choiceLetter(predicted, false) === goldLetter;
  if (predicted.length > MAX_ANSWER_CHARS || reference.length > MAX_ANSWER_CHARS) return false;
  try {
    return percentVariants(predicted, reference).some(([candidate, goldText]) => shapesEqual(goldShape(goldText), parseShape(candidate)));
  } catch {
    // A parser or CAS failure on odd input is a wrong answer, never a crashed reward server.
    return false;
  }
}

/** A gold answer in a \boxed{} (as MATH solutions are written) is judged by its box. */
function unbox(text: string): string {
  const start = text.lastIndexOf('\\boxed');
  if (start < 0) return text;
  const open = text.indexOf('{', start);
  const close = open < 0 ? -1 : matchBrace(text, open);
  return close < 0 ? text : text.slice(open + 1, close);
}

function goldShape(text: string): Shape {
  let shape = goldShapes.get(text);
  if (!shape) {
    shape = parseShape(text);
    if (goldShapes.size >= GOLD_CACHE_LIMIT) goldShapes.delete(goldShapes.keys().next().value!);
    goldShapes.set(text, shape);
  }
  return shape;
}

/** Integers and simple fractions ("-12", "3/4", "\frac{3}{4}") without any parsing machinery. */
function plainNumber(text: string): Rational | undefined {
  const fraction = /^(-?)(?:\\frac\{(\d{1,30})\}\{(\d{1,30})\}|(\d{1,30})\/(\d{1,30}))$/.exec(text);
  if (fraction) {
    const den = BigInt(fraction[3] ?? fraction[5]!);
    if (den === 0n) return undefined;
    const num = BigInt(fraction[2] ?? fraction[4]!);
    return rational(fraction[1] ? -num : num, den);
  }
  if (!/^-?\d{1,300}$/.test(text)) return undefined;
  return parseDecimalLiteral(text)?.value;
}

/** "B", "(B)", "B)", "B.", "option B", "(B) 42", "\textbf{(B)}": the letter of a multiple-choice answer. */
function choiceLetter(text: string, strict: boolean): string | undefined {
  const bare = text.replace(/[{}*]/g, '').trim();
  if (strict) return /^\(?([A-J])\)?\.?$/.exec(bare)?.[1];
  return (/^(?:(?:the\s+)?(?:option|choice|answer)\s*:?\s*)?\(?([A-Ja-j])(?:\)|\.|:|$|\s)/i.exec(bare)?.[1] ?? '').toUpperCase() || undefined;
}

/**
 * Percent is a unit when the reference has "%": both sides lose it. Without "%" in the reference a
 * predicted "25%" may mean the number 25 (the question asked for a percentage) or 0.25.
 */
function percentVariants(prediction: string, gold: string): Array<[string, string]> {
  const strip = (text: string): string => text.replace(/\s*%$/, '').trim();
  if (gold.endsWith('%')) return [[strip(prediction), strip(gold)]];
  if (!prediction.endsWith('%')) return [[prediction, gold]];
  return [[strip(prediction), gold], [`(${strip(prediction)})/100`, gold]];
}
