// Rebuilding a session from its journal: messages in order, compaction's replacement history,
// "allow always" grants, a torn last line skipped, and tool calls left without results answered.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import type { AgentEvent } from '../../src/core/events.js';
import { replayJournal } from '../../src/session/replay.js';

const base = { ts: '2026-12-04T00:00:00.000Z', sessionId: 's' };

function journal(events: AgentEvent[], tail = ''): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'summon-replay-')), 's.jsonl');
  writeFileSync(file, events.map((event) => `${JSON.stringify(event)}\n`).join('') + tail);
  return file;
}

it('replays messages, replaced history and grants; skips a torn line; answers dangling tool calls', () => {
  const call = { id: 'c1', name: 'bash', input: { command: 'make' } };
  const file = journal(
    [
      { ...base, type: 'session-start', task: 't', model: 'openai/gpt-5', cwd: '/w', version: '1', run: 1 },
      { ...base, type: 'message', message: { role: 'user', content: 'first task' } },
      { ...base, type: 'message', message: { role: 'assistant', text: 'old', reasoning: [], toolCalls: [] } },
      { ...base, type: 'history-replaced', reason: 'compaction', messages: [{ role: 'user', content: 'summary' }] },
      { ...base, type: 'permission-asked', id: 'ask-1', source: 'policy', tool: 'bash', kind: 'exec', input: { command: 'make' }, reason: 'r' },
      { ...base, type: 'permission-answered', id: 'ask-1', answer: 'allow-always' },
      { ...base, type: 'permission-asked', id: 'ask-2', source: 'policy', tool: 'bash', kind: 'exec', input: { command: 'rm x' }, reason: 'r' },
      { ...base, type: 'permission-answered', id: 'ask-2', answer: 'allow' },
      { ...base, type: 'message', message: { role: 'assistant', text: '', reasoning: [], toolCalls: [call] } },
    ],
    '{"ts":"2026-12-04T00:00:01.000Z","sessionId":"s","type":"tool-res',
  );
  const replay = replayJournal(file);
  expect(replay).toMatchObject({ cwd: '/w', model: 'openai/gpt-5', runs: 1, skippedLines: 1 });
  expect(replay.grants).toEqual([{ source: 'policy', tool: 'bash', kind: 'exec', input: { command: 'make' } }]);
  expect(replay.messages.slice(0, 2)).toEqual([{ role: 'user', content: 'summary' }, { role: 'assistant', text: '', reasoning: [], toolCalls: [call] }]);
  expect(replay.messages[2]).toMatchObject({ role: 'tool', results: [{ id: 'c1', name: 'bash', isError: true, output: expect.stringContaining('stopped before this call finished') }] });
  expect(replay.messages).toHaveLength(3);
});
