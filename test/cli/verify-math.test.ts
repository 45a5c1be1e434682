// `summon verify math` and the JSON Lines stream it shares with `summon verify code`: one output
// line per input line, in order, written as soon as possible, errors per line.
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SummonError } from '../../src/core/errors.js';
import type { CliIo } from '../../src/cli/io.js';
import { processJsonLines } from '../../src/cli/jsonl-stream.js';
import { HELP, run } from '../../src/cli/verify-math-command.js';

function fakeIo(): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (text) => void out.push(text), stderr: (text) => void err.push(text), env: {}, cwd: '/tmp', stderrIsTty: false };
}

const parseLines = (chunks: string[]): unknown[] => chunks.join('').trim().split('\n').map((line) => JSON.parse(line));

describe('summon verify math', () => {
  it('judges JSON Lines from stdin, one line out per line in, in order', async () => {
    const io = fakeIo();
    const input = [
      { id: 'a', gold: '\\frac12', prediction: 'so \\boxed{0.5}' },
      { id: 'b', gold: '3', prediction: 'The answer is 4.' },
      '',
      'not json',
      { id: 7, gold: 2 },
      { id: 'c', gold: 42, prediction: '#### 42' },
    ].map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n');
    expect(await run(['--json'], io, Readable.from([input]))).toBe(0);
    const lines = parseLines(io.out);
    expect(lines).toHaveLength(5);
    expect(lines[0]).toEqual({ id: 'a', correct: true, reward: 1, extracted: '0.5' });
    expect(lines[1]).toEqual({ id: 'b', correct: false, reward: 0, extracted: '4' });
    expect(lines[2]).toMatchObject({ line: 4, error: expect.stringContaining('invalid JSON') });
    expect(lines[3]).toMatchObject({ line: 5, id: 7, error: expect.stringContaining('prediction') });
    expect(lines[4]).toEqual({ id: 'c', correct: true, reward: 1, extracted: '42' });
  });

  it('checks one answer with --gold and --prediction, exit code 0 when correct', async () => {
    const io = fakeIo();
    expect(await run(['--gold', '(1, 2]', '--prediction', 'The answer is $1 < x \\le 2$.'], io)).toBe(0);
    expect(io.out.join('')).toMatch(/^correct \(reward 1\)/);
    const wrong = fakeIo();
    expect(await run(['--gold', '3', '--prediction', 'either 3 or 5'], wrong)).toBe(1);
    expect(wrong.out.join('')).toContain('extracted: (none)');
  });

  it('refuses unknown flags and missing inputs with a usage error and a hint', async () => {
    await expect(run(['--bogus'], fakeIo())).rejects.toMatchObject({ code: 'usage' });
    await expect(run(['--gold', '3'], fakeIo())).rejects.toMatchObject({ code: 'usage', hint: expect.any(String) });
    expect(HELP).toContain('summon verify math --json');
  });
});

describe('processJsonLines', () => {
  it('writes each result as soon as it and all before it are done, before EOF', async () => {
    const input = new PassThrough();
    const written: string[] = [];
    const releases: Array<() => void> = [];
    const handle = async (value: unknown): Promise<Record<string, unknown>> => {
      const { n } = z.object({ n: z.number() }).parse(value);
      await new Promise<void>((resolve) => releases.push(resolve));
      return { n };
    };
    const done = processJsonLines(input, handle, (line) => written.push(line), { concurrency: 4 });
    input.write('{"n":1}\n{"n":2}\n{"n":3}\n');
    await until(() => releases.length === 3);
    releases[2]!(); // the third finishes first: nothing may be written yet
    await tick();
    expect(written).toEqual([]);
    releases[0]!();
    await until(() => written.length === 1);
    expect(written).toEqual(['{"n":1}\n']);
    releases[1]!();
    await until(() => written.length === 3);
    expect(written.join('')).toBe('{"n":1}\n{"n":2}\n{"n":3}\n');
    input.end();
    expect(await done).toEqual({ lines: 3, errors: 0 });
  });

  it('never runs more than `concurrency` lines at once', async () => {
    let active = 0;
    let peak = 0;
    const handle = async (): Promise<Record<string, unknown>> => {
      active++;
      peak = Math.max(peak, active);
      await tick();
      active--;
      return {};
    };
    const lines = Array.from({ length: 20 }, (_, index) => `{"i":${index}}`).join('\n');
    const result = await processJsonLines(Readable.from([lines]), handle, () => {}, { concurrency: 3 });
    expect(result).toEqual({ lines: 20, errors: 0 });
    expect(peak).toBe(3);
  });

  it('turns a SummonError from the handler into an error line with the id, and goes on', async () => {
    const written: string[] = [];
    const handle = async (value: unknown): Promise<Record<string, unknown>> => {
      if ((value as { bad?: boolean }).bad) throw new SummonError('usage', 'bad line', { hint: 'fix it' });
      return { ok: true };
    };
    const result = await processJsonLines(Readable.from(['{"id":"x","bad":true}\r\n\n{"id":"y"}\n']), handle, (line) => written.push(line));
    expect(result).toEqual({ lines: 2, errors: 1 });
    expect(parseLines(written)).toEqual([{ error: 'bad line (fix it)', line: 1, id: 'x' }, { ok: true }]);
  });
});

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 1));

async function until(condition: () => boolean): Promise<void> {
  for (let attempt = 0; attempt < 500 && !condition(); attempt++) await tick();
  expect(condition()).toBe(true);
}
