// `summon run` / `summon -p`: one session of the session core, one task, its events printed
// (or a group of attempts with --attempts). Ctrl-C interrupts; a second Ctrl-C exits at once.
import { SummonError } from '../core/errors.js';
import { summaryOf, type DoneEvent, type RunSummary } from '../core/summary.js';
import { createSession, resumeSession, type Session, type SessionOptions } from '../session/session.js';
import { sessionsDir } from '../session/paths.js';
import { killAllRunning } from '../tools/index.js';
import type { ParsedArgs } from './args.js';
import type { CliIo } from './io.js';
import { createPrinter } from './output.js';
import { resolveTask } from './task-input.js';

export async function runCommand(args: ParsedArgs, io: CliIo): Promise<number> {
  const task = await resolveTask(args.task, io);
  const interrupt = new AbortController();
  let exitNow: (() => void) | undefined;
  const onSignal = (): void => {
    if (interrupt.signal.aborted) {
      // A second Ctrl-C: stop waiting for a clean shutdown.
      killAllRunning();
      exitNow?.();
      process.exit(130);
    }
    interrupt.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const printer = createPrinter(args.outputFormat, io.stdout, io.stderr, { progress: args.verbose || io.stderrIsTty });
  const sessionOptions = { cwd: args.cwd ?? io.cwd, env: io.env, config: args.layer, configSources: args.flagSources, verify: args.verify, signal: interrupt.signal };
  try {
    if (args.group) {
      const { runGroupMode } = await import('./group-run.js');
      return await runGroupMode({ session: sessionOptions, task, group: args.group, io, printer, outputFormat: args.outputFormat, sessionsDir: sessionsDir(io.env) });
    }
    const session = args.resume ? await resumeFrom(args.resume, { ...sessionOptions, cwd: args.cwd }, io) : await createSession(sessionOptions);
    exitNow = () => void session.close();
    if (!session.sandboxed) io.stderr('summon: warning: --no-sandbox: commands run with your full user rights; exec tools need an explicit --allow\n');
    if (!session.model.known) io.stderr(`summon: note: ${session.model.id} is not in the model table; assuming a ${session.model.contextWindow.toLocaleString('en-US')}-token window and no cost (override under "models" in the config)\n`);
    let done: DoneEvent | undefined;
    try {
      for await (const event of session.run(task)) {
        if (event.type === 'done') done = event;
        printer.onEvent(event);
      }
    } finally {
      await session.close();
    }
    if (!done) throw new SummonError('internal', 'the run ended without a done event');
    const summary = summaryOf(done);
    printer.finish(done, { ...(session.journalPath ? { journal: session.journalPath } : {}) });
    if (summary.error && args.outputFormat === 'text') {
      io.stderr(`summon: error: ${summary.error.message}\n${summary.error.hint ? `  hint: ${summary.error.hint}\n` : ''}`);
    }
    return exitCodeOf(summary);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    killAllRunning();
  }
}

/** --resume ID (in the folder it worked in, unless --cwd says otherwise), or --continue: the newest session of this folder. */
async function resumeFrom(resume: NonNullable<ParsedArgs['resume']>, options: Omit<SessionOptions, 'cwd'> & { cwd: string | undefined }, io: CliIo): Promise<Session> {
  const dir = sessionsDir(io.env);
  const { cwd, ...rest } = options;
  if ('id' in resume) return resumeSession(resume.id, { ...rest, ...(cwd ? { cwd } : {}), sessionsDir: dir });
  const folder = cwd ?? io.cwd;
  const { listSessions } = await import('../session/list.js');
  const latest = listSessions(dir, { cwd: folder, limit: 1 })[0];
  if (!latest) throw new SummonError('usage', `no earlier session worked in ${folder}`, { hint: 'start one with summon -p "TASK", or pass --resume ID for a session of another folder' });
  return resumeSession(latest.id, { ...rest, cwd: folder, sessionsDir: dir });
}

export function exitCodeOf(summary: RunSummary): number {
  if (summary.reason === 'completed') return 0;
  if (summary.reason === 'interrupted') return 130;
  return summary.error?.exitCode ?? 1;
}
