// The benchmark corpus (bench/verify-math/corpus.jsonl) as a regression test: at least 97% of its
// hand-labelled cases must be judged as labelled; failures are listed in the message.
import { expect, it } from 'vitest';
import { loadCorpus } from '../../../bench/verify-math/corpus.js';
import { verifyMath } from '../../../src/verify/math/index.js';

it('judges the hand-written corpus as labelled (≥ 97%)', () => {
  const corpus = loadCorpus();
  expect(corpus.length).toBeGreaterThanOrEqual(300);
  const failures = corpus
    .filter((item) => verifyMath(item.prediction, item.gold).correct !== item.expected)
    .map((item) => `#${item.id} [${item.category}] gold ${item.gold} · prediction ${item.prediction.slice(0, 80)} · expected ${item.expected}`);
  const accuracy = (corpus.length - failures.length) / corpus.length;
  expect(accuracy, `misjudged ${failures.length} of ${corpus.length}:\n${failures.join('\n')}`).toBeGreaterThanOrEqual(0.97);
});
