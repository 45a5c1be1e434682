import { describe, expect, it } from 'vitest';
import { compactionHook, elideOldToolOutputs, estimateMessagesTokens, splitForSummary } from '../../src/agent/compaction.js';
import type { HistoryContext } from '../../src/agent/hooks.js';
import type { AgentEventBody } from '../../src/core/events.js';
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

describe('the compaction hook', () => {
  it('compacts in batches: after a rewrite the conversation grows for many turns before the next one (each rewrite costs the cache)', async () => {
    const hook = compactionHook({ compactAt: 0.5, task: () => 'task', summarizePrompt: 'summarise', maxSummaryTokens: 100 });
    const events: AgentEventBody[] = [];
    let history: Message[] = [{ role: 'user', content: 'task' }];
    const rewrites: number[] = [];
    for (let turn = 1; turn <= 120; turn++) {
      const context: HistoryContext = {
        workspace: '/w',
        signal: new AbortController().signal,
        emit: (event) => events.push(event),
        turn,
        lastInputTokens: 0,
        contextWindow: 100_000,
        measure: (list) => 500 + estimateMessagesTokens(list),
        complete: async () => 'a summary',
      };
      const replaced = await hook(history, context);
      if (replaced) {
        rewrites.push(turn);
        history = replaced;
      }
      // Each turn the model writes ~700 tokens (which eliding cannot drop) and reads a file of ~1,000.
      const [call, result] = toolRound(turn, `${turn % 10}`.repeat(3_500));
      history = [...history, { ...(call as Extract<Message, { role: 'assistant' }>), text: 'because '.repeat(306) }, result!];
    }
    expect(rewrites.length).toBeGreaterThan(1);
    // Never a little every turn: with ~1,700 tokens a turn against a 50,000-token threshold, each
    // rewrite leaves room for many turns before the next.
    const gaps = rewrites.slice(1).map((turn, index) => turn - rewrites[index]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(5);
    expect(events.filter((event) => event.type === 'compaction').every((event) => event.type === 'compaction' && (event.cacheTokensLost ?? 0) > 0)).toBe(true);
  });
});
