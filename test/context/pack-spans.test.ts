import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openIndex, packContext, type ContextIndex } from '../../src/context/index.js';
import { makeRepo, type TempRepo } from './helpers.js';

// Thirty small handlers; nine of them, late in the file, retry with backoff.
const RELEVANT = [20, 21, 22, 23, 24, 25, 26, 27, 28];
const handlers = Array.from({ length: 30 }, (_, n) =>
  [`export function handler${n}(value: number): number {`, RELEVANT.includes(n) ? `  return retryBackoff(value, ${n});` : `  return value + ${n};`, '}', ''].join('\n'),
).join('\n');

let repo: TempRepo;
let index: ContextIndex;
beforeAll(async () => {
  repo = makeRepo();
  repo.commit('handlers', {
    'src/handlers.ts': `import { retryBackoff } from './backoff.js';\n\n${handlers}`,
    'src/backoff.ts': 'export function retryBackoff(value: number, attempt: number): number {\n  return value * 2 ** attempt;\n}\n',
  });
  index = (await openIndex({ cwd: repo.root, cacheDir: repo.cacheDir })).index;
});
afterAll(() => {
  index.close();
  repo.remove();
});

describe('packContext span selection', () => {
  it('offers every matching definition of a file when the budget allows, not a fixed handful', async () => {
    const pack = await packContext(index, 'retryBackoff grows too fast', { budgetTokens: 8000 });
    const spans = pack.manifest.filter((entry) => entry.kind === 'span' && entry.path === 'src/handlers.ts' && /`handler\d+`/.test(entry.why));
    expect(spans).toHaveLength(RELEVANT.length);
    for (const n of RELEVANT) expect(pack.text).toContain(`return retryBackoff(value, ${n});`);
  });

  it('keeps the repo map short: the relevant signatures of a long file, and a count of the rest', async () => {
    const pack = await packContext(index, 'retryBackoff grows too fast', { budgetTokens: 8000 });
    const map = pack.text.slice(pack.text.indexOf('## Repository map'), pack.text.indexOf('## Relevant code'));
    const listed = map.match(/export function handler\d+/g) ?? [];
    expect(listed).toHaveLength(12);
    expect(map).toContain('… 18 more');
    for (const n of RELEVANT) expect(map).toContain(`export function handler${n}(`);
  });
});
