import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../src/cli/args.js';

describe('parseCommandLine', () => {
  it('reads -p and run forms with their flags into a config layer', () => {
    const parsed = parseCommandLine(['-p', 'fix it', '--model', 'openai/gpt-5', '--think', '8000', '--max-turns', '7', '--max-cost', '0.5', '--timeout', '60', '--output-format', 'json']);
    expect(parsed).toMatchObject({ command: 'run', task: 'fix it', outputFormat: 'json' });
    expect(parsed.layer).toEqual({ model: 'openai/gpt-5', think: 8000, maxTurns: 7, maxCostUsd: 0.5, timeoutSec: 60 });
    expect(parsed.flagSources.maxTurns).toBe('--max-turns');
    expect(parseCommandLine(['run', 'add', 'a', 'flag']).task).toBe('add a flag');
  });

  it('rejects bad values and unknown flags with usage errors naming the flag', () => {
    expect(() => parseCommandLine(['-p', 'x', '--max-turns', 'abc'])).toThrow(/--max-turns "abc"/);
    expect(() => parseCommandLine(['-p', 'x', '--think', 'extreme'])).toThrow(/--think "extreme"/);
    expect(() => parseCommandLine(['-p', 'x', '--output-format', 'xml'])).toThrow(/--output-format "xml"/);
    expect(() => parseCommandLine(['--frobnicate'])).toThrow(/frobnicate/);
    expect(() => parseCommandLine(['deploy'])).toThrow(/unknown command "deploy"/);
  });
});
