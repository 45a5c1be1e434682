// The format verifier: regex and JSON-schema format rewards.
import { describe, expect, it } from 'vitest';
import { SummonError } from '../../src/core/errors.js';
import { formatVerifier } from '../../src/verify/format.js';

const signal = new AbortController().signal;
const check = (spec: Parameters<typeof formatVerifier>[0], response: string | undefined) =>
  formatVerifier(spec).run({ workspace: '/tmp', ...(response === undefined ? {} : { response }) }, signal);

describe('formatVerifier', () => {
  it('rewards a response matching the regex', async () => {
    expect(await check({ regex: '^<answer>\\d+</answer>$' }, '<answer>42</answer>')).toMatchObject({ reward: 1, passed: true });
    const miss = await check({ regex: '^<answer>\\d+</answer>$' }, 'answer: 42');
    expect(miss).toMatchObject({ reward: 0, passed: false });
    expect(miss.summary).toContain('does not match');
  });

  it('rewards JSON valid against the schema and says why otherwise', async () => {
    const jsonSchema = {
      type: 'object',
      properties: { name: { type: 'string' }, score: { type: 'integer' }, tags: { type: 'array', items: { type: 'string' } }, level: { enum: ['low', 'high'] } },
      required: ['name', 'score'],
    };
    expect(await check({ jsonSchema }, '{"name":"a","score":3,"tags":["x"],"level":"low"}')).toMatchObject({ reward: 1, passed: true });
    expect(await check({ jsonSchema }, '```json\n{"name":"a","score":3}\n```')).toMatchObject({ reward: 1 });
    const missing = await check({ jsonSchema }, '{"name":"a"}');
    expect(missing.reward).toBe(0);
    expect(missing.summary).toContain('score');
    const badEnum = await check({ jsonSchema }, '{"name":"a","score":1,"level":"mid"}');
    expect(badEnum.summary).toContain('level');
    const notJson = await check({ jsonSchema }, 'name: a');
    expect(notJson.summary).toContain('not JSON');
  });

  it('needs both checks to pass when both are given, and a response at all', async () => {
    const spec = { regex: '"ok"', jsonSchema: { type: 'object' }, name: 'shape' };
    expect(formatVerifier(spec).name).toBe('shape');
    expect((await check(spec, '{"ok": 1}')).passed).toBe(true);
    expect((await check(spec, '{"no": 1}')).passed).toBe(false);
    expect((await check(spec, undefined)).passed).toBe(false);
  });

  it('rejects a spec it cannot use with a typed error', () => {
    expect(() => formatVerifier({})).toThrow(SummonError);
    expect(() => formatVerifier({ regex: '(' })).toThrow(/invalid regex/);
    expect(() => formatVerifier({ jsonSchema: { type: 'bogus' } })).toThrow(/unsupported JSON schema/);
  });
});
