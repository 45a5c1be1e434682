// The agent loop: stream a turn, run the tool calls it asks for, feed the results back, and stop
// when the model answers without tools or a stop rule (turns, cost, time, Ctrl-C) fires.
// Everything it does leaves as an AgentEvent; it knows none of its consumers.
import type { LanguageModelV3 } from '@ai-sdk/provider';
import summarizePrompt from '../../prompts/summarize.md?raw';
import type { ModelInfo, RetryConfig, ThinkLevel } from '../core/config.js';
import { SummonError, toSummonError } from '../core/errors.js';
import { addUsage, emptyUsage, stampEvent, type AgentEvent, type AgentEventBody, type ExitReason, type Usage, type Verification } from '../core/events.js';
import type { Message, ToolCallPart, ToolResultPart } from '../core/messages.js';
import type { SpawnPort, Tool, ToolContext, ToolUpdate } from '../core/tool.js';
import type { Verifier } from '../core/verify.js';
import { costOf } from '../model/cost.js';
import { streamTurn, type TurnResult } from '../model/stream.js';
import { thinkingSettings, type Wire } from '../model/thinking.js';
import { createToolRegistry } from '../tools/registry.js';
import { changedSince, gitDirtyFiles } from './changes.js';
import { toolSpec } from './tool-specs.js';
import { verificationFeedback } from './verification.js';
import { runVerifiers, toVerification } from '../verify/registry.js';
import type { ToolGuard } from './guard.js';
import type { Permit } from './safety-setup.js';
import { auditChanges, auditFeedback, type AuditFindingSummary } from './audit-step.js';
import { elideOldToolOutputs, estimateMessagesTokens, estimateTokens, splitForSummary, transcript } from './compaction.js';

export interface RunOptions {
  task: string;
  /** Absolute, real path of the workspace. */
  workspace: string;
  system: string;
  model: { id: string; wire: Wire; providerName: string; info: ModelInfo; language: LanguageModelV3 };
  think: ThinkLevel;
  limits: { maxTurns: number; maxCostUsd?: number; timeoutSec?: number };
  compactAt: number;
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
  /** Messages of an earlier session to continue from. */
  history?: readonly Message[];
  /** Run when the model says it is done; failures go back to the model until they pass or the budget ends. */
  verifiers?: readonly Verifier[];
  /** Decides whether each tool call may run (the permission policy). */
  permit?: Permit;
  /** Whether the permission rules let the model read a file (workspace, absolute path) without asking. */
  readable?: (workspace: string, absolutePath: string) => boolean;
  /** Redacts, scans and spotlights tool results; restores placeholders in tool inputs. */
  guard?: ToolGuard;
  /** Audit the changed code for vulnerabilities before presenting the result (default off). */
  audit?: boolean;
  /** Produces the opening context for the task (the context engine's pack), added after the task. */
  openingContext?: (task: string, emit: (event: AgentEventBody) => void) => Promise<string | undefined>;
}

export interface RunSummary {
  sessionId: string;
  reason: ExitReason;
  result: string;
  turns: number;
  usage: Usage;
  costUsd: number;
  changedFiles: string[];
  durationMs: number;
  verification?: Verification;
  /** Security findings in the changed code that remained after the model was asked to fix them. */
  auditFindings?: AuditFindingSummary[];
  error?: SummonError;
}

export async function runAgent(options: RunOptions): Promise<RunSummary> {
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

  const registry = createToolRegistry([...options.tools], options.permit ? { permit: options.permit } : {});
  const kinds = new Map(options.tools.map((tool) => [tool.name, tool.kind]));
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
  let verification: Verification | undefined;
  let verifyRounds = 0;
  let auditRounds = 0;
  let auditFindings: AuditFindingSummary[] | undefined;

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
  const turnOptions = (extra: { onText?: (text: string) => void; onReasoning?: (text: string) => void } = {}) => ({
    signal: controller.signal,
    retry: options.retry,
    label: options.model.id,
    onRetry: (notice: { attempt: number; delayMs: number; reason: string }) => emit({ type: 'retry', ...notice }),
    ...extra,
  });

  emit({ type: 'session-start', task: options.task, model: options.model.id, cwd: options.workspace, version: options.version });
  if (thinking.note) emit({ type: 'notice', message: thinking.note });
  const opening = options.history?.length ? undefined : await options.openingContext?.(options.task, emit).catch(() => undefined);
  const firstMessage = opening ? `${options.task}\n\n<repository-context note="selected by summon's context engine for this task; verify before relying on it">\n${opening}\n</repository-context>` : options.task;
  addMessage({ role: 'user', content: options.guard ? options.guard.redactText(firstMessage, 'task') : firstMessage });

  try {
    for (;;) {
      // Out of budget while verification still fails: that failure is the reason to report.
      const outOf = (reason: ExitReason): ExitReason => (verification && !verification.passed ? 'verify-failed' : reason);
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
      messages = await compactIfNeeded(messages, lastInputTokens, turns);
      const reply: TurnResult = await streamTurn(
        options.model.language,
        { system: options.system, messages, tools: toolSpecs, maxOutputTokens: thinking.maxOutputTokens, providerOptions: thinking.providerOptions },
        turnOptions({
          onText: (text) => emit({ type: 'text-delta', text }),
          onReasoning: (text) => emit({ type: 'reasoning-delta', text }),
        }),
      );
      lastInputTokens = reply.usage.inputTokens;
      account(reply.usage, turns);
      addMessage({ role: 'assistant', text: reply.text, reasoning: reply.reasoning, toolCalls: reply.toolCalls });
      if (reply.text.trim()) result = reply.text;
      if (reply.toolCalls.length === 0) {
        if (options.verifiers && options.verifiers.length > 0) {
          verifyRounds++;
          verification = toVerification(await runVerifiers(options.verifiers, { workspace: options.workspace, response: reply.text }, controller.signal));
          emit({ type: 'verify-result', round: verifyRounds, verification });
          if (!verification.passed) {
            // The model claimed done but ground truth disagrees: show it why and go on.
            addMessage({ role: 'user', content: verificationFeedback(verification) });
            continue;
          }
        }
        if (options.audit) {
          const files = await currentChanges();
          if (files.length > 0) {
            auditRounds++;
            const findings = await auditChanges(options.workspace, files);
            emit({ type: 'audit-result', round: auditRounds, findings });
            // The model gets one chance to fix what the audit found; what remains is shown to the user.
            if (findings.length > 0 && auditRounds === 1) {
              addMessage({ role: 'user', content: auditFeedback(findings) });
              continue;
            }
            auditFindings = findings;
          }
        }
        stopReason = 'completed';
        break;
      }
      const results = await runToolCalls(reply.toolCalls);
      addMessage({ role: 'tool', results });
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
  emit({ type: 'done', reason, result, turns, usage, costUsd, changedFiles, durationMs, ...(verification ? { verification } : {}) });
  return {
    sessionId: options.sessionId,
    reason,
    result,
    turns,
    usage,
    costUsd,
    changedFiles,
    durationMs,
    ...(verification ? { verification } : {}),
    ...(auditFindings && auditFindings.length > 0 ? { auditFindings } : {}),
    ...(error ? { error } : {}),
  };

  async function currentChanges(): Promise<string[]> {
    return gitBefore ? changedSince(await gitBefore, await gitDirtyFiles(options.workspace), changed) : [...changed].sort();
  }

  async function runToolCalls(calls: readonly ToolCallPart[]): Promise<ToolResultPart[]> {
    const readable = options.readable;
    const context: ToolContext = {
      workspace: options.workspace,
      signal: controller.signal,
      spawn: options.spawn,
      maxOutputChars: options.maxToolOutputChars,
      commandTimeoutMs: options.commandTimeoutMs,
      ...(readable ? { readable: (file: string) => readable(options.workspace, file) } : {}),
      report: (update: ToolUpdate) => {
        if (update.type === 'file-changed') changed.add(update.path);
        else emit({ type: 'todo-update', items: update.items });
      },
    };
    const runOne = async (call: ToolCallPart): Promise<ToolResultPart> => {
      emit({ type: 'tool-call', id: call.id, name: call.name, input: call.input });
      const began = Date.now();
      const guarded = options.guard?.beforeCall(call, kinds.get(call.name));
      const outcome = guarded?.refusal ? { output: guarded.refusal, isError: true } : await registry.execute(guarded?.call ?? call, context);
      const notes = guarded?.notes.length ? `\n${guarded.notes.join('\n')}` : '';
      const shown = options.guard ? options.guard.afterCall(call, outcome.output + notes) : { forModel: outcome.output + notes, forEvents: outcome.output + notes };
      emit({ type: 'tool-result', id: call.id, name: call.name, output: shown.forEvents, isError: outcome.isError, durationMs: Date.now() - began });
      return { id: call.id, name: call.name, output: shown.forModel, isError: outcome.isError };
    };
    // Consecutive read-only calls run together; anything that writes or executes runs alone, in order.
    const results: ToolResultPart[] = [];
    let batch: ToolCallPart[] = [];
    const flush = async (): Promise<void> => {
      results.push(...(await Promise.all(batch.map(runOne))));
      batch = [];
    };
    for (const call of calls) {
      if (controller.signal.aborted) throw new SummonError('interrupted', 'interrupted');
      if (registry.isReadOnly(call.name)) {
        batch.push(call);
        continue;
      }
      await flush();
      if (kinds.get(call.name) === 'exec') await (gitBefore ??= gitDirtyFiles(options.workspace));
      results.push(await runOne(call));
    }
    await flush();
    if (controller.signal.aborted) throw new SummonError('interrupted', 'interrupted');
    return results;
  }

  async function compactIfNeeded(history: Message[], reportedInputTokens: number, turn: number): Promise<Message[]> {
    const limit = Math.floor(options.model.info.contextWindow * options.compactAt);
    const fixed = estimateTokens(options.system) + estimateTokens(JSON.stringify(toolSpecs));
    const measure = (list: readonly Message[]): number => fixed + estimateMessagesTokens(list);
    const before = Math.max(measure(history), reportedInputTokens);
    if (before <= limit) return history;

    const elision = elideOldToolOutputs(history);
    let compacted = elision.messages;
    if (elision.elided > 0) {
      emit({
        type: 'compaction',
        strategy: 'elide-tool-output',
        dropped: `output of ${elision.elided} earlier tool call(s) (${elision.tools.join(', ')}; ${elision.charsDropped} chars)`,
        tokensBefore: before,
        tokensAfter: measure(compacted),
      });
    }
    if (measure(compacted) <= limit) return compacted;

    const split = splitForSummary(compacted);
    if (!split) return compacted;
    const summary = await streamTurn(
      options.model.language,
      {
        system: summarizePrompt.trim(),
        messages: [{ role: 'user', content: transcript(split.head) }],
        tools: [],
        maxOutputTokens: Math.min(2_000, options.model.info.maxOutputTokens),
        providerOptions: {},
      },
      turnOptions(),
    );
    account(summary.usage, turn);
    compacted = [
      { role: 'user', content: `${options.task}\n\n(Earlier work on this task was summarised to fit the context window.)\nSummary of earlier work:\n${summary.text.trim()}` },
      ...split.tail,
    ];
    emit({
      type: 'compaction',
      strategy: 'summarize',
      dropped: `${split.head.length} earlier message(s), replaced by a summary`,
      tokensBefore: measure(elision.messages),
      tokensAfter: measure(compacted),
    });
    return compacted;
  }
}
