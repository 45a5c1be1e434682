// Building verifiers from config and ad-hoc flags, combining verdicts, running them in order.
import { describe, expect, it } from 'vitest';
import type { Verifier } from '../../../src/core/verify.js';
import { defaultSpawn } from '../../../src/tools/index.js';
import { verificationSchema } from '../../../src/core/events.js';
import { adhocSpec, buildVerifiers, combineVerdicts, runVerifiers, toVerification, verifyConfigSchema } from '../../../src/verify/registry.js';
import { makeProject } from './helpers.js';

const signal = new AbortController().signal;

describe('verifier registry', () => {
  it('validates the config list: kinds, weights, command required for "command"', () => {
    expect(verifyConfigSchema.safeParse([{ kind: 'test', weight: 2 }, { kind: 'lint', command: 'npx eslint .' }]).success).toBe(true);
    expect(verifyConfigSchema.safeParse([{ kind: 'command' }]).success).toBe(false);
    expect(verifyConfigSchema.safeParse([{ kind: 'fuzz' }]).success).toBe(false);
    expect(verifyConfigSchema.safeParse([{ kind: 'test', weight: -1 }]).success).toBe(false);
  });

  it('builds named verifiers (numbered when repeated), ad-hoc ones after, extra ones last', () => {
    const extra: Verifier = { name: 'math', run: async () => ({ reward: 1, passed: true, summary: 'ok' }) };
    const verifiers = buildVerifiers([{ kind: 'test', weight: 3 }, { kind: 'typecheck' }], { spawn: defaultSpawn, adhoc: ['npm test', 'make check'], extra: [extra] });
    expect(verifiers.map((v) => [v.name, v.weight])).toEqual([
      ['test', 3],
      ['typecheck', 1],
      ['test-2', 1],
      ['command', 1],
      ['math', undefined],
    ]);
    expect(adhocSpec('pytest -q')).toEqual({ kind: 'test', command: 'pytest -q' });
  });

  it('combines verdicts into a weighted mean; passed only when all pass', () => {
    const combined = combineVerdicts(
      { test: { reward: 0.5, passed: false, summary: 'tests: 1/2 passed' }, lint: { reward: 1, passed: true, summary: 'lint: passed' } },
      { test: 3, lint: 1 },
    );
    expect(combined.reward).toBeCloseTo((3 * 0.5 + 1) / 4);
    expect(combined.passed).toBe(false);
    expect(combined.rewards).toEqual({ test: 0.5, lint: 1 });
    expect(combined.report).toBe('[FAIL 0.50] tests: 1/2 passed\n[pass 1.00] lint: passed');
    expect(combineVerdicts({})).toMatchObject({ reward: 0, passed: false });
  });

  it('runs verifiers in order on the workspace; one that throws scores 0 with its reason', async () => {
    const workspace = makeProject({ 'ok.txt': 'x' });
    const broken: Verifier = { name: 'broken', run: async () => { throw new Error('no such tool'); } };
    const [check] = buildVerifiers([{ kind: 'command', command: 'test -f ok.txt', name: 'has-file' }], { spawn: defaultSpawn });
    const result = await runVerifiers([check!, broken], { workspace }, signal);
    expect(result.rewards).toEqual({ 'has-file': 1, broken: 0 });
    expect(result.reward).toBe(0.5);
    expect(result.verdicts.broken!.summary).toBe('broken: could not run: no such tool');
    expect(verificationSchema.parse(toVerification(result)).verifiers.map((v) => [v.name, v.reward, v.weight])).toEqual([
      ['has-file', 1, 1],
      ['broken', 0, 1],
    ]);
  });
});
