// The session journal: every event of a run appended as one JSON line, from the first event on.
// Each line is written with a synchronous write(2), so a crash or Ctrl-C of summon loses nothing;
// the file is fsync'd when the run ends (and at close), so it also survives a power cut from then.
// Text deltas and command progress are not journaled: the complete messages and results they add up to are.
import { closeSync, fdatasyncSync, mkdirSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { AgentEvent } from '../core/events.js';

export interface Journal {
  readonly path: string;
  append(event: AgentEvent): void;
  /** fsync: what was appended survives a power cut. */
  flush(): void;
  close(): void;
}

const NOT_JOURNALED = new Set<AgentEvent['type']>(['text-delta', 'reasoning-delta', 'tool-progress']);

export function journalPath(dir: string, sessionId: string): string {
  return path.join(dir, `${sessionId}.jsonl`);
}

export function openJournal(dir: string, sessionId: string): Journal {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = journalPath(dir, sessionId);
  const fd = openSync(file, 'a', 0o600);
  let open = true;
  return {
    path: file,
    append(event) {
      if (!open || NOT_JOURNALED.has(event.type)) return;
      writeSync(fd, `${JSON.stringify(event)}\n`);
      if (event.type === 'done') fdatasyncSync(fd);
    },
    flush() {
      if (open) fdatasyncSync(fd);
    },
    close() {
      if (!open) return;
      open = false;
      fdatasyncSync(fd);
      closeSync(fd);
    },
  };
}

/** A sortable, unique session id: UTC time plus randomness. */
export function newSessionId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
  return `${stamp}-${Math.random().toString(36).slice(2, 8)}`;
}
