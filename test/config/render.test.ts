import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig, renderConfig, renderConfigJson } from '../../src/config/index.js';
import { makeSandbox, type Sandbox } from './helpers.js';

const OPENAI_KEY = 'sk-proj-0123456789abcdefWXYZ';
const HEADER_TOKEN = 'Bearer tok-9876543210zyxwvuQRST';

let box: Sandbox;
beforeEach(async () => {
  box = await makeSandbox();
});
afterEach(async () => {
  await box.cleanup();
});

async function loaded() {
  await box.write(box.projectFile, {
    model: 'openai/gpt-5',
    providers: {
      openai: { headers: { Authorization: HEADER_TOKEN, 'X-Team': 'infra' } },
      proxy: { type: 'openai-compatible', baseUrl: 'https://user:hunter2pass@proxy.example.com/v1', apiKey: 'short' },
    },
  });
  return loadConfig({ cwd: box.cwd, env: { ...box.env, OPENAI_API_KEY: OPENAI_KEY }, flags: { maxTurns: 3 }, flagSources: { maxTurns: '--max-turns' } });
}

describe('renderConfig', () => {
  it('shows one line per leaf with its value and source', async () => {
    const { config, sources } = await loaded();
    const text = renderConfig(config, sources);
    const lines = text.split('\n');
    expect(lines).toHaveLength(sources.size);
    expect(lines.find((line) => line.startsWith('maxTurns '))).toMatch(/^maxTurns\s+= 3\s+\(flag --max-turns\)$/);
    expect(lines.find((line) => line.startsWith('model '))).toMatch(new RegExp(`= "openai/gpt-5"\\s+\\(project file ${box.projectFile}\\)$`));
    expect(lines.find((line) => line.startsWith('retry.maxAttempts '))).toMatch(/= 5\s+\(default\)$/);
    expect(text).toContain('providers.openai.headers.X-Team');
    expect(text).toContain('"infra"');
  });

  it('masks every secret', async () => {
    const { config, sources } = await loaded();
    const text = renderConfig(config, sources);
    expect(text).not.toContain(OPENAI_KEY);
    expect(text).not.toContain('0123456789abcdef');
    expect(text).not.toContain('9876543210');
    expect(text).not.toContain('hunter2pass');
    expect(text).not.toContain('short');
    expect(text).toMatch(/providers\.openai\.apiKey\s+= sk-…WXYZ\s+\(env:OPENAI_API_KEY\)/);
    expect(text).toMatch(/providers\.proxy\.apiKey\s+= \*\*\*\*/);
    expect(text).toContain('…QRST');
    expect(text).toContain('https://user:****@proxy.example.com/v1');
  });
});

describe('renderConfigJson', () => {
  it('maps each path to its masked value and source', async () => {
    const { config, sources } = await loaded();
    const json = renderConfigJson(config, sources);
    expect(json.maxTurns).toEqual({ value: 3, source: 'flag --max-turns' });
    expect(json['providers.openai.apiKey']).toEqual({ value: 'sk-…WXYZ', source: 'env:OPENAI_API_KEY' });
    expect(json['retry.requestTimeoutMs']).toEqual({ value: 120_000, source: 'default' });
    const serialized = JSON.stringify(json);
    expect(serialized).not.toContain(OPENAI_KEY);
    expect(serialized).not.toContain(HEADER_TOKEN);
    expect(serialized).not.toContain('hunter2pass');
  });
});
