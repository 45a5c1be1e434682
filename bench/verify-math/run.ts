// bench/verify-math: accuracy of summon's math verifier on a hand-written corpus (per policy
// category) against a naive last-\boxed{} string match, time per case, and throughput on a batch
// of 1,024 verifications (the reward server's hot path).
// Usage: npx tsx bench/verify-math/run.ts
import { judgeMath, verifyMath } from '../../src/verify/math/index.js';

import { median, percentile, printTable, writeResults } from '../lib.mjs';
import { loadCorpus, naiveVerify } from './corpus.js';

const corpus = loadCorpus();

// mathjs is loaded on first symbolic use (about a second); load it before timing cases.
const importStarted = performance.now();
judgeMath('\\boxed{x^2}', 'x \\cdot x');
const mathjsLoadMs = performance.now() - importStarted;

interface Tally { cases: number; summon: number; naive: number }
const byCategory = new Map<string, Tally>();
const times: number[] = [];
const failures: string[] = [];
for (const item of corpus) {
  const started = performance.now();
  const judgement = judgeMath(item.prediction, item.gold);
  times.push(performance.now() - started);
  const tally = byCategory.get(item.category) ?? { cases: 0, summon: 0, naive: 0 };
  tally.cases++;
  if (judgement.correct === item.expected) tally.summon++;
  else failures.push(`#${item.id} ${item.category}: gold ${item.gold} · extracted ${judgement.extracted.slice(0, 60)} (${judgement.reason}) · expected ${item.expected}`);
  if (naiveVerify(item.prediction, item.gold) === item.expected) tally.naive++;
  byCategory.set(item.category, tally);
}

const percent = (part: number, whole: number): number => (100 * part) / whole;
const rows = [...byCategory].map(([category, tally]) => ({
  category,
  cases: tally.cases,
  summon: percent(tally.summon, tally.cases),
  naive: percent(tally.naive, tally.cases),
}));
const total = rows.reduce((sum, row) => sum + row.cases, 0);
const summonRight = [...byCategory.values()].reduce((sum, tally) => sum + tally.summon, 0);
const naiveRight = [...byCategory.values()].reduce((sum, tally) => sum + tally.naive, 0);
rows.push({ category: 'OVERALL', cases: total, summon: percent(summonRight, total), naive: percent(naiveRight, total) });
printTable(`bench/verify-math — accuracy (% of cases judged as labelled; target ≥ 97%)`, rows, [
  ['category', 'category'],
  ['cases', 'cases'],
  ['summon', 'summon %'],
  ['naive', 'naive last-box %'],
]);
if (failures.length > 0) console.log(`summon misjudged:\n  ${failures.join('\n  ')}\n`);

// Throughput: a batch of 1,024 typical reward-server answers (GRPO groups share a gold answer).
const golds = ['42', '\\frac{3}{4}', '0.5', '2\\sqrt{3}', '(1, 2)', 'x^2 + 1', '\\{1, 2\\}', '[0, 1)'];
const answers = ['42', '0.75', '\\frac12', '\\sqrt{12}', '(1,2)', '1 + x^2', '\\{2, 1\\}', '[0,1)', '41', '3/4', 'x = 5', '12'];
const batch = Array.from({ length: 1024 }, (_, index) => ({
  gold: golds[index % golds.length]!,
  prediction: `Let me work it out step by step. ${'We simplify the expression. '.repeat(20)}So the answer is $\\boxed{${answers[(index * 7) % answers.length]!}}$.`,
}));
const integerBatch = Array.from({ length: 1024 }, (_, index) => ({ gold: String(index % 97), prediction: `${'Reasoning. '.repeat(40)}#### ${index % 89}` }));
const throughput = (items: Array<{ gold: string; prediction: string }>): number[] => {
  const rates: number[] = [];
  for (let round = 0; round < 5; round++) {
    const started = performance.now();
    for (const item of items) verifyMath(item.prediction, item.gold);
    rates.push(items.length / ((performance.now() - started) / 1000));
  }
  return rates;
};
const mixedRates = throughput(batch);
const integerRates = throughput(integerBatch);
const timing = [
  { measure: 'corpus: median ms per case', value: median(times) },
  { measure: 'corpus: p99 ms per case', value: percentile(times, 99) },
  { measure: 'corpus: max ms per case (target < 1000)', value: Math.max(...times) },
  { measure: 'mathjs first load ms (once per process)', value: mathjsLoadMs },
  { measure: 'batch 1,024 mixed answers: verifications/s (median of 5)', value: Math.round(median(mixedRates)) },
  { measure: 'batch 1,024 integer answers: verifications/s (median of 5)', value: Math.round(median(integerRates)) },
];
printTable('bench/verify-math — time (target ≥ 2,000 verifications/s)', timing, [
  ['measure', 'measure'],
  ['value', 'value'],
]);
writeResults('verify-math', {
  corpusCases: total,
  accuracy: { summon: percent(summonRight, total), naive: percent(naiveRight, total) },
  categories: rows,
  failures,
  timing: Object.fromEntries(timing.map((row) => [row.measure, row.value])),
});
