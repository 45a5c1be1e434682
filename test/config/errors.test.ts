import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SummonError } from '../../src/core/errors.js';
import { loadConfig } from '../../src/config/index.js';
import { makeSandbox, type Sandbox } from './helpers.js';

let box: Sandbox;
beforeEach(async () => {
  box = await makeSandbox();
});
afterEach(async () => {
  await box.cleanup();
});

async function failure(run: () => Promise<unknown>): Promise<SummonError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof SummonError) return error;
    throw error;
  }
  throw new Error('expected loadConfig to fail');
}

describe('invalid configuration messages', () => {
  it('names the file, field, found value and expected type', async () => {
    await box.write(box.userFile, { maxTurns: 'ten' });
    const error = await failure(() => loadConfig({ cwd: box.cwd, env: box.env }));
    expect(error.code).toBe('config-invalid');
    expect(error.exitCode).toBe(2);
    expect(error.message).toContain(box.userFile);
    expect(error.message).toContain('maxTurns');
    expect(error.message).toContain('"ten"');
    expect(error.message).toContain('expected a number');
    expect(error.hint).toContain(`fix or remove the field in ${box.userFile}`);
  });

  it('names nested fields and format expectations', async () => {
    await box.write(box.projectFile, { providers: { openai: { baseUrl: 'not a url' } } });
    const error = await failure(() => loadConfig({ cwd: box.cwd, env: box.env }));
    expect(error.message).toContain(box.projectFile);
    expect(error.message).toContain('providers.openai.baseUrl');
    expect(error.message).toContain('"not a url"');
    expect(error.message).toContain('expected a URL');
  });

  it('lists the allowed values of an enum', async () => {
    await box.write(box.userFile, { models: { 'openai/gpt-5': { reasoning: 'deep' } } });
    const error = await failure(() => loadConfig({ cwd: box.cwd, env: box.env }));
    expect(error.message).toContain('models.openai/gpt-5.reasoning');
    expect(error.message).toContain('"deep"');
    expect(error.message).toContain('expected one of "none", "effort", "budget"');
  });

  it('explains both alternatives of a union and numeric bounds', async () => {
    await box.write(box.userFile, { think: 'extreme', compactAt: 2 });
    const error = await failure(() => loadConfig({ cwd: box.cwd, env: box.env }));
    expect(error.message).toContain('think: found "extreme"');
    expect(error.message).toContain('"off", "low", "medium", "high" or a number');
    expect(error.message).toContain('compactAt: found 2, expected a number <= 0.95');
  });

  it('suggests the nearest field for an unknown key', async () => {
    await box.write(box.userFile, { maxTurn: 5, providers: { openai: { baseURL: 'https://x.example.com' } } });
    const error = await failure(() => loadConfig({ cwd: box.cwd, env: box.env }));
    expect(error.message).toContain(box.userFile);
    expect(error.message).toContain("unknown field 'maxTurn', did you mean 'maxTurns'?");
    expect(error.message).toContain("providers.openai.baseURL: unknown field 'baseURL', did you mean 'baseUrl'?");
    // Two problems, each on its own line of the one message.
    expect(error.message.split('\n')).toHaveLength(3);
  });

  it('lists the known fields when no field is close', async () => {
    await box.write(box.userFile, { retry: { zzz: 1 } });
    const error = await failure(() => loadConfig({ cwd: box.cwd, env: box.env }));
    expect(error.message).toContain("retry.zzz: unknown field 'zzz' (known fields: maxAttempts, baseDelayMs, maxDelayMs, requestTimeoutMs)");
  });

  it('gives the line and column of a JSON syntax error', async () => {
    await box.write(box.projectFile, '{\n  "maxTurns": 5,\n  "think": "low",\n}\n');
    const error = await failure(() => loadConfig({ cwd: box.cwd, env: box.env }));
    expect(error.code).toBe('config-invalid');
    expect(error.message).toContain(box.projectFile);
    expect(error.message).toContain('line 4, column 1');
  });

  it('never echoes a secret it rejects', async () => {
    await box.write(box.userFile, { providers: { openai: { apiKey: ['sk-proj-abcdefghijklmnopqrstuvwxyz'] } } });
    const error = await failure(() => loadConfig({ cwd: box.cwd, env: box.env }));
    expect(error.message).toContain('providers.openai.apiKey');
    expect(error.message).not.toContain('abcdefghijklmnop');
  });

  it('names the variable for an invalid environment value', async () => {
    const error = await failure(() => loadConfig({ cwd: box.cwd, env: { ...box.env, SUMMON_MAX_TURNS: 'abc' } }));
    expect(error.code).toBe('config-invalid');
    expect(error.message).toContain('SUMMON_MAX_TURNS');
    expect(error.message).toContain('maxTurns');
    expect(error.message).toContain('"abc"');
    expect(error.message).toContain('expected a number');
    expect(error.hint).toContain('SUMMON_MAX_TURNS');
  });

  it('rejects a model id without a provider from the environment', async () => {
    const error = await failure(() => loadConfig({ cwd: box.cwd, env: { ...box.env, SUMMON_MODEL: 'gpt-5', SUMMON_THINK: 'lots' } }));
    expect(error.message).toContain('SUMMON_MODEL (model): found "gpt-5", expected "provider/model"');
    expect(error.message).toContain('SUMMON_THINK (think): found "lots"');
  });

  it('names the flag for an invalid flag value', async () => {
    const error = await failure(() => loadConfig({ cwd: box.cwd, env: box.env, flags: { maxTurns: 0 }, flagSources: { maxTurns: '--max-turns' } }));
    expect(error.message).toContain('--max-turns (maxTurns): found 0, expected a number > 0');
  });
});
