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
const ELIDE_OVER_CHARS = 300;

export interface ElisionResult {
  messages: Message[];
  elided: number;
  charsDropped: number;
  tools: string[];
}

/** Replaces the output of all but the most recent tool results with a short note. */
export function elideOldToolOutputs(messages: readonly Message[]): ElisionResult {
  const toolIndexes = messages.flatMap((message, index) => (message.role === 'tool' ? [index] : []));
  const protectedFrom = toolIndexes.length > KEEP_RECENT_TOOL_MESSAGES ? toolIndexes[toolIndexes.length - KEEP_RECENT_TOOL_MESSAGES]! : 0;
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
 * The compaction hook: over `compactAt` of the window, old tool outputs are elided; if that is not
 * enough, the older history is replaced by a summary the model writes. Each step says what it dropped.
 */
export function compactionHook(options: { compactAt: number; task: () => string; summarizePrompt: string; maxSummaryTokens: number }): TransformHistory {
  return async (history, context) => {
    const limit = Math.floor(context.contextWindow * options.compactAt);
    const before = Math.max(context.measure(history), context.lastInputTokens);
    if (before <= limit) return undefined;

    const elision = elideOldToolOutputs(history);
    let compacted = elision.messages;
    if (elision.elided > 0) {
      context.emit({
        type: 'compaction',
        strategy: 'elide-tool-output',
        dropped: `output of ${elision.elided} earlier tool call(s) (${elision.tools.join(', ')}; ${elision.charsDropped} chars)`,
        tokensBefore: before,
        tokensAfter: context.measure(compacted),
      });
    }
    if (context.measure(compacted) <= limit) return elision.elided > 0 ? compacted : undefined;

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
    });
    return compacted;
  };
}
