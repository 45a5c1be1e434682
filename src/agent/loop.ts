// The agent loop, in phases: transform the history (compaction) → stream the reply → prepare,
// execute and finalize each tool call → when the model answers without tools, the done gates
// (verification, audit) → stop when they pass or a stop rule (turns, cost, time, Ctrl-C) fires.
// Everything it does leaves as an AgentEvent; it knows none of its consumers. The session core
// (src/session) is the one place that assembles its options.
import type { RetryConfig, ThinkLevel } from '../core/config.js';
import { SummonError, toSummonError } from '../core/errors.js';
import { addUsage, emptyUsage, stampEvent, type AgentEvent, type AgentEventBody, type ExitReason, type Usage } from '../core/events.js';
import type { RunSummary } from '../core/summary.js';
import type { BeforeFileChange } from '../core/fs-port.js';
import type { Message } from '../core/messages.js';
import type { SpawnPort, Tool, ToolContext, ToolUpdate } from '../core/tool.js';
import { costOf } from '../model/cost.js';
import { streamTurn, type TurnResult } from '../model/stream.js';
import type { PreparedModel } from '../model/prepared.js';
import { thinkingSettings } from '../model/thinking.js';
import { createToolRegistry } from '../tools/registry.js';
import { createRealFileSystem } from '../tools/real-fs.js';
import { changedSince, gitDirtyFiles } from './changes.js';
import { estimateMessagesTokens, estimateTokens } from './compaction.js';
import type { GateReport, HistoryContext, HookContext, LoopHooks } from './hooks.js';
import { runToolCalls, truncatedCallResults } from './tool-calls.js';
import { toolSpec } from './tool-specs.js';

export type { RunSummary };

export type LoopModel = PreparedModel;

export interface LoopOptions {
  task: string;
  /** Absolute, real path of the workspace. */
  workspace: string;
  system: string;
  model: LoopModel;
  think: ThinkLevel;
  limits: { maxTurns: number; maxCostUsd?: number; timeoutSec?: number };
  retry: RetryConfig;
  tools: readonly Tool[];
  commandTimeoutMs: number;
  maxToolOutputChars: number;
  spawn: SpawnPort;
  /** Aborting it interrupts the run: running commands are killed and the run ends as interrupted. */
  signal: AbortSignal;
  sessionId: string;
  version: string;
  emit: (event: AgentEvent) => void;
  /** The conversation so far (earlier runs of the session, or a resumed journal). */
  history?: readonly Message[];
  /** Which run of the session this is (1-based), and whether the session was resumed from its journal. */
  run?: number;
  resumed?: boolean;
  hooks?: LoopHooks;
  /** Whether the permission rules let the model read a file (workspace, absolute path) without asking. */
  readable?: (workspace: string, absolutePath: string) => boolean;
  /** Called before a tool changes a file, with its prior content (checkpoints, undo). */
  beforeFileChange?: BeforeFileChange;
  /** Applied to the task and the opening context before the model sees them (secret redaction). */
  redactInput?: (text: string, origin: string) => string;
  /** Applied to command output shown while it runs (secret redaction). */
  redactProgress?: (text: string) => string;
  /** The network rules tools that fetch are held to (see ToolContext.net). */
  net?: ToolContext['net'];
  /** Produces the opening context for the task (the context engine's pack), added after the task. */
  openingContext?: (task: string, emit: (event: AgentEventBody) => void) => Promise<string | undefined>;
}


export async function runLoop(options: LoopOptions): Promise<RunSummary> {
  const started = Date.now();
  const emit = (body: AgentEventBody): void => options.emit(stampEvent(body, options.sessionId));
  const controller = new AbortController();
  let stopReason: ExitReason | undefined;
  const stop = (reason: ExitReason): void => {
    if (controller.signal.aborted) return;
    stopReason = reason;
    controller.abort(new SummonError('interrupted', reason));
  };
  const onInterrupt = (): void => stop('interrupted');
  if (options.signal.aborted) onInterrupt();
  options.signal.addEventListener('abort', onInterrupt, { once: true });
  const timer = options.limits.timeoutSec ? setTimeout(() => stop('timeout'), options.limits.timeoutSec * 1000) : undefined;

  const hooks = options.hooks ?? {};
  const registry = createToolRegistry([...options.tools]);
  const toolSpecs = options.tools.map(toolSpec);
  const thinking = thinkingSettings(options.think, options.model.wire, options.model.providerName, options.model.info);
  const changed = new Set<string>();
  // What git saw before the first command ran: commands may change files the tools do not report.
  // Taken lazily so a run that never executes anything never pays for a git process.
  let gitBefore: Promise<Set<string> | undefined> | undefined;
  let messages: Message[] = [...(options.history ?? [])];
  let usage = emptyUsage();
  let costUsd = 0;
  let turns = 0;
  let result = '';
  let error: SummonError | undefined;
  let lastInputTokens = 0;
  const report: GateReport = {};
  const hookContext: HookContext = { workspace: options.workspace, signal: controller.signal, emit };
  const redact = options.redactInput ?? ((text: string) => text);

  const addMessage = (message: Message): void => {
    messages.push(message);
    emit({ type: 'message', message });
  };
  const account = (turnUsage: Usage, turn: number): void => {
    usage = addUsage(usage, turnUsage);
    const turnCost = costOf(turnUsage, options.model.info);
    costUsd += turnCost;
    emit({ type: 'usage', turn, usage: turnUsage, costUsd: turnCost });
  };
  const turnOptions = (turn: number, streamed = false): Parameters<typeof streamTurn>[2] => {
    // A retried request streams again from the start: its deltas carry a new id.
    let attempt = 1;
    const id = (): string => `${turn}.${attempt}`;
    return {
      signal: controller.signal,
      retry: options.retry,
      label: options.model.id,
      onRetry: (notice) => {
        attempt++;
        emit({ type: 'retry', ...notice });
      },
      ...(streamed
        ? { onText: (text: string) => emit({ type: 'text-delta', id: id(), turn, text }), onReasoning: (text: string) => emit({ type: 'reasoning-delta', id: id(), turn, text }) }
        : {}),
    };
  };
  const fixedTokens = estimateTokens(options.system) + estimateTokens(JSON.stringify(toolSpecs));
  const historyContext = (turn: number): HistoryContext => ({
    ...hookContext,
    turn,
    lastInputTokens,
    contextWindow: options.model.info.contextWindow,
    measure: (list) => fixedTokens + estimateMessagesTokens(list),
    complete: async (request) => {
      const reply = await streamTurn(
        options.model.language,
        { system: request.system, messages: [{ role: 'user', content: request.prompt }], tools: [], maxOutputTokens: request.maxOutputTokens, providerOptions: {} },
        turnOptions(turn),
      );
      account(reply.usage, turn);
      return reply.text;
    },
  });
  const fileSystem = createRealFileSystem({
    beforeChange: async (change) => {
      await options.beforeFileChange?.(change);
    },
  });
  const readable = options.readable;
  const toolContext: Omit<ToolContext, 'progress'> = {
    workspace: options.workspace,
    signal: controller.signal,
    spawn: options.spawn,
    fs: fileSystem,
    maxOutputChars: options.maxToolOutputChars,
    commandTimeoutMs: options.commandTimeoutMs,
    ...(readable ? { readable: (file: string) => readable(options.workspace, file) } : {}),
    ...(options.net ? { net: options.net } : {}),
    report: (update: ToolUpdate) => {
      if (update.type === 'file-changed') changed.add(update.path);
      else if (update.type === 'todo') emit({ type: 'todo-update', items: update.items });
      else {
        // Already reported as the sub-agent's own usage events: only the run's totals change here.
        usage = addUsage(usage, update.usage);
        costUsd += update.costUsd;
      }
    },
  };

  emit({
    type: 'session-start',
    task: options.task,
    model: options.model.id,
    cwd: options.workspace,
    version: options.version,
    ...(options.run ? { run: options.run } : {}),
    ...(options.resumed ? { resumed: true } : {}),
  });
  if (thinking.note) emit({ type: 'notice', message: thinking.note });

  try {
    // The opening context pack is for a conversation's first task only.
    const opening = messages.length > 0 ? undefined : await options.openingContext?.(options.task, emit).catch(() => undefined);
    const firstMessage = opening ? `${options.task}\n\n<repository-context note="selected by summon's context engine for this task; verify before relying on it">\n${opening}\n</repository-context>` : options.task;
    addMessage({ role: 'user', content: redact(firstMessage, 'task') });

    for (;;) {
      // Out of budget while verification still fails: that failure is the reason to report.
      const outOf = (reason: ExitReason): ExitReason => (report.verification && !report.verification.passed ? 'verify-failed' : reason);
      if (turns >= options.limits.maxTurns) {
        stopReason = outOf('max-turns');
        break;
      }
      if (options.limits.maxCostUsd !== undefined && costUsd >= options.limits.maxCostUsd) {
        stopReason = outOf('max-cost');
        break;
      }
      turns++;
      emit({ type: 'turn-start', turn: turns });

      // Phase 1: the history as the model will see it.
      for (const transform of hooks.transformHistory ?? []) {
        const replaced = await transform(messages, historyContext(turns));
        if (!replaced) continue;
        messages = replaced;
        emit({ type: 'history-replaced', reason: 'compaction', messages });
      }

      // Phase 2: stream the reply.
      const reply: TurnResult = await streamTurn(
        options.model.language,
        { system: options.system, messages, tools: toolSpecs, maxOutputTokens: thinking.maxOutputTokens, providerOptions: thinking.providerOptions, cache: { wire: options.model.wire, key: options.sessionId } },
        turnOptions(turns, true),
      );
      lastInputTokens = reply.usage.inputTokens;
      account(reply.usage, turns);
      addMessage({ role: 'assistant', text: reply.text, reasoning: reply.reasoning, toolCalls: reply.toolCalls });
      if (reply.text.trim()) result = reply.text;

      // Phase 3: tool calls — prepared, executed and finalized; none from a reply the output limit cut off.
      if (reply.toolCalls.length > 0) {
        if (reply.finishReason === 'length') {
          emit({ type: 'notice', message: `the reply hit the output limit (${thinking.maxOutputTokens} tokens) with ${reply.toolCalls.length} tool call(s) in it; they were not run and the model was told` });
          addMessage({ role: 'tool', results: truncatedCallResults(reply.toolCalls, thinking.maxOutputTokens) });
          continue;
        }
        const results = await runToolCalls(reply.toolCalls, {
          registry,
          hooks,
          context: toolContext,
          emit,
          beforeExec: () => (gitBefore ??= gitDirtyFiles(options.workspace)),
          progressText: options.redactProgress ?? ((text) => text),
        });
        addMessage({ role: 'tool', results });
        if (controller.signal.aborted) throw new SummonError('interrupted', 'interrupted');
        continue;
      }

      // Phase 4: the model says it is done; the gates decide.
      const gates = hooks.doneGates ?? [];
      let feedback: string | undefined;
      for (const gate of gates) {
        const verdict = await gate.check({ ...hookContext, response: reply.text, changedFiles: currentChanges });
        Object.assign(report, verdict.report);
        if (!verdict.pass) {
          feedback = verdict.feedback;
          break;
        }
      }
      if (feedback !== undefined) {
        addMessage({ role: 'user', content: feedback });
        continue;
      }
      stopReason = 'completed';
      break;
    }
  } catch (thrown) {
    if (!stopReason) {
      error = toSummonError(thrown);
      stopReason = error.code === 'interrupted' ? 'interrupted' : 'error';
      if (stopReason === 'error') emit({ type: 'error', ...error.toJSON() });
    }
  } finally {
    clearTimeout(timer);
    options.signal.removeEventListener('abort', onInterrupt);
  }

  const reason: ExitReason = stopReason ?? 'error';
  const changedFiles = await currentChanges();
  const durationMs = Date.now() - started;
  const auditFindings = report.auditFindings && report.auditFindings.length > 0 ? report.auditFindings : undefined;
  const outcome = {
    reason,
    result,
    turns,
    usage,
    costUsd,
    changedFiles,
    durationMs,
    ...(report.verification ? { verification: report.verification } : {}),
    ...(auditFindings ? { auditFindings } : {}),
  };
  emit({ type: 'done', ...outcome, ...(error && reason === 'error' ? { error: error.toJSON() } : {}) });
  return { sessionId: options.sessionId, ...outcome, ...(error ? { error } : {}) };

  async function currentChanges(): Promise<string[]> {
    return gitBefore ? changedSince(await gitBefore, await gitDirtyFiles(options.workspace), changed) : [...changed].sort();
  }
}
