// Regression guard for the bench/safety-secrets corpus: the targets, failures listed by id.
import { describe, expect, it } from 'vitest';
import { detectWithSummon, loadSecretsCorpus, score } from '../../../bench/safety-secrets/evaluate.js';

describe('secrets corpus', () => {
  it('keeps precision >= 0.97 and recall >= 0.95', () => {
    const corpus = loadSecretsCorpus();
    expect(corpus.length).toBeGreaterThanOrEqual(150);
    const result = score(corpus, detectWithSummon(corpus));
    const report = `precision ${result.precision.toFixed(3)}, recall ${result.recall.toFixed(3)}; missed: ${result.missed.join(', ') || 'none'}; false alarms: ${result.falseAlarms.join(', ') || 'none'}`;
    expect(result.precision >= 0.97 && result.recall >= 0.95, report).toBe(true);
  });
});
