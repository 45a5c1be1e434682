// bench/safety-injection: recall and false-alarm rate of the prompt-injection detector on an invented
// corpus (injections: direct, hidden in comments/tags/zero-width, encoded, fake turns, exfiltration;
// benign: security docs about injection, install instructions, AGENTS.md, code, issues, tool output).
// Usage: npx tsx bench/safety-injection/run.ts
import { performance } from 'node:perf_hooks';
import { median, printTable, writeResults } from '../lib.mjs';
import { scanInjection } from '../../src/safety/injection/index.js';
import { evaluateInjection, loadInjectionCorpus } from './evaluate.js';

const corpus = loadInjectionCorpus();
const { score, scans } = evaluateInjection(corpus);
const bySource = new Map<string, { injections: number; detected: number; benign: number; falseAlarms: number }>();
corpus.forEach((entry, index) => {
  const row = bySource.get(entry.source) ?? { injections: 0, detected: 0, benign: 0, falseAlarms: 0 };
  const flagged = scans[index]?.flagged === true;
  if (entry.label === 'injection') {
    row.injections++;
    if (flagged) row.detected++;
  } else {
    row.benign++;
    if (flagged) row.falseAlarms++;
  }
  bySource.set(entry.source, row);
});
const rows = [...bySource.entries(), ['all', { injections: score.injections, detected: score.detected, benign: score.benign, falseAlarms: score.falseAlarms }] as const].map(([source, row]) => ({
  source,
  injections: row.injections,
  recall: (row.detected / Math.max(1, row.injections)).toFixed(3),
  benign: row.benign,
  falseAlarmRate: (row.falseAlarms / Math.max(1, row.benign)).toFixed(3),
}));
printTable(`Prompt-injection detection: ${corpus.length} texts`, rows, [['source', 'source'], ['injections', 'injections'], ['recall', 'recall'], ['benign', 'benign'], ['falseAlarmRate', 'false alarms']]);

const samples: number[] = [];
for (let run = 0; run < 15; run++) {
  const started = performance.now();
  for (const entry of corpus) scanInjection(entry.text, entry.source, { path: entry.path });
  samples.push((performance.now() - started) / corpus.length);
}
console.log(`scanInjection(): median ${median(samples).toFixed(2)} ms per text`);
if (score.missed.length + score.falseAlarmIds.length > 0) console.log(`missed: ${score.missed.join(', ') || 'none'}; false alarms: ${score.falseAlarmIds.join(', ') || 'none'}`);
writeResults('safety-injection', { corpus: { texts: corpus.length, injections: score.injections, benign: score.benign }, score, perTextMedianMs: median(samples) });
