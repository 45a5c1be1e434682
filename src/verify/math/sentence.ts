// The fallback of the policy: with no box and no answer statement, the answer is the last math
// expression of the final sentence ("… so the total is $42$." → 42).

const MATH_SPAN = /\$\$([^$]*)\$\$|\$((?:[^$\\]|\\.)*)\$|\\\(([\s\S]*?)\\\)|\\\[([\s\S]*?)\\\]/g;
const NUMBER_RUN = /[-+−]?\(?\d[\d\s+\-−*/^().,%√π×÷=]*/g;
const CHOICE = /\(([A-J])\)|\b(?:option|choice)\s+\(?([A-J])\b\)?/g;
const HEDGE = /\b(?:either|maybe|perhaps|possibly|probably|might|or so)\b/i;

export function finalSentenceAnswer(text: string): { answer: string | undefined; reason: string } {
  const sentence = finalSentence(text);
  if (sentence === '') return { answer: undefined, reason: 'no answer found: the response is empty' };
  const spans = [...sentence.matchAll(MATH_SPAN)];
  const lastSpan = spans.at(-1);
  const numbers = [...sentence.replace(MATH_SPAN, ' ').matchAll(NUMBER_RUN)].map((match) => cleanRun(match[0])).filter((run) => /\d/.test(run));
  if (HEDGE.test(sentence) && spans.length + numbers.length >= 2) {
    return { answer: undefined, reason: `hedging between candidates: ${sentence.slice(0, 80)}` };
  }
  if (lastSpan) {
    const content = (lastSpan[1] ?? lastSpan[2] ?? lastSpan[3] ?? lastSpan[4] ?? '').trim();
    // "$x = 5$" → the value after the last top-level "=", as a reader would take it.
    const value = /^[a-zA-Z](?:_\{?\w+\}?)?\s*=\s*([^=]+)$/.exec(content)?.[1] ?? content;
    if (value) return { answer: value.trim(), reason: 'last math expression of the final sentence' };
  }
  const lastNumber = numbers.at(-1);
  if (lastNumber) return { answer: lastNumber, reason: 'last number of the final sentence' };
  const choice = [...sentence.matchAll(CHOICE)].at(-1);
  if (choice) return { answer: choice[1] ?? choice[2], reason: 'last choice letter of the final sentence' };
  const words = sentence.replace(/[*_.!]/g, '').trim();
  if (words.split(/\s+/).length <= 3 && words.length <= 40) return { answer: words, reason: 'the final sentence is a short word answer' };
  return { answer: undefined, reason: 'no answer found: no \\boxed{}, no answer statement, no math in the final sentence' };
}

/** The last sentence with content; sentence ends inside $…$ don't count. */
function finalSentence(text: string): string {
  const tail = text.slice(-4000).replace(/[\s*_]+$/, '').replace(/[.!?]+$/, '');
  let inMath = false;
  let start = 0;
  const lastContent = tail.search(/\S\s*$/);
  for (let index = 0; index < tail.length; index++) {
    const char = tail[index];
    if (char === '$' && tail[index - 1] !== '\\') inMath = !inMath;
    if (inMath) continue;
    const ends = char === '\n' || ((char === '.' || char === '!' || char === '?') && /\s/.test(tail[index + 1] ?? ''));
    if (ends && index < lastContent) start = index + 1;
  }
  return tail.slice(start).trim();
}

/** "= 1024 " → "1024": the value after the last "=", without trailing separators. */
function cleanRun(run: string): string {
  const afterEquals = run.includes('=') ? run.slice(run.lastIndexOf('=') + 1) : run;
  let cleaned = afterEquals.trim().replace(/[\s,.+\-*/^(]+$/, '');
  // Balance a stray closing or opening parenthesis picked up at the edges.
  const opens = (cleaned.match(/\(/g) ?? []).length;
  const closes = (cleaned.match(/\)/g) ?? []).length;
  if (opens > closes && cleaned.startsWith('(')) cleaned = cleaned.slice(1);
  if (closes > opens && cleaned.endsWith(')')) cleaned = cleaned.slice(0, -1);
  return cleaned.trim();
}
