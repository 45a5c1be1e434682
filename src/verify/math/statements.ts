// Explicit answer statements: "the answer is …", "Final answer: …", "#### …", "<answer>…</answer>".
// The last one in the text is found in one linear scan; its answer span ends with the sentence.
import { matchBrace } from './braces.js';

export interface Statement {
  start: number;
  end: number;
  content: string;
  label: string;
  /** <answer> tags hold a whole small response (maybe a box) rather than a bare answer. */
  nested: boolean;
}

const STATEMENT_PATTERN = /<answer>|####|\banswer\b/gi;
const CLOSE_ANSWER = /<\/answer>/gi;
const AFTER_ANSWER = /(?:\s*\*\*|\s*\})?\s*(?:is\b|[:=])\s*(?:\*\*)?\s*:?/y;
/** "the answer is correct" judges an answer rather than stating one. */
const NOT_AN_ANSWER = /^(?:correct|incorrect|right|wrong|not\b|that\b|because|as\b|to\b|in\b|unique|clear|consistent|valid|reasonable|indeed|therefore|so\b|then\b|the same|same|below|above|as follows)/i;
const FILLER = /^(?:(?:probably|approximately|about|exactly|simply|just|roughly|equal to|given by|that)\s+)+/i;

export function lastStatement(text: string): Statement | undefined {
  let found: Statement | undefined;
  for (const match of text.matchAll(STATEMENT_PATTERN)) {
    const index = match.index;
    const word = match[0].toLowerCase();
    if (word === '<answer>') {
      CLOSE_ANSWER.lastIndex = index;
      const close = CLOSE_ANSWER.exec(text)?.index ?? -1;
      if (close < 0) continue;
      found = { start: index, end: close + 9, content: text.slice(index + 8, close), label: '<answer>', nested: true };
      continue;
    }
    if (word === '####') {
      const lineEnd = endOfLine(text, index + 4);
      const content = tidy(text.slice(index + 4, lineEnd));
      if (content) found = { start: index, end: lineEnd, content, label: '####', nested: false };
      continue;
    }
    AFTER_ANSWER.lastIndex = index + match[0].length;
    const follow = AFTER_ANSWER.exec(text);
    if (!follow) continue;
    const span = readAnswerSpan(text, AFTER_ANSWER.lastIndex);
    if (!span || NOT_AN_ANSWER.test(span.content)) continue;
    const prefix = /(?:(?:the|my)\s+)?(?:final\s+)?$/i.exec(text.slice(Math.max(0, index - 16), index))?.[0] ?? '';
    const label = `${prefix}${match[0]}${follow[0]}`.replace(/[\s*}]+/g, ' ').trim().toLowerCase();
    found = { start: index - prefix.length, end: span.end, content: span.content, label, nested: false };
  }
  return found;
}

/** The answer written at `position`: a math span, a box, or the rest of the sentence. */
export function readAnswerSpan(text: string, position: number): { content: string; end: number } | undefined {
  const skipped = /^[\s*_:]*/.exec(text.slice(position, position + 100))?.[0].length ?? 0;
  const start = position + skipped;
  const delimited = readDelimited(text, start);
  if (delimited) return { content: tidy(delimited.content), end: delimited.end };
  const lineEnd = endOfLine(text, start);
  const line = text.slice(start, lineEnd);
  // The sentence ends at ". " (not a decimal point), "; ", "!" or "?"; $…$ spans are kept whole.
  let cut = line.length;
  let inMath = false;
  for (let index = 0; index < line.length; index++) {
    const char = line[index];
    if (char === '$' && line[index - 1] !== '\\') inMath = !inMath;
    if (inMath) continue;
    if ((char === '.' && /\s/.test(line[index + 1] ?? ' ')) || char === ';' || char === '!' || char === '?') {
      cut = index;
      break;
    }
  }
  const content = tidy(line.slice(0, cut));
  return content ? { content, end: start + cut } : undefined;
}

function readDelimited(text: string, start: number): { content: string; end: number } | undefined {
  const pairs: Array<[string, string]> = [['$$', '$$'], ['\\[', '\\]'], ['\\(', '\\)'], ['$', '$']];
  for (const [open, close] of pairs) {
    if (!text.startsWith(open, start)) continue;
    const end = text.indexOf(close, start + open.length);
    if (end < 0) return undefined;
    // Only when the span is the whole answer: "$x$ = 5" is read as a sentence.
    const after = text.slice(end + close.length, end + close.length + 3);
    if (/^\s*[=+\-*/^]/.test(after)) return undefined;
    return { content: text.slice(start + open.length, end), end: end + close.length };
  }
  if (/^\\boxed\s*\{/.test(text.slice(start, start + 12))) {
    const open = text.indexOf('{', start);
    const close = matchBrace(text, open);
    if (close > 0) return { content: text.slice(open + 1, close), end: close + 1 };
  }
  return undefined;
}

function endOfLine(text: string, from: number): number {
  const newline = text.indexOf('\n', from);
  return Math.min(newline < 0 ? text.length : newline, from + 20_000);
}

function tidy(content: string): string {
  return content.trim().replace(/^[*_\s]+|[\s.,;:!*_]+$/g, '').replace(FILLER, '').trim();
}
