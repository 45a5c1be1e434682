// What to verify in a model's output: the response after the prompt (OpenRLHF sends prompt +
// response), and the program inside a response (the last fenced block in the task's language).
import type { CodeLanguage } from '../code/index.js';
import { codeLanguageOf } from './labels.js';

/**
 * The response part of `query`. When `query` starts with `prompt`, the prompt is cut off; else the
 * text after the last occurrence of `prompt` is the response (a tokenizer may add a BOS token or a
 * space in front, or the trainer may have left-truncated the prompt); when `prompt` does not occur
 * at all, or is empty, the whole query is judged.
 */
export function stripPrompt(query: string, prompt: string | undefined): string {
  if (prompt === undefined || prompt === '') return query;
  if (query.startsWith(prompt)) return query.slice(prompt.length);
  const at = query.lastIndexOf(prompt);
  return at >= 0 ? query.slice(at + prompt.length) : query;
}

const FENCE = /```[ \t]*([\w+#.-]*)[^\n]*\n([\s\S]*?)```/g;

/**
 * The program in a model response: the last fenced block tagged with `language` (or an alias such
 * as py, js, ts), else the last fenced block of any tag, else the whole response. Text up to the
 * last `</think>` is reasoning and is skipped.
 */
export function extractProgram(response: string, language: CodeLanguage): string {
  const thinkEnd = response.lastIndexOf('</think>');
  const text = thinkEnd >= 0 ? response.slice(thinkEnd + '</think>'.length) : response;
  const blocks = [...text.matchAll(FENCE)].map((match) => ({ tag: match[1] ?? '', body: match[2] ?? '' }));
  const chosen = blocks.filter((block) => codeLanguageOf(block.tag) === language).at(-1) ?? blocks.at(-1);
  return chosen ? chosen.body : text.trim();
}
