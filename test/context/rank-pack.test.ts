import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SummonError } from '../../src/core/errors.js';
import { openIndex, packContext, rankContext, tokenCounter, type ContextIndex } from '../../src/context/index.js';
import { makeSampleRepo, type TempRepo } from './helpers.js';

let repo: TempRepo;
let index: ContextIndex;
beforeAll(async () => {
  repo = makeSampleRepo();
  index = (await openIndex({ cwd: repo.root, cacheDir: repo.cacheDir })).index;
});
afterAll(() => {
  index.close();
  repo.remove();
});

describe('rankContext', () => {
  it('rejects a query with no searchable words', () => {
    for (const query of ['', '   ', 'the and of it', '!!! ???']) {
      let thrown: unknown;
      try {
        rankContext(index, query);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(SummonError);
      expect(thrown).toMatchObject({ code: 'usage', message: expect.stringMatching(/no searchable words/) });
    }
  });

  it('puts the file defining an identifier named in the query first, and says so', () => {
    const [first] = rankContext(index, 'parseConfig returns the wrong retries');
    expect(first?.path).toBe('src/config.ts');
    expect(first?.symbols[0]).toBe('parseConfig');
    expect(first?.reasons).toContain('defines `parseConfig`, named in the query');
  });

  it('finds a file by what its past commits say it is for, in words the file does not contain', () => {
    const ranked = rankContext(index, 'requests hang past the deadline', { top: 3 });
    expect(ranked[0]?.path).toBe('src/pool.py');
    expect(ranked[0]?.reasons.some((reason) => /^its commits mention 'deadline' 2 times/.test(reason))).toBe(true);
  });

  it('ranks tests below the source they test', () => {
    const ranked = rankContext(index, 'deadline sockets client', { top: 10 });
    const paths = ranked.map((entry) => entry.path);
    expect(paths.indexOf('src/client.ts')).toBeLessThan(paths.indexOf('test/client.test.ts') === -1 ? Infinity : paths.indexOf('test/client.test.ts'));
    const client = ranked.find((entry) => entry.path === 'src/client.ts');
    expect(client?.reasons.join('\n')).toMatch(/its commits mention 'deadline'/);
    expect(ranked.every((entry) => entry.score > 0 && Array.isArray(entry.symbols))).toBe(true);
  });

  it('honours top and returns repo-relative paths', () => {
    const ranked = rankContext(index, 'client config', { top: 2 });
    expect(ranked).toHaveLength(2);
    for (const entry of ranked) expect(entry.path.startsWith('/')).toBe(false);
  });
});

describe('packContext', () => {
  it('never goes over the budget and accounts for every piece in the manifest', async () => {
    const count = await tokenCounter('o200k_base');
    for (const budgetTokens of [60, 200, 500, 4000]) {
      const pack = await packContext(index, 'parseConfig retries for the client', { budgetTokens, tokenizer: 'o200k_base' });
      expect(pack.tokens).toBeLessThanOrEqual(budgetTokens);
      expect(count(pack.text)).toBe(pack.tokens);
      for (const entry of pack.manifest) {
        expect(entry.tokens).toBeGreaterThan(0);
        expect(entry.why.length).toBeGreaterThan(0);
      }
    }
  });

  it('includes the relevant span of the top file, the repo map, types used and recent commits', async () => {
    const pack = await packContext(index, 'makeClient builds a client from text', { budgetTokens: 4000, tokenizer: 'cl100k_base' });
    const kinds = new Set(pack.manifest.map((entry) => entry.kind));
    expect(kinds).toEqual(new Set(['map', 'span', 'commits']));
    const span = pack.manifest.find((entry) => entry.kind === 'span' && entry.path === 'src/client.ts');
    expect(span?.lines).toEqual([1, 13]);
    expect(pack.text).toContain('export function makeClient(text: string): Client');
    expect(pack.text).toMatch(/deadline: keep waiting sockets from hanging forever \(.*src\/client\.ts/);
  });

  it('adds type definitions from files outside the pack when the code uses them', async () => {
    const pack = await packContext(index, 'makeClient', { budgetTokens: 4000, top: 1 });
    expect(pack.manifest.map((entry) => entry.path)).toContain('src/client.ts');
    const type = pack.manifest.find((entry) => entry.kind === 'type');
    expect(type).toMatchObject({ path: 'src/config.ts', lines: [1, 1], why: 'defines `Config`, used by the code above' });
  });
});
