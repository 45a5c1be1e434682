// The final answer of a model response, per the math equivalence policy: the last brace-matched
// \boxed{} / \fbox{}, unless an explicit answer statement comes after it; else the last math
// expression of the final sentence. <think> blocks are superseded; an empty or unterminated final
// box and hedging between candidates give no answer. Everything here is linear in the input.
import { matchBrace } from './braces.js';
import { lastStatement, readAnswerSpan } from './statements.js';
import { finalSentenceAnswer } from './sentence.js';

export interface Extraction {
  /** The answer text, or undefined when the response commits to none. */
  answer: string | undefined;
  /** Where the answer came from, or why there is none. */
  reason: string;
}

interface Box {
  start: number;
  /** Index just past the closing brace; the text length when unterminated. */
  end: number;
  content: string | undefined;
}

const HEDGE_WORDS = /\b(?:either|maybe|perhaps|possibly|probably|might|not sure|unsure|or so)\b/i;
const TAIL_HEDGE = /^[^\n]{0,40}?\b(?:or\s+(?:maybe|perhaps|possibly|probably)|or\s+it\s+(?:could|might)\s+be|maybe|perhaps|possibly)\b[^\n]{0,40}?\d/i;
const BOX_JOIN_GAP = /^[\s$.,;]*(?:,|\band\b|\bor\b|\\text\{\s*(?:and|or)\s*\}|\\(?:q?quad))?[\s$,]*$/i;

export function extractAnswer(response: string): Extraction {
  const text = dropThinking(response);
  if (text === undefined) return { answer: undefined, reason: 'the response ends inside a <think> block' };

  const box = lastBox(text);
  const statement = lastStatement(text);
  if (statement && (!box || statement.start >= box.end)) {
    return finish(text, statement.content, statement.end, `answer statement "${statement.label}"`);
  }
  if (box) {
    if (box.content === undefined) return { answer: undefined, reason: 'the final \\boxed{} is never closed' };
    if (box.content.trim() === '') return { answer: undefined, reason: 'the final \\boxed{} is empty' };
    const joined = joinAdjacentBoxes(text, box);
    return finish(text, joined, box.end, joined === box.content ? 'last \\boxed{}' : 'last \\boxed{} answers, listed');
  }
  const sentence = finalSentenceAnswer(text);
  if (sentence.answer === undefined) return { answer: undefined, reason: sentence.reason };
  return finish(text, sentence.answer, text.length, sentence.reason);
}

/** Hedging checks shared by every source of an answer. */
function finish(text: string, answer: string, end: number, reason: string): Extraction {
  const trimmed = answer.trim();
  if (trimmed === '') return { answer: undefined, reason: `${reason}: empty` };
  const candidates = trimmed.split(/\bor\b|,|\\text\{\s*or\s*\}/).filter((part) => /\d|[a-z]/i.test(part)).length;
  if (candidates >= 2 && HEDGE_WORDS.test(trimmed)) return { answer: undefined, reason: `hedging between candidates: ${trimmed.slice(0, 80)}` };
  if (TAIL_HEDGE.test(text.slice(end, end + 200))) return { answer: undefined, reason: `hedging between candidates after the answer: ${text.slice(end, end + 60).trim()}` };
  return { answer: trimmed, reason };
}

/** Text after the last </think>; undefined when a <think> block is never closed. */
function dropThinking(response: string): string | undefined {
  const closes = [...response.matchAll(/<\/think(?:ing)?>/gi)];
  const lastClose = closes.at(-1);
  if (lastClose) return response.slice(lastClose.index + lastClose[0].length);
  const open = /<think(?:ing)?>/i.exec(response);
  return open ? undefined : response;
}

const BOX_PATTERN = /\\(?:boxed|fbox)\s*\{|\\boxed\s+(?=[^\s{])/g;

/** The last \boxed{…} / \fbox{…} (or `\boxed 5`); only the last is brace-matched, keeping this linear. */
function lastBox(text: string): Box | undefined {
  let last: RegExpExecArray | undefined;
  for (const match of text.matchAll(BOX_PATTERN)) last = match;
  if (!last) return undefined;
  return boxAt(text, last);
}

function boxAt(text: string, match: RegExpExecArray | RegExpMatchArray): Box {
  const start = match.index ?? 0;
  const open = start + match[0].length - 1;
  if (text[open] !== '{') {
    // `\boxed 5`: the next run of non-space characters, like TeX's single-token argument.
    const token = /^[^\s$]+/.exec(text.slice(open + 1, open + 200))?.[0] ?? '';
    return { start, end: open + 1 + token.length, content: token.replace(/[.,;]+$/, '') };
  }
  const close = matchBrace(text, open);
  if (close < 0) return { start, end: text.length, content: undefined };
  return { start, end: close + 1, content: text.slice(open + 1, close) };
}

/** "\boxed{2} and \boxed{3}" answers a multi-valued question: list the boxes (at most 20). */
function joinAdjacentBoxes(text: string, box: Box): string {
  const parts = [box.content ?? ''];
  let connector = ', ';
  let current = box;
  for (let count = 0; count < 20; count++) {
    const before = text.lastIndexOf('\\boxed', current.start - 1);
    if (before < 0) break;
    const match = /^\\boxed\s*\{/.exec(text.slice(before, before + 20));
    if (!match) break;
    match.index = before;
    const previous = boxAt(text, match);
    if (previous.content === undefined || previous.end > current.start) break;
    const gap = text.slice(previous.end, current.start);
    if (gap.length > 40 || !BOX_JOIN_GAP.test(gap) || !/,|\band\b|\bor\b|quad/i.test(gap)) break;
    if (/\bor\b/i.test(gap)) connector = ' \\text{ or } ';
    parts.unshift(previous.content);
    current = previous;
  }
  return parts.length === 1 ? parts[0]! : parts.join(connector);
}

export { readAnswerSpan };
