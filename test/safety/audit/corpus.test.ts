// The benchmark corpus as a test: summon's change audit must reach precision and recall ≥ 0.85.
import { describe, expect, it } from 'vitest';
import { loadCorpus, runSummon, score } from '../../../bench/safety-audit/corpus.js';

describe('code-audit corpus', () => {
  it('has at least 60 snippets, about half vulnerable, covering every rule in both language families', () => {
    const corpus = loadCorpus();
    expect(corpus.length).toBeGreaterThanOrEqual(60);
    const vulnerable = corpus.filter((snippet) => snippet.vulnerable).length;
    expect(vulnerable / corpus.length).toBeGreaterThan(0.4);
    expect(vulnerable / corpus.length).toBeLessThan(0.6);
    expect(new Set(corpus.filter((snippet) => snippet.vulnerable).map((snippet) => snippet.rule)).size).toBe(10);
  });

  it('reaches precision and recall of at least 0.85', async () => {
    const corpus = loadCorpus();
    const { fired } = await runSummon(corpus);
    const result = score(corpus, fired);
    const summary = `precision ${result.precision.toFixed(3)}, recall ${result.recall.toFixed(3)}; failures:\n${result.failures.join('\n')}`;
    expect(result.precision, summary).toBeGreaterThanOrEqual(0.85);
    expect(result.recall, summary).toBeGreaterThanOrEqual(0.85);
  });
});
