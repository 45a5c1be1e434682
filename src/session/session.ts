// The session core: the one door every front end uses. createSession assembles a run's parts once
// (config, provider, safety, guard, verifiers, context, journal); each session.run(task) is one
// task in the same conversation, yielding AgentEvents; resumeSession rebuilds a session from its
// journal and continues it. Asking the user is one callback, `approve`, whoever answers it.
import { existsSync } from 'node:fs';
import { answerParts, type ApprovalAnswer, type ApprovalRequest, type Approve } from '../core/approval.js';
import type { ConfigLayer } from '../core/config.js';
import { SummonError, toSummonError } from '../core/errors.js';
import { stampEvent, type AgentEvent, type AgentEventBody } from '../core/events.js';
import type { BeforeFileChange } from '../core/fs-port.js';
import type { Message } from '../core/messages.js';
import type { LoopHooks } from '../agent/hooks.js';
import { runLoop } from '../agent/loop.js';
import type { Ask } from '../agent/safety-setup.js';
import { assemble, type Assembled } from './assemble.js';
import { createEventChannel, type EventChannel } from './event-channel.js';
import { journalPath, newSessionId, openJournal, type Journal } from './journal.js';
import { sessionsDir as defaultSessionsDir } from './paths.js';
import type { JournalReplay } from './replay.js';

export interface SessionOptions {
  /** The workspace: the folder the agent works in. */
  cwd: string;
  /** `provider/model`, over the config files (e.g. `anthropic/claude-sonnet-4-5`); absent, the config decides. */
  model?: string;
  /** Environment for keys, base URLs and `SUMMON_*` settings; defaults to process.env. */
  env?: Readonly<Record<string, string | undefined>>;
  /** A config layer applied over the user and project files (same schema as .summon/config.json). */
  config?: ConfigLayer;
  /** Where fields of `config` came from, e.g. `{ maxTurns: '--max-turns' }`, for error messages and `summon config`. */
  configSources?: Readonly<Record<string, string>>;
  /** Answers every "ask" (permission rules, the guard, network hosts); absent, an ask is a deny, reported. */
  approve?: Approve;
  /** Aborting it interrupts the running task and ends the session. */
  signal?: AbortSignal;
  /** Ad-hoc verifier command lines, like `--verify "npm test"`. */
  verify?: readonly string[];
  /** Where journals are written (default `$XDG_STATE_HOME/summon/sessions`); `false` keeps no journal. */
  sessionsDir?: string | false;
  /** The session id (default: a new sortable id). */
  id?: string;
  /** Called before a tool changes a file, with its prior content (checkpoints, undo). */
  beforeFileChange?: BeforeFileChange;
  /** More loop hooks (user hooks, MCP), run after summon's own guard, permission check, gates and compaction. */
  hooks?: LoopHooks;
  /** Only these tools (by name); absent, all of them. A sub-agent gets a read-only subset. */
  tools?: readonly string[];
  /** Whether the model may start sub-agents (the `task` tool); default true, false inside a sub-agent. */
  subagents?: boolean;
}

export interface RunOptions {
  /** Aborting it interrupts this run (the session stays usable). */
  signal?: AbortSignal;
}

export interface Session {
  readonly id: string;
  /** The journal file, when the session keeps one. */
  readonly journalPath: string | undefined;
  /** The workspace's real path. */
  readonly workspace: string;
  /** The model, and whether it is in the model table (else window and prices are guesses). */
  readonly model: { id: string; known: boolean; contextWindow: number };
  /** Whether commands run inside the sandbox. */
  readonly sandboxed: boolean;
  /** The system prompt the model gets. */
  readonly system: string;
  /** One task in this conversation: its events, from session-start to done. One run at a time. */
  run(task: string, options?: RunOptions): AsyncIterable<AgentEvent>;
  /** The conversation as the model sees it now. */
  history(): Message[];
  /** Ends the session: a running task is interrupted, the journal is closed. */
  close(): Promise<void>;
}

export async function createSession(options: SessionOptions): Promise<Session> {
  return openSession(options, undefined);
}

/** Continues a session from its journal: the conversation, the run count and "allow always" grants. */
export async function resumeSession(id: string, options: Partial<SessionOptions> = {}): Promise<Session> {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(id)) throw new SummonError('usage', `"${id}" is not a session id`, { hint: 'session ids look like 20261204-031500-ab12cd (the journal file name without .jsonl)' });
  const env = options.env ?? process.env;
  const dir = options.sessionsDir === false || options.sessionsDir === undefined ? defaultSessionsDir(env) : options.sessionsDir;
  // Loaded only to resume: a new session never reads a journal.
  const [{ listSessions }, { replayJournal }] = await Promise.all([import('./list.js'), import('./replay.js')]);
  if (!existsSync(journalPath(dir, id))) {
    const recent = listSessions(dir, { limit: 5 });
    throw new SummonError('usage', `no session ${id} in ${dir}`, {
      hint: recent.length > 0 ? `recent sessions: ${recent.map((entry) => `${entry.id} (${shorten(entry.task)})`).join(', ')}` : 'no sessions were found there; start one with a task',
    });
  }
  const replay = replayJournal(journalPath(dir, id));
  const cwd = options.cwd ?? replay.cwd;
  if (!cwd) throw new SummonError('usage', `the journal of session ${id} does not say which folder it worked in`, { hint: 'pass cwd to resumeSession' });
  // The journal's model continues the conversation unless the caller names one (option or config layer).
  const keepModel = !options.model && !options.config?.model && replay.model;
  return openSession({ ...options, cwd, id, sessionsDir: dir, env, ...(keepModel ? { model: replay.model } : {}) }, replay);
}

async function openSession(options: SessionOptions, replay: JournalReplay | undefined): Promise<Session> {
  const env = options.env ?? process.env;
  const id = options.id ?? newSessionId();
  const dir = options.sessionsDir === false ? undefined : (options.sessionsDir ?? defaultSessionsDir(env));

  let journal: Journal | undefined;
  let channel: EventChannel | undefined;
  // Events from before the first run (a secret redacted from the system prompt) go into it.
  const early: AgentEvent[] = [];
  let messages: Message[] = [...(replay?.messages ?? [])];
  const deliver = (event: AgentEvent): void => {
    journal?.append(event);
    // A sub-agent's events pass through (nested); its messages are its own conversation, not this one's.
    if (event.parentSessionId === undefined && event.type === 'message') messages.push(event.message);
    else if (event.parentSessionId === undefined && event.type === 'history-replaced') messages = [...event.messages];
    if (channel) channel.push(event);
    else early.push(event);
  };
  const emit = (body: AgentEventBody): void => deliver(stampEvent(body, id));

  let runSignal: AbortSignal | undefined;
  let asked = 0;
  const approve = options.approve;
  const ask: Ask | undefined = approve
    ? async (request) => {
        const full: ApprovalRequest = { ...request, id: `ask-${++asked}` };
        emit({ type: 'permission-asked', ...full });
        const answer = await answerOrDeny(approve, full, runSignal);
        emit({ type: 'permission-answered', id: full.id, ...answerParts(answer) });
        return answer;
      }
    : undefined;

  let parts: Assembled;
  try {
    parts = await assemble({
      ...options,
      env,
      emit,
      ...(ask ? { ask } : {}),
      // Sub-agents are sessions too: same environment, config and approvals, a tool subset, no journal of their own.
      ...(options.subagents === false
        ? {}
        : {
            children: {
              parentId: id,
              forward: deliver,
              // The parent's verifiers and audit judge the parent's task when it is done, not a child's answer.
              open: (child) => {
                const { verify: _parentVerifiers, ...inherited } = options;
                return createSession({ ...inherited, ...child, config: { ...options.config, ...child.config, verify: [], audit: false }, env, subagents: false, sessionsDir: false });
              },
            },
          }),
    });
  } catch (error) {
    throw toSummonError(error);
  }
  // "Allow always" answers of the journal hold again; the guard's are asked again (they concern content seen before).
  for (const grant of replay?.grants ?? []) {
    if (grant.source !== 'guard') await parts.safety.regrant({ source: grant.source, name: grant.tool, kind: grant.kind, input: grant.input });
  }
  if (replay && replay.skippedLines > 0) {
    emit({ type: 'notice', message: `the journal of session ${id} had ${replay.skippedLines} line(s) that were not whole events (cut short when summon was stopped); they were skipped` });
  }
  if (dir) journal = openJournal(dir, id);
  for (const event of early) journal?.append(event);

  let runs = replay?.runs ?? 0;
  let running: Promise<void> | undefined;
  let closed = false;
  const sessionAbort = new AbortController();
  const onSessionSignal = (): void => sessionAbort.abort();
  if (options.signal?.aborted) sessionAbort.abort();
  options.signal?.addEventListener('abort', onSessionSignal, { once: true });

  const run = (task: string, runOptions: RunOptions = {}): AsyncIterable<AgentEvent> => {
    if (closed) throw new SummonError('usage', `session ${id} is closed`, { hint: 'start a new session, or resumeSession(id) to continue this one' });
    if (running) throw new SummonError('usage', `session ${id} is already running a task`, { hint: 'wait for its done event (or abort it) before the next run' });
    const interrupt = new AbortController();
    const onAbort = (): void => interrupt.abort();
    for (const signal of [sessionAbort.signal, runOptions.signal]) {
      if (signal?.aborted) interrupt.abort();
      signal?.addEventListener('abort', onAbort, { once: true });
    }
    const current = createEventChannel(() => interrupt.abort());
    channel = current;
    for (const event of early.splice(0)) current.push(event);
    runSignal = interrupt.signal;
    runs++;
    parts.beginRun(task);
    // Ends an index build that outlasted context.waitSec, once the run is over.
    const runEnded = new AbortController();
    running = runLoop({
      ...parts.base,
      task,
      signal: interrupt.signal,
      sessionId: id,
      emit: deliver,
      history: messages,
      run: runs,
      ...(replay && runs === replay.runs + 1 ? { resumed: true } : {}),
      openingContext: parts.openingContext(runEnded.signal),
    }).then(
      () => current.end(),
      (error: unknown) => current.end(toSummonError(error)),
    ).finally(() => {
      runEnded.abort();
      sessionAbort.signal.removeEventListener('abort', onAbort);
      runOptions.signal?.removeEventListener('abort', onAbort);
      journal?.flush();
      if (channel === current) channel = undefined;
      running = undefined;
    });
    return current.iterable;
  };

  return {
    id,
    journalPath: journal?.path,
    workspace: parts.workspace,
    model: { id: parts.model.id, known: parts.model.known, contextWindow: parts.model.info.contextWindow },
    sandboxed: parts.safety.sandboxed,
    system: parts.base.system,
    run,
    history: () => structuredClone(messages),
    async close() {
      if (closed) return;
      closed = true;
      sessionAbort.abort();
      await running;
      options.signal?.removeEventListener('abort', onSessionSignal);
      journal?.close();
    },
  };
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 40 ? `${flat.slice(0, 39)}…` : flat;
}

/** The user's answer; an approve that throws, or a run interrupted while waiting, is a deny. */
async function answerOrDeny(approve: Approve, request: ApprovalRequest, signal: AbortSignal | undefined): Promise<ApprovalAnswer> {
  if (signal?.aborted) return { deny: 'the run was interrupted' };
  let onAbort: (() => void) | undefined;
  const interrupted = new Promise<ApprovalAnswer>((resolve) => {
    onAbort = () => resolve({ deny: 'the run was interrupted' });
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([approve(request), interrupted]);
  } catch (error) {
    return { deny: `the approval could not be asked (${toSummonError(error).message})` };
  } finally {
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  }
}
