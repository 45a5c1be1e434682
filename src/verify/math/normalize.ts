// Answer text → a canonical LaTeX-ish string: unicode symbols, math delimiters, spacing commands,
// \dfrac/\tfrac, \text{} wrappers, degrees, thousands separators and trailing units are normalized
// so the parser sees one spelling. Units and degrees are dropped, never converted.
import { matchBrace } from './braces.js';

const UNICODE: ReadonlyArray<[RegExp, string]> = [
  [/[\u2212\u2012\u2013\uFE63\uFF0D]/g, '-'],
  [/×/g, '\\times '],
  [/÷/g, '\\div '],
  [/[·⋅]/g, '\\cdot '],
  [/≤|⩽/g, '\\le '],
  [/≥|⩾/g, '\\ge '],
  [/≠/g, '\\ne '],
  [/π/g, '\\pi '],
  [/∞/g, '\\infty '],
  [/√/g, '\\sqrt'],
  [/±/g, '\\pm '],
  [/∪/g, '\\cup '],
  [/∈/g, '\\in '],
  [/°/g, '^\\circ'],
  [/[\u00a0\u2009\u202f\u2002\u2003]/g, ' '],
];

const WRAPPERS = /\\(?:text|textbf|textit|textrm|textnormal|mathrm|mathbf|mathit|mathsf|mathnormal|operatorname|mbox|hbox|emph)\s*\{/g;
const SPACING = /(?<!\\)(?:\\(?:left|right|big|Big|bigg|Bigg)[lr]?(?![a-zA-Z])|\\displaystyle|\\(?:[,;:!>]|\s)|\\q?quad(?![a-zA-Z])|~)/g;
const DEGREES = /\^\s*\{?\s*\\circ\s*\}?|\\circ(?![a-zA-Z])|\\degree(?![a-zA-Z])|\^\{\\text\{o\}\}/g;
/** Words that end a numeric answer but are math, not units. */
const MATH_WORDS = new Set(['pi', 'sin', 'cos', 'tan', 'cot', 'sec', 'csc', 'log', 'ln', 'exp', 'sqrt', 'or', 'and', 'i', 'e']);
const SHORT_UNITS = new Set(['m', 'g', 's', 'l', 'h', 'L', 'K', 'N', 'J', 'W', 'V', 'A']);
/** Units written against the number ("5cm"); other glued letters are variables ("3ab"). */
const GLUED_UNITS = new Set(['cm', 'mm', 'km', 'm', 'kg', 'g', 'mg', 'ml', 'mL', 'L', 's', 'min', 'h', 'hr', 'hrs', 'ft', 'in', 'mi', 'lb', 'lbs', 'oz', 'mph', 'kmh', 'cents', 'dollars', 'units', 'degrees', 'sq']);
export const MAX_ANSWER_CHARS = 20_000;

export function normalizeAnswer(raw: string): string {
  let text = raw.length > MAX_ANSWER_CHARS * 2 ? raw.slice(0, MAX_ANSWER_CHARS * 2) : raw;
  for (const [pattern, replacement] of UNICODE) text = text.replace(pattern, replacement);
  text = text
    .replace(/\\\$/g, ' ')
    .replace(/\$+|\\\(|\\\)|\\\[|\\\]/g, ' ')
    .replace(/\\[dtc]frac(?![a-zA-Z])/g, '\\frac')
    .replace(/\\[dt]binom(?![a-zA-Z])/g, '\\binom')
    .replace(/\{,\}/g, ',')
    .replace(/(\d)\\,(?=\d{3})/g, '$1')
    .replace(/\\left\./g, '')
    .replace(SPACING, ' ')
    .replace(DEGREES, ' ')
    .replace(/\\%|%/g, '%')
    .replace(/\\(?:dots|ldots|cdots)/g, '…');
  text = unwrapCommands(text);
  text = text.replace(/\s+/g, ' ').trim().replace(/^[.,;:]+|[.,;:]+$/g, '').trim();
  text = expandFracShorthand(text);
  text = text.replace(/(^|[^\d.^_}{a-zA-Z\\])(\d+)\s*\\frac\{(\d+)\}\{(\d+)\}/g, '$1($2+$3/$4)');
  text = text.replace(/^(-?)(\d+) (\d+)\/(\d+)$/, '$1($2+$3/$4)');
  return dropUnits(text);
}

/** \text{…}, \mathrm{…} and friends → their contents, keeping a space where words were apart. */
function unwrapCommands(text: string): string {
  let result = text;
  for (let guard = 0; guard < 50; guard++) {
    WRAPPERS.lastIndex = 0;
    const match = WRAPPERS.exec(result);
    if (!match) break;
    const open = match.index + match[0].length - 1;
    const close = matchBrace(result, open);
    if (close < 0) {
      result = result.slice(0, match.index) + result.slice(open + 1);
      continue;
    }
    result = `${result.slice(0, match.index)} ${result.slice(open + 1, close)} ${result.slice(close + 1)}`;
  }
  return result;
}

/** \frac12 → \frac{1}{2}, \frac1x → \frac{1}{x}, \frac{a}b → \frac{a}{b}: TeX's single-token arguments. */
function expandFracShorthand(text: string): string {
  if (!/\\(?:frac|binom|sqrt)\s*[^\s{[]/.test(text) && !/\\frac\s*\{[^{}]*\}\s*[^\s{]/.test(text)) return text;
  let result = '';
  let index = 0;
  while (index < text.length) {
    const match = /^\\(frac|binom|sqrt)(?![a-zA-Z])/.exec(text.slice(index, index + 7));
    if (!match) {
      result += text[index];
      index++;
      continue;
    }
    result += `\\${match[1]}`;
    index += match[0].length;
    const argumentCount = match[1] === 'sqrt' ? 1 : 2;
    for (let argument = 0; argument < argumentCount; argument++) {
      while (text[index] === ' ') index++;
      if (match[1] === 'sqrt' && text[index] === '[') {
        const close = text.indexOf(']', index);
        if (close < 0) break;
        result += text.slice(index, close + 1);
        index = close + 1;
      }
      if (text[index] === '{') {
        const close = matchBrace(text, index);
        if (close < 0) break;
        result += text.slice(index, close + 1);
        index = close + 1;
      } else if (text[index] === '\\') {
        const command = /^\\[a-zA-Z]+/.exec(text.slice(index, index + 20))?.[0] ?? '\\';
        result += `{${command}}`;
        index += command.length;
      } else if (index < text.length) {
        result += `{${text[index]}}`;
        index++;
      }
    }
  }
  return result;
}

/** "5 cm" → "5", "12 apples" → "12", "3 square units" → "3", "5cm" → "5": trailing unit words. */
function dropUnits(text: string): string {
  const tokens = text.split(' ');
  let keep = tokens.length;
  while (keep > 1 && isUnitToken(tokens[keep - 1]!)) keep--;
  let value = tokens.slice(0, keep).join(' ');
  const glued = /^(.*\d)([a-zA-Z]+)$/.exec(value);
  if (glued && GLUED_UNITS.has(glued[2]!)) value = glued[1]!;
  // Only a value with a number in it sheds units: "Monday" stays a word answer.
  return /\d/.test(value) && !/[=+\-*/^(,]\s*$/.test(value) ? value : text;
}

function isUnitToken(token: string): boolean {
  if (token === '/' || /^\^\{?-?\d\}?$/.test(token)) return true;
  const match = /^([a-zA-Z]+)\.?(?:\^\{?-?\d\}?)?(?:\/([a-zA-Z]+)(?:\^\{?\d\}?)?)?$/.exec(token);
  if (!match) return false;
  return [match[1]!, match[2]].every((word) => word === undefined || (!MATH_WORDS.has(word.toLowerCase()) && (word.length >= 2 || SHORT_UNITS.has(word))));
}
