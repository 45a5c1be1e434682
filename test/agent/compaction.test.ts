import { describe, expect, it } from 'vitest';
import { elideOldToolOutputs, splitForSummary } from '../../src/agent/compaction.js';
import type { Message } from '../../src/core/messages.js';

function toolRound(index: number, output: string): Message[] {
  return [
    { role: 'assistant', text: '', reasoning: [], toolCalls: [{ id: `c${index}`, name: 'read', input: { path: `f${index}` } }] },
    { role: 'tool', results: [{ id: `c${index}`, name: 'read', output, isError: false }] },
  ];
}

describe('compaction', () => {
  const history: Message[] = [{ role: 'user', content: 'task' }, ...toolRound(1, 'a'.repeat(5_000)), ...toolRound(2, 'b'.repeat(5_000)), ...toolRound(3, 'c'.repeat(5_000))];

  it('elides old tool outputs but keeps the two most recent', () => {
    const result = elideOldToolOutputs(history);
    expect(result.elided).toBe(1);
    expect(result.charsDropped).toBe(5_000);
    const outputs = result.messages.flatMap((m) => (m.role === 'tool' ? m.results.map((r) => r.output) : []));
    expect(outputs[0]).toMatch(/^\[elided to save context: 5000 chars of read output/);
    expect(outputs[1]).toBe('b'.repeat(5_000));
    expect(outputs[2]).toBe('c'.repeat(5_000));
  });

  it('splits for a summary at the last assistant message so calls stay with results', () => {
    const split = splitForSummary(history);
    expect(split?.head).toHaveLength(5);
    expect(split?.tail[0]).toMatchObject({ role: 'assistant' });
    expect(split?.tail[1]).toMatchObject({ role: 'tool' });
  });
});
