// Rebuilds a session from its journal: the conversation as the model last saw it (messages, with
// what compaction replaced), the run count, and what the user allowed "always". A line cut short by
// a crash (the event in flight when summon was killed) is skipped; tool calls that never got their
// results are answered with a note, so the provider accepts the history and the model knows.
import { readFileSync } from 'node:fs';
import { SummonError } from '../core/errors.js';
import { agentEventSchema, type AgentEvent } from '../core/events.js';
import type { Message, ToolResultPart } from '../core/messages.js';

export interface Regrant {
  source: 'policy' | 'guard' | 'network';
  tool: string;
  kind: 'read' | 'write' | 'exec' | 'net';
  input: unknown;
}

export interface JournalReplay {
  cwd: string | undefined;
  model: string | undefined;
  /** Runs the session has had. */
  runs: number;
  messages: Message[];
  /** Requests the user answered "allow always". */
  grants: Regrant[];
  /** Lines that were not valid events (a line cut short by a crash is one). */
  skippedLines: number;
}

export function replayJournal(file: string): JournalReplay {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new SummonError('usage', `cannot read the session journal ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, {
      hint: 'check the session id; journals live in $XDG_STATE_HOME/summon/sessions (default ~/.local/state/summon/sessions)',
    });
  }
  const replay: JournalReplay = { cwd: undefined, model: undefined, runs: 0, messages: [], grants: [], skippedLines: 0 };
  const asked = new Map<string, Regrant>();
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const event = parseJournalLine(line);
    if (!event) {
      replay.skippedLines++;
      continue;
    }
    // A sub-agent's events are nested in its parent's journal; they are not this conversation.
    if (event.parentSessionId !== undefined) continue;
    apply(replay, asked, event);
  }
  replay.messages = answerDanglingCalls(replay.messages);
  return replay;
}

/** One journal line as an event, or undefined when it is not a whole, valid one. */
export function parseJournalLine(line: string): AgentEvent | undefined {
  try {
    const parsed = agentEventSchema.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function apply(replay: JournalReplay, asked: Map<string, Regrant>, event: AgentEvent): void {
  switch (event.type) {
    case 'session-start':
      replay.runs++;
      replay.cwd ??= event.cwd;
      replay.model = event.model;
      break;
    case 'message':
      replay.messages.push(event.message);
      break;
    case 'history-replaced':
      replay.messages = [...event.messages];
      break;
    case 'permission-asked':
      asked.set(event.id, { source: event.source, tool: event.tool, kind: event.kind, input: event.input });
      break;
    case 'permission-answered': {
      const request = asked.get(event.id);
      if (request && event.answer === 'allow-always') replay.grants.push(request);
      break;
    }
    default:
      break;
  }
}

/** Tool calls the session was stopped in the middle of get an error result saying so. */
function answerDanglingCalls(messages: Message[]): Message[] {
  const answered = new Set(messages.flatMap((message) => (message.role === 'tool' ? message.results.map((result) => result.id) : [])));
  const out: Message[] = [];
  messages.forEach((message, index) => {
    out.push(message);
    if (message.role !== 'assistant' || message.toolCalls.length === 0) return;
    const next = messages[index + 1];
    const missing = message.toolCalls.filter((call) => !answered.has(call.id));
    if (missing.length === 0 || next?.role === 'tool') return;
    const results: ToolResultPart[] = missing.map((call) => ({
      id: call.id,
      name: call.name,
      output: 'error [interrupted]: the session was stopped before this call finished; it may have run in part or not at all, so check before repeating it',
      isError: true,
    }));
    out.push({ role: 'tool', results });
  });
  return out;
}
