// The sessions in a journal folder, newest first, each with where it worked and its first task:
// for `--continue` (the newest session of this folder) and for naming recent sessions when an id is
// not found. Only the start of a journal is read.
import { closeSync, openSync, readdirSync, readFileSync, readSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { parseJournalLine } from './replay.js';

export interface SessionEntry {
  id: string;
  cwd: string;
  task: string;
  startedAt: string;
}

const FIRST_LINE_BYTES = 64 * 1024;

/** `cwd` keeps the sessions that worked in that folder (compared as real paths). */
export function listSessions(dir: string, options: { cwd?: string; limit?: number } = {}): SessionEntry[] {
  const wanted = options.cwd === undefined ? undefined : realPath(options.cwd);
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.endsWith('.jsonl'));
  } catch {
    return [];
  }
  // Ids begin with their UTC time, so names sort by age; group attempts (g…) are not sessions to continue.
  const ids = names.map((name) => name.slice(0, -'.jsonl'.length)).filter((id) => !id.startsWith('g')).sort().reverse();
  const found: SessionEntry[] = [];
  for (const id of ids) {
    const entry = firstEvent(path.join(dir, `${id}.jsonl`), id);
    if (!entry || (wanted !== undefined && entry.cwd !== wanted)) continue;
    found.push(entry);
    if (found.length >= (options.limit ?? Infinity)) break;
  }
  return found;
}

function firstEvent(file: string, id: string): SessionEntry | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const buffer = Buffer.alloc(FIRST_LINE_BYTES);
    const read = readSync(fd, buffer, 0, buffer.length, 0);
    // Events from before the first run (a secret redacted from the system prompt) may come first.
    for (const line of buffer.subarray(0, read).toString('utf8').split('\n').slice(0, 20)) {
      if (!line.includes('"session-start"')) continue;
      const event = parseJournalLine(line);
      if (event?.type === 'session-start') return { id, cwd: event.cwd, task: event.task, startedAt: event.ts };
    }
    return undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function realPath(dir: string): string {
  try {
    return realpathSync(path.resolve(dir));
  } catch {
    return path.resolve(dir);
  }
}

export interface SessionSummary extends SessionEntry {
  /** Runs (tasks) the session has had. */
  runs: number;
  turns: number;
  costUsd: number;
  /** When its last event was written. */
  updatedAt: string;
  /** How the last run ended, if it did. */
  lastReason?: string;
}

/** Turns, cost and runs of each listed session, summed over its journal's `done` events. */
export function summarizeSessions(dir: string, entries: readonly SessionEntry[]): SessionSummary[] {
  return entries.map((entry) => {
    const summary: SessionSummary = { ...entry, runs: 0, turns: 0, costUsd: 0, updatedAt: entry.startedAt };
    let text = '';
    try {
      text = readFileSync(path.join(dir, `${entry.id}.jsonl`), 'utf8');
    } catch {
      return summary;
    }
    for (const line of text.split('\n')) {
      // Only these two kinds of line are needed; the rest are not parsed.
      if (!line.includes('"type":"done"') && !line.includes('"type":"session-start"')) {
        const ts = /^\{"[^"]*":/.test(line) ? /"ts":"([^"]+)"/.exec(line)?.[1] : undefined;
        if (ts) summary.updatedAt = ts;
        continue;
      }
      const event = parseJournalLine(line);
      if (!event) continue;
      summary.updatedAt = event.ts;
      if (event.type === 'session-start') summary.runs++;
      else if (event.type === 'done') {
        summary.turns += event.turns;
        summary.costUsd += event.costUsd;
        summary.lastReason = event.reason;
      }
    }
    return summary;
  });
}
