import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { agentEventSchema, type AgentEvent } from '../../src/core/events.js';
import { newSessionId, openJournal } from '../../src/session/journal.js';

describe('journal', () => {
  it('appends every event but text deltas as one JSON line each, readable while open', () => {
    const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'summon-journal-')), 'nested', 'sessions');
    const sessionId = newSessionId(new Date('2026-03-04T05:06:07Z'));
    expect(sessionId).toMatch(/^20260304-050607-[a-z0-9]+$/);
    const journal = openJournal(dir, sessionId);
    const base = { ts: '2026-03-04T05:06:07.000Z', sessionId };
    const events: AgentEvent[] = [
      { ...base, type: 'session-start', task: 't', model: 'm/x', cwd: '/w', version: '1' },
      { ...base, type: 'text-delta', id: '1.1', turn: 1, text: 'partial' },
      { ...base, type: 'message', message: { role: 'user', content: 't' } },
    ];
    for (const event of events) journal.append(event);
    // Flushed on each append: a crash now loses nothing already appended.
    const lines = readFileSync(journal.path, 'utf8').trim().split('\n');
    expect(lines.map((line) => agentEventSchema.parse(JSON.parse(line)).type)).toEqual(['session-start', 'message']);
    journal.close();
    journal.append(events[0]!);
    expect(readFileSync(journal.path, 'utf8').trim().split('\n')).toHaveLength(2);
  });
});
