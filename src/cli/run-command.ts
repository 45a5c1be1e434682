// `summon run` / `summon -p`: load config, prepare model, safety and verifiers, run the loop (or a
// group of attempts with --attempts), print, journal.
import { createToolGuard } from '../agent/guard.js';
import { openingContext } from '../agent/context-pack.js';
import { defaultIndexCacheDir } from '../context/cache-dir.js';
import { createContextTool } from '../context/tool.js';
import { runAgent, type RunOptions, type RunSummary } from '../agent/run.js';
import { prepareSafety } from '../agent/safety-setup.js';
import { prepareModel, prepareSystemPrompt, resolveWorkspace } from '../agent/setup.js';
import { loadConfig } from '../config/index.js';
import { stampEvent, type AgentEvent, type AgentEventBody } from '../core/events.js';
import { newSessionId, openJournal } from '../session/journal.js';
import { sessionsDir } from '../session/paths.js';
import { builtinTools, killAllRunning } from '../tools/index.js';
import type { ParsedArgs } from './args.js';
import type { CliIo } from './io.js';
import { createPrinter } from './output.js';
import { resolveTask } from './task-input.js';
import { VERSION } from './version.js';

export async function runCommand(args: ParsedArgs, io: CliIo): Promise<number> {
  const task = await resolveTask(args.task, io);
  const workspace = resolveWorkspace(args.cwd ?? io.cwd);
  const { config } = await loadConfig({ cwd: workspace, env: io.env, flags: args.layer, flagSources: args.flagSources });
  const model = await prepareModel(config, io.env);

  const sessionId = newSessionId();
  const journal = openJournal(sessionsDir(io.env), sessionId);
  const printer = createPrinter(args.outputFormat, io.stdout, io.stderr, { progress: args.verbose || io.stderrIsTty });
  const sink = (event: AgentEvent): void => {
    journal.append(event);
    printer.onEvent(event);
  };
  const emitEarly = (body: AgentEventBody): void => sink(stampEvent(body, sessionId));
  const safety = await prepareSafety(config, { workspace, env: io.env, emit: emitEarly });
  const guard = createToolGuard({ redactor: safety.redactor, emit: emitEarly });
  const systemFor = (folder: string): string => guard.redactText(prepareSystemPrompt(folder).system, 'system prompt');
  // The verifier runners load only when some verifier is configured.
  const verifiers =
    config.verify.length + args.verify.length > 0
      ? (await import('../verify/registry.js')).buildVerifiers(config.verify, { spawn: safety.spawn, adhoc: args.verify, env: io.env })
      : [];
  if (!safety.sandboxed) io.stderr('summon: warning: --no-sandbox: commands run with your full user rights; exec tools need an explicit --allow\n');
  if (!model.known) io.stderr(`summon: note: ${model.id} is not in the model table; assuming a ${model.info.contextWindow.toLocaleString('en-US')}-token window and no cost (override under "models" in the config)\n`);

  // Ends work a run leaves going in the background (an index build that outlasted context.waitSec).
  const runEnded = new AbortController();
  const shared: Omit<RunOptions, 'task' | 'workspace' | 'system' | 'signal' | 'sessionId' | 'emit' | 'history'> = {
    model,
    think: config.think,
    limits: {
      maxTurns: config.maxTurns,
      ...(config.maxCostUsd !== undefined ? { maxCostUsd: config.maxCostUsd } : {}),
      ...(config.timeoutSec !== undefined ? { timeoutSec: config.timeoutSec } : {}),
    },
    compactAt: config.compactAt,
    retry: config.retry,
    tools: [...builtinTools, createContextTool({ cacheDir: defaultIndexCacheDir(io.env), historyCommits: config.context.historyCommits })],
    openingContext: (taskText, emit) =>
      openingContext({
        workspace,
        task: taskText,
        budgetTokens: Math.floor(model.info.contextWindow * config.context.share),
        minFiles: config.context.minFiles,
        cacheDir: defaultIndexCacheDir(io.env),
        historyCommits: config.context.historyCommits,
        emit,
        waitMs: config.context.waitSec * 1000,
        signal: runEnded.signal,
      }),
    commandTimeoutMs: config.commandTimeoutSec * 1000,
    maxToolOutputChars: config.maxToolOutputChars,
    spawn: safety.spawn,
    permit: safety.permit,
    ...(safety.readable ? { readable: safety.readable } : {}),
    guard,
    audit: config.audit,
    verifiers,
    version: VERSION,
  };

  const interrupt = new AbortController();
  const onSignal = (): void => {
    if (interrupt.signal.aborted) {
      // A second Ctrl-C: stop waiting for a clean shutdown.
      killAllRunning();
      journal.close();
      process.exit(130);
    }
    interrupt.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    if (args.group) {
      const { runGroupMode } = await import('./group-run.js');
      return await runGroupMode({
        task,
        workspace,
        group: args.group,
        verifiers,
        shared,
        systemFor,
        signal: interrupt.signal,
        io,
        printer,
        outputFormat: args.outputFormat,
        sessionsDir: sessionsDir(io.env),
      });
    }
    const summary = await runAgent({ ...shared, task, workspace, system: systemFor(workspace), signal: interrupt.signal, sessionId, emit: sink });
    printer.finish(summary, { journal: journal.path });
    if (summary.error && args.outputFormat === 'text') {
      io.stderr(`summon: error: ${summary.error.message}\n${summary.error.hint ? `  hint: ${summary.error.hint}\n` : ''}`);
    }
    return exitCodeOf(summary);
  } finally {
    runEnded.abort();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    killAllRunning();
    journal.close();
  }
}

export function exitCodeOf(summary: RunSummary): number {
  if (summary.reason === 'completed') return 0;
  if (summary.reason === 'interrupted') return 130;
  return summary.error?.exitCode ?? 1;
}
