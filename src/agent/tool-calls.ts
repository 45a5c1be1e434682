// The tool phases of a turn: prepare each call (validate its arguments, run the beforeToolCall
// hooks), execute it, and finalize it (afterToolCall hooks, the tool-result event). Consecutive
// read-only calls run together; anything that writes or executes runs alone, in order. Interrupted,
// it still answers every call, so the history stays valid for the next run.
import type { AgentEventBody } from '../core/events.js';
import type { ToolCallPart, ToolResultPart } from '../core/messages.js';
import type { ToolContext } from '../core/tool.js';
import type { ToolRegistry } from '../tools/registry.js';
import type { HookContext, LoopHooks, PreparedToolCall, ToolOutcome } from './hooks.js';

export interface ToolPhaseOptions {
  registry: ToolRegistry;
  hooks: LoopHooks;
  /** The context each tool runs with; `progress` is filled in per call. */
  context: Omit<ToolContext, 'progress'>;
  emit: (event: AgentEventBody) => void;
  /** Called once before the first call that executes commands (the loop takes git's view of the tree then). */
  beforeExec?: () => Promise<unknown>;
  /** Turns a command's raw output into complete lines fit to show (secrets redacted); absent, no progress events. */
  progressText?: (text: string) => string;
}

const PROGRESS_INTERVAL_MS = 250;
const PROGRESS_EVENT_CHARS = 8_192;
const PROGRESS_BUDGET_CHARS = 65_536;

export async function runToolCalls(calls: readonly ToolCallPart[], options: ToolPhaseOptions): Promise<ToolResultPart[]> {
  const { registry, context } = options;
  const hookContext: HookContext = { workspace: context.workspace, signal: context.signal, emit: options.emit };

  const prepare = async (call: ToolCallPart): Promise<{ prepared: PreparedToolCall; notes: string[] } | { refused: ToolOutcome }> => {
    const checked = registry.prepare(call);
    if (!checked.ok) return { refused: { output: checked.error, display: checked.error, isError: true } };
    let prepared: PreparedToolCall = { id: call.id, name: call.name, kind: checked.tool.kind, input: checked.input, original: call };
    const notes: string[] = [];
    for (const hook of options.hooks.beforeToolCall ?? []) {
      const result = await hook(prepared, hookContext);
      if (!result) continue;
      notes.push(...(result.notes ?? []));
      if (result.input !== undefined) prepared = { ...prepared, input: result.input };
      if (result.block !== undefined) return { refused: withNotes({ output: result.block, display: result.block, isError: true }, notes) };
    }
    return { prepared, notes };
  };

  const execute = async (prepared: PreparedToolCall): Promise<ToolOutcome> => {
    const progress = options.progressText ? progressReporter(prepared, options.emit, options.progressText) : undefined;
    try {
      const outcome = await registry.run(prepared.name, prepared.input, { ...context, ...(progress ? { progress: progress.push } : {}) });
      return { output: outcome.output, display: outcome.output, isError: outcome.isError };
    } finally {
      progress?.flush();
    }
  };

  const finalize = async (call: ToolCallPart, outcome: ToolOutcome, began: number): Promise<ToolResultPart> => {
    let result = outcome;
    for (const hook of options.hooks.afterToolCall ?? []) result = await hook(call, result, hookContext);
    options.emit({ type: 'tool-result', id: call.id, name: call.name, output: result.display, isError: result.isError, durationMs: Date.now() - began });
    return { id: call.id, name: call.name, output: result.output, isError: result.isError };
  };

  const runOne = async (call: ToolCallPart): Promise<ToolResultPart> => {
    options.emit({ type: 'tool-call', id: call.id, name: call.name, input: call.input });
    const began = Date.now();
    const ready = await prepare(call);
    if ('refused' in ready) return finalize(call, ready.refused, began);
    if (ready.prepared.kind === 'exec') await options.beforeExec?.();
    return finalize(call, withNotes(await execute(ready.prepared), ready.notes), began);
  };

  const results: ToolResultPart[] = [];
  let batch: ToolCallPart[] = [];
  const flush = async (): Promise<void> => {
    results.push(...(await Promise.all(batch.map(runOne))));
    batch = [];
  };
  for (const call of calls) {
    if (context.signal.aborted) break;
    if (registry.isReadOnly(call.name)) {
      batch.push(call);
      continue;
    }
    await flush();
    if (context.signal.aborted) break;
    results.push(await runOne(call));
  }
  await flush();
  // Interrupted: every call still gets a result (providers reject a history with unanswered calls).
  const answered = new Set(results.map((result) => result.id));
  for (const call of calls) if (!answered.has(call.id)) results.push({ id: call.id, name: call.name, output: 'error [interrupted]: not run, the user interrupted the turn', isError: true });
  return results;
}

/** Results for calls of a reply the output limit cut off: they are not run, and the model is told why. */
export function truncatedCallResults(calls: readonly ToolCallPart[], maxOutputTokens: number): ToolResultPart[] {
  return calls.map((call) => ({
    id: call.id,
    name: call.name,
    output:
      `error [tool-not-run]: your reply was cut off at the output limit (${maxOutputTokens.toLocaleString('en-US')} tokens), so this call may be incomplete and was not run\n` +
      'hint: send the call again with less in one reply (e.g. write a big file in parts, or use edit for a small change)',
    isError: true,
  }));
}

function withNotes(outcome: ToolOutcome, notes: readonly string[]): ToolOutcome {
  if (notes.length === 0) return outcome;
  const tail = `\n${notes.join('\n')}`;
  return { ...outcome, output: outcome.output + tail, display: outcome.display + tail };
}

/**
 * Collects a command's output and emits complete lines at most every 250 ms, so long commands show
 * life without flooding the stream: each event holds at most the newest 8 KB, and a call's progress
 * stops after 64 KB (the tool result has the head and tail of everything).
 */
function progressReporter(call: PreparedToolCall, emit: (event: AgentEventBody) => void, toText: (text: string) => string): { push: (chunk: Uint8Array) => void; flush: () => void } {
  const decoder = new TextDecoder();
  let pending = '';
  let lines = '';
  let skipped = 0;
  let budget = PROGRESS_BUDGET_CHARS;
  let timer: NodeJS.Timeout | undefined;
  const send = (): void => {
    timer = undefined;
    if (lines === '' || budget <= 0) return;
    const head = skipped > 0 ? `[… ${skipped} characters of output skipped]\n` : '';
    let output = head + toText(lines);
    lines = '';
    skipped = 0;
    budget -= output.length;
    if (budget <= 0) output += '[… progress stops here; the command goes on, and its result follows]\n';
    emit({ type: 'tool-progress', id: call.id, name: call.name, output });
  };
  const add = (text: string): void => {
    lines += text;
    if (lines.length > PROGRESS_EVENT_CHARS) {
      // Keep the newest whole lines.
      const cut = lines.indexOf('\n', lines.length - PROGRESS_EVENT_CHARS);
      const from = cut === -1 ? lines.length - PROGRESS_EVENT_CHARS : cut + 1;
      skipped += from;
      lines = lines.slice(from);
    }
  };
  return {
    push(chunk) {
      if (budget <= 0) return;
      pending += decoder.decode(chunk, { stream: true });
      const cut = pending.lastIndexOf('\n');
      if (cut === -1) {
        // A line longer than the event size is shown in pieces rather than held.
        if (pending.length < PROGRESS_EVENT_CHARS) return;
        add(pending);
        pending = '';
      } else {
        add(pending.slice(0, cut + 1));
        pending = pending.slice(cut + 1);
      }
      timer ??= setTimeout(send, PROGRESS_INTERVAL_MS);
    },
    flush() {
      clearTimeout(timer);
      // What is left is in the tool-result, which follows at once.
      lines = '';
      pending = '';
    },
  };
}
