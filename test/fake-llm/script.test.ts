// Scripts loaded from JSON are validated with one clear error naming what is wrong.
import { describe, expect, it } from 'vitest';
import { fakeScriptSchema, parseFakeScript } from '../../src/fake-llm/index.js';

describe('fakeScriptSchema', () => {
  it('accepts a script written as JSON', () => {
    const json = JSON.stringify([
      { reasoning: 'think', text: 'hi', usage: { inputTokens: 10, outputTokens: 5 } },
      { toolCalls: [{ name: 'run', input: { command: 'ls' }, id: 'call_1' }, { name: 'run', rawArguments: '{"bad' }] },
      { fault: { kind: 'status', status: 429, retryAfterSec: 2, message: 'slow down' }, delayMs: 10 },
      { fault: { kind: 'cut' }, text: 'partial', chunkDelayMs: 5 },
      { fault: { kind: 'hang' } },
      { fault: { kind: 'reset' } },
    ]);
    const script = fakeScriptSchema.parse(JSON.parse(json));
    expect(script).toHaveLength(6);
    expect(script[1]?.toolCalls?.[1]?.rawArguments).toBe('{"bad');
  });

  it.each([
    ['not an array', { text: 'hi' }],
    ['an unknown fault', [{ fault: { kind: 'explode' } }]],
    ['a status that is not an error', [{ fault: { kind: 'status', status: 200 } }]],
    ['negative token counts', [{ text: 'x', usage: { inputTokens: -1 } }]],
    ['a misspelt field', [{ txt: 'hi' }]],
    ['a tool call without a name', [{ toolCalls: [{ input: {} }] }]],
  ])('rejects %s', (_label, value) => {
    expect(fakeScriptSchema.safeParse(value).success).toBe(false);
  });

  it('explains where a script is wrong', () => {
    expect(() => parseFakeScript([{ text: 'ok' }, { fault: { kind: 'status', status: 'busy' } }])).toThrow(/invalid script[\s\S]*\[1\]\.fault/);
    expect(() => parseFakeScript([{ txt: 'hi' }])).toThrow(/txt/);
  });
});
