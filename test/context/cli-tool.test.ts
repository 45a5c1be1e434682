import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run as contextRun } from '../../src/cli/context-command.js';
import { run as indexRun } from '../../src/cli/index-command.js';
import type { CliIo } from '../../src/cli/io.js';
import { createContextTool } from '../../src/context/tool.js';
import type { ToolContext } from '../../src/core/tool.js';
import { makeSampleRepo, type TempRepo } from './helpers.js';

let repo: TempRepo;
beforeAll(() => {
  repo = makeSampleRepo();
});
afterAll(() => repo.remove());

function io(): CliIo & { out: string; err: string } {
  const captured = {
    out: '',
    err: '',
    stdout: (text: string) => void (captured.out += text),
    stderr: (text: string) => void (captured.err += text),
    env: { XDG_CACHE_HOME: repo.cacheDir, HOME: repo.cacheDir },
    cwd: repo.root,
    stderrIsTty: false,
  };
  return captured;
}

describe('summon index', () => {
  it('builds the index in the cache folder and reports what it did', async () => {
    const first = io();
    expect(await indexRun([], first)).toBe(0);
    expect(first.out).toMatch(/^indexed 6 files in [\d.]+ s: 6 parsed, 0 unchanged, 0 removed; 3 commits of history\nindex: .*summon\/index\/repo-[0-9a-f]{12}\.sqlite\n$/);
    const second = io();
    expect(await indexRun(['--cwd', `${repo.root}/src`], second)).toBe(0);
    expect(second.out).toMatch(/0 parsed, 6 unchanged/);
  });

  it('refuses unknown flags', async () => {
    await expect(indexRun(['--fast'], io())).rejects.toMatchObject({ code: 'usage' });
  });
});

describe('summon context', () => {
  it('--json prints [{path, score, reasons, symbols}] with repo-relative paths', async () => {
    const out = io();
    expect(await contextRun(['parseConfig', 'defaults', '--json', '--top', '2'], out)).toBe(0);
    const parsed: unknown = JSON.parse(out.out);
    expect(parsed).toEqual([
      { path: 'src/config.ts', score: expect.any(Number), reasons: expect.arrayContaining(['defines `parseConfig`, named in the query']), symbols: expect.arrayContaining(['parseConfig']) },
      expect.objectContaining({ path: expect.stringMatching(/^src\//) }),
    ]);
  });

  it('prints a readable ranking with reasons', async () => {
    const out = io();
    expect(await contextRun(['requests hang past the deadline'], out)).toBe(0);
    expect(out.out).toMatch(/^repo: \d+ files?, best first\n\n1\. src\/pool\.py {2}\(score [\d.]+\)\n/);
    expect(out.out).toMatch(/- its commits mention 'deadline' 2 times/);
  });

  it('--pack prints the packed context within --budget and the manifest on stderr', async () => {
    const out = io();
    expect(await contextRun(['makeClient', '--pack', '--budget', '300'], out)).toBe(0);
    expect(out.out).toMatch(/^# Context for: makeClient/);
    expect(out.err).toMatch(/^packed \d+ of 300 tokens \(o200k_base\):\n {2}(map|span)/);
  });

  it('explains bad input', async () => {
    await expect(contextRun([], io())).rejects.toMatchObject({ code: 'usage', message: 'no query given' });
    await expect(contextRun(['the of and'], io())).rejects.toMatchObject({ code: 'usage', message: expect.stringMatching(/no searchable words/) });
    await expect(contextRun(['x', '--budget', '10'], io())).rejects.toMatchObject({ code: 'usage' });
    await expect(contextRun(['client', '--top', 'many'], io())).rejects.toMatchObject({ code: 'usage', message: '--top expects a whole number, got "many"' });
  });
});

describe('context tool', () => {
  it('searches the index of the workspace', async () => {
    const tool = createContextTool({ cacheDir: `${repo.cacheDir}/tool` });
    expect(tool).toMatchObject({ name: 'context', kind: 'read' });
    expect(tool.input.safeParse({ query: 'x', top: 0 }).success).toBe(false);
    const ctx = { workspace: repo.root, signal: new AbortController().signal } as unknown as ToolContext;
    const result = await tool.execute({ query: 'parseConfig', top: 2 }, ctx);
    expect(result.output).toMatch(/^1\. src\/config\.ts \(score [\d.]+\)\n {3}symbols: parseConfig.*\n {3}why: defines `parseConfig`, named in the query/);
    // A second search reuses the open index and sees a new file.
    repo.write('src/limits.ts', 'export function throttleUploads(): void {}\n');
    expect((await tool.execute({ query: 'throttleUploads' }, ctx)).output).toMatch(/^1\. src\/limits\.ts/);
  });
});
