import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/core/config.js';
import { loadConfig } from '../../src/config/index.js';
import { makeSandbox, type Sandbox } from './helpers.js';

let box: Sandbox;
beforeEach(async () => {
  box = await makeSandbox();
});
afterEach(async () => {
  await box.cleanup();
});

describe('loadConfig layers', () => {
  it('returns the defaults when nothing is configured', async () => {
    const { config, sources, files } = await loadConfig({ cwd: box.cwd, env: box.env });
    expect(config).toEqual(DEFAULT_CONFIG);
    expect(files).toEqual([]);
    expect(sources.get('maxTurns')).toBe('default');
    expect(sources.get('retry.maxAttempts')).toBe('default');
  });

  it('applies defaults < user file < project file < env < flags, and records each source', async () => {
    await box.write(box.userFile, { model: 'openai/gpt-5', maxTurns: 10, commandTimeoutSec: 60, compactAt: 0.7, think: 'low' });
    await box.write(box.projectFile, { model: 'anthropic/claude-sonnet-4-5', maxTurns: 20, compactAt: 0.6, think: 'medium' });
    const env = { ...box.env, SUMMON_MODEL: 'google/gemini-2.5-pro', SUMMON_MAX_TURNS: '30', SUMMON_THINK: 'high' };
    const { config, sources, files } = await loadConfig({
      cwd: box.cwd,
      env,
      flags: { model: 'deepseek/deepseek-chat', maxTurns: 40 },
      flagSources: { model: '--model', maxTurns: '--max-turns' },
    });

    expect(files).toEqual([box.userFile, box.projectFile]);
    expect(config.model).toBe('deepseek/deepseek-chat');
    expect(sources.get('model')).toBe('flag --model');
    expect(config.maxTurns).toBe(40);
    expect(sources.get('maxTurns')).toBe('flag --max-turns');
    expect(config.think).toBe('high');
    expect(sources.get('think')).toBe('env:SUMMON_THINK');
    expect(config.compactAt).toBe(0.6);
    expect(sources.get('compactAt')).toBe(`project file ${box.projectFile}`);
    expect(config.commandTimeoutSec).toBe(60);
    expect(sources.get('commandTimeoutSec')).toBe(`user file ${box.userFile}`);
    expect(config.maxToolOutputChars).toBe(DEFAULT_CONFIG.maxToolOutputChars);
    expect(sources.get('maxToolOutputChars')).toBe('default');
  });

  it('names an unlisted flag after its field', async () => {
    const { sources } = await loadConfig({ cwd: box.cwd, env: box.env, flags: { maxCostUsd: 2, retry: { maxAttempts: 2 } } });
    expect(sources.get('maxCostUsd')).toBe('flag --max-cost-usd');
    expect(sources.get('retry.maxAttempts')).toBe('flag --max-attempts');
  });

  it('deep-merges providers, models and retry across layers', async () => {
    await box.write(box.userFile, {
      providers: { openai: { baseUrl: 'https://proxy.example.com/v1', headers: { 'X-Team': 'a' } } },
      models: { 'ollama/qwen3': { contextWindow: 65_536 } },
      retry: { maxAttempts: 3 },
    });
    await box.write(box.projectFile, {
      providers: { openai: { headers: { 'X-Project': 'b' } }, local: { type: 'openai-compatible', baseUrl: 'http://localhost:8080/v1' } },
      models: { 'ollama/qwen3': { tools: false } },
      retry: { baseDelayMs: 100 },
    });
    const { config, sources } = await loadConfig({ cwd: box.cwd, env: { ...box.env, OPENAI_API_KEY: 'sk-test-1234567890abcd' } });

    expect(config.providers.openai).toEqual({
      baseUrl: 'https://proxy.example.com/v1',
      headers: { 'X-Team': 'a', 'X-Project': 'b' },
      apiKey: 'sk-test-1234567890abcd',
    });
    expect(config.providers.local?.type).toBe('openai-compatible');
    expect(config.models['ollama/qwen3']).toEqual({ contextWindow: 65_536, tools: false });
    expect(config.retry).toEqual({ ...DEFAULT_CONFIG.retry, maxAttempts: 3, baseDelayMs: 100 });
    expect(sources.get('providers.openai.apiKey')).toBe('env:OPENAI_API_KEY');
    expect(sources.get('providers.openai.baseUrl')).toBe(`user file ${box.userFile}`);
    expect(sources.get('providers.openai.headers.X-Project')).toBe(`project file ${box.projectFile}`);
    expect(sources.get('retry.maxAttempts')).toBe(`user file ${box.userFile}`);
    expect(sources.get('retry.baseDelayMs')).toBe(`project file ${box.projectFile}`);
    expect(sources.get('retry.maxDelayMs')).toBe('default');
  });

  it('replaces scalars rather than merging them', async () => {
    await box.write(box.userFile, { think: 'high' });
    await box.write(box.projectFile, { think: 4096 });
    const { config } = await loadConfig({ cwd: box.cwd, env: box.env });
    expect(config.think).toBe(4096);
  });

  it('prefers XDG_CONFIG_HOME, and an explicit userConfigDir over both', async () => {
    const xdg = join(box.root, 'xdg');
    await box.write(join(xdg, 'summon', 'config.json'), { maxTurns: 7 });
    await box.write(box.userFile, { maxTurns: 8 });
    const fromXdg = await loadConfig({ cwd: box.cwd, env: { ...box.env, XDG_CONFIG_HOME: xdg } });
    expect(fromXdg.config.maxTurns).toBe(7);

    const explicit = join(box.root, 'elsewhere');
    await box.write(join(explicit, 'config.json'), { maxTurns: 9 });
    const fromExplicit = await loadConfig({ cwd: box.cwd, env: { ...box.env, XDG_CONFIG_HOME: xdg }, userConfigDir: explicit });
    expect(fromExplicit.config.maxTurns).toBe(9);
  });

  it('finds the project file at the nearest folder with .git or .summon', async () => {
    const nested = join(box.repo, 'packages', 'app');
    await mkdir(join(nested, '.summon'), { recursive: true });
    await box.write(box.projectFile, { maxTurns: 11 });
    await box.write(join(nested, '.summon', 'config.json'), { maxTurns: 12 });

    const inner = await loadConfig({ cwd: join(nested, 'src'), env: box.env });
    expect(inner.projectRoot).toBe(nested);
    expect(inner.config.maxTurns).toBe(12);
    const outer = await loadConfig({ cwd: box.cwd, env: box.env });
    expect(outer.projectRoot).toBe(box.repo);
    expect(outer.config.maxTurns).toBe(11);
  });

  it('has no project layer outside a repository', async () => {
    const { projectRoot, files } = await loadConfig({ cwd: box.home, env: { XDG_CONFIG_HOME: join(box.root, 'none') } });
    expect(projectRoot).toBeUndefined();
    expect(files).toEqual([]);
  });

  it('maps provider keys from the environment, preferring GEMINI_API_KEY', async () => {
    const env = {
      ...box.env,
      ANTHROPIC_API_KEY: 'sk-ant-aaaaaaaaaaaaaaaa',
      ANTHROPIC_BASE_URL: 'https://anthropic.example.com/v1',
      GOOGLE_GENERATIVE_AI_API_KEY: 'google-key-loses',
      GEMINI_API_KEY: 'gemini-key-wins',
      OPENROUTER_API_KEY: 'or-key',
      DEEPSEEK_API_KEY: 'ds-key',
      OPENAI_BASE_URL: '',
    };
    const { config, sources } = await loadConfig({ cwd: box.cwd, env });
    expect(config.providers.anthropic).toEqual({ apiKey: 'sk-ant-aaaaaaaaaaaaaaaa', baseUrl: 'https://anthropic.example.com/v1' });
    expect(config.providers.google?.apiKey).toBe('gemini-key-wins');
    expect(sources.get('providers.google.apiKey')).toBe('env:GEMINI_API_KEY');
    expect(config.providers.openrouter?.apiKey).toBe('or-key');
    expect(config.providers.deepseek?.apiKey).toBe('ds-key');
    expect(config.providers.openai).toBeUndefined();
  });

  it('reads a custom provider key from the variable its apiKeyEnv names', async () => {
    await box.write(box.projectFile, { providers: { together: { type: 'openai-compatible', baseUrl: 'https://api.together.xyz/v1', apiKeyEnv: 'TOGETHER_KEY' } } });
    const { config, sources } = await loadConfig({ cwd: box.cwd, env: { ...box.env, TOGETHER_KEY: 'tg-secret' } });
    expect(config.providers.together?.apiKey).toBe('tg-secret');
    expect(sources.get('providers.together.apiKey')).toBe('env:TOGETHER_KEY');
  });

  it('quotes record keys that contain dots in source paths', async () => {
    await box.write(box.userFile, { models: { 'openai/gpt-4.1': { inputPrice: 1 } } });
    const { sources } = await loadConfig({ cwd: box.cwd, env: box.env });
    expect(sources.get('models["openai/gpt-4.1"].inputPrice')).toBe(`user file ${box.userFile}`);
  });
});
