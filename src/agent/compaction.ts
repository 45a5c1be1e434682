// Keeps the conversation inside the model's window: first old tool outputs are elided, then, if
// that is not enough, the older history is replaced by a model-written summary. Each step says
// what it dropped.
import type { Message } from '../core/messages.js';
import type { TransformHistory } from './hooks.js';

/** Rough tokens for text: ~3.5 characters per token errs on the side of compacting early. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 3.5);
}

export function estimateMessagesTokens(messages: readonly Message[]): number {
  return estimateTokens(messages.map(messageText).join('\n'));
}

export function messageText(message: Message): string {
  if (message.role === 'user') return message.content;
  if (message.role === 'assistant') {
    const calls = message.toolCalls.map((call) => `${call.name}(${typeof call.input === 'string' ? call.input : JSON.stringify(call.input)})`);
    return [message.reasoning.map((part) => part.text).join('\n'), message.text, ...calls].filter(Boolean).join('\n');
  }
  return message.results.map((result) => `[${result.name}${result.isError ? ' error' : ''}] ${result.output}`).join('\n');
}

const KEEP_RECENT_TOOL_MESSAGES = 2;
/** After a compaction the request should be at most this share of the threshold, so the next one is many turns away. */
const LOW_WATER = 0.7;
const ELIDE_OVER_CHARS = 300;

export interface ElisionResult {
  messages: Message[];
  elided: number;
  charsDropped: number;
  tools: string[];
}

/** Replaces the output of all but the most recent tool results with a short note. */
export function elideOldToolOutputs(messages: readonly Message[], keepRecent = KEEP_RECENT_TOOL_MESSAGES): ElisionResult {
  const toolIndexes = messages.flatMap((message, index) => (message.role === 'tool' ? [index] : []));
  const protectedFrom = toolIndexes.length > keepRecent ? toolIndexes[toolIndexes.length - keepRecent]! : 0;
  let elided = 0;
  let charsDropped = 0;
  const tools = new Set<string>();
  const result = messages.map((message, index): Message => {
    if (message.role !== 'tool' || index >= protectedFrom) return message;
    return {
      role: 'tool',
      results: message.results.map((part) => {
        if (part.output.length <= ELIDE_OVER_CHARS || part.output.startsWith('[elided')) return part;
        elided++;
        charsDropped += part.output.length;
        tools.add(part.name);
        return { ...part, output: `[elided to save context: ${part.output.length} chars of ${part.name} output from an earlier turn; run the tool again if you need it]` };
      }),
    };
  });
  return { messages: result, elided, charsDropped, tools: [...tools] };
}

/**
 * Splits history into the part to summarise and the recent tail to keep verbatim. The tail
 * starts at the last assistant message so a tool call always stays with its result.
 */
export function splitForSummary(messages: readonly Message[]): { head: Message[]; tail: Message[] } | undefined {
  let start = -1;
  for (let index = messages.length - 1; index > 0; index--) {
    if (messages[index]!.role === 'assistant') {
      start = index;
      break;
    }
  }
  if (start <= 1) return undefined;
  return { head: messages.slice(0, start), tail: messages.slice(start) };
}

export function transcript(messages: readonly Message[]): string {
  return messages.map((message) => `## ${message.role}\n${messageText(message)}`).join('\n\n');
}

/**
 * The compaction hook. Over `compactAt` of the window, old tool outputs are elided; if that does not
 * bring the request under a low-water mark (70 % of the threshold), the older history is replaced
 * by a summary the model writes. Each rewrite throws away the provider's prompt cache from the
 * first changed message on, so it is done in one batch with room to grow, never a little every
 * turn; each step says what it dropped and what it cost in cache.
 */
export function compactionHook(options: { compactAt: number; task: () => string; summarizePrompt: string; maxSummaryTokens: number }): TransformHistory {
  return async (history, context) => {
    const limit = Math.floor(context.contextWindow * options.compactAt);
    const lowWater = Math.floor(limit * LOW_WATER);
    const before = Math.max(context.measure(history), context.lastInputTokens);
    if (before <= limit) return undefined;

    // The two newest results stay whole if that is enough; otherwise only the newest does.
    let elision = elideOldToolOutputs(history);
    if (context.measure(elision.messages) > lowWater) elision = elideOldToolOutputs(history, 1);
    let compacted = elision.messages;
    if (elision.elided > 0) {
      context.emit({
        type: 'compaction',
        strategy: 'elide-tool-output',
        dropped: `output of ${elision.elided} earlier tool call(s) (${elision.tools.join(', ')}; ${elision.charsDropped} chars)`,
        tokensBefore: before,
        tokensAfter: context.measure(compacted),
        cacheTokensLost: tokensFromFirstChange(history, compacted),
      });
    }
    if (context.measure(compacted) <= lowWater) return compacted;

    const split = splitForSummary(compacted);
    if (!split) return elision.elided > 0 ? compacted : undefined;
    const summary = await context.complete({ system: options.summarizePrompt, prompt: transcript(split.head), maxOutputTokens: options.maxSummaryTokens });
    compacted = [
      { role: 'user', content: `${options.task()}\n\n(Earlier work on this task was summarised to fit the context window.)\nSummary of earlier work:\n${summary.trim()}` },
      ...split.tail,
    ];
    context.emit({
      type: 'compaction',
      strategy: 'summarize',
      dropped: `${split.head.length} earlier message(s), replaced by a summary`,
      tokensBefore: context.measure(elision.messages),
      tokensAfter: context.measure(compacted),
      cacheTokensLost: tokensFromFirstChange(history, compacted),
    });
    return compacted;
  };
}

/** Estimated tokens of `after` from the first message that differs from `before`: what the provider's cache no longer holds. */
export function tokensFromFirstChange(before: readonly Message[], after: readonly Message[]): number {
  let first = 0;
  while (first < before.length && first < after.length && JSON.stringify(before[first]) === JSON.stringify(after[first])) first++;
  return estimateMessagesTokens(after.slice(first));
}
