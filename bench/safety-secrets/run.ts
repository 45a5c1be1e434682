// bench/safety-secrets: precision and recall of summon's redactor on an invented corpus of secret and
// non-secret snippets (hard negatives: hashes, UUIDs, public keys, placeholders, fixtures, base64
// images), against secretlint's recommended preset alone, plus redaction throughput.
// Usage: npx tsx bench/safety-secrets/run.ts
import { performance } from 'node:perf_hooks';
import { median, printTable, writeResults } from '../lib.mjs';
import { createRedactor } from '../../src/safety/secrets/index.js';
import { detectWithSecretlint, detectWithSummon, loadSecretsCorpus, score, type Score } from './evaluate.js';

const corpus = loadSecretsCorpus();
const secrets = corpus.filter((entry) => entry.label === 'secret').length;
const results: Record<string, Score> = {
  summon: score(corpus, detectWithSummon(corpus)),
  'summon without secretlint layer': score(corpus, detectWithSummon(corpus, { secretlint: false })),
  'secretlint recommended preset': score(corpus, await detectWithSecretlint(corpus)),
};

const rows = Object.entries(results).map(([detector, result]) => ({
  detector,
  precision: result.precision.toFixed(3),
  recall: result.recall.toFixed(3),
  tp: result.truePositives,
  fp: result.falsePositives,
  fn: result.falseNegatives,
}));
printTable(`Secret detection: ${corpus.length} snippets (${secrets} secrets, ${corpus.length - secrets} clean)`, rows, [
  ['detector', 'detector'],
  ['precision', 'precision'],
  ['recall', 'recall'],
  ['tp', 'true pos'],
  ['fp', 'false pos'],
  ['fn', 'missed'],
]);

// Throughput: the whole corpus as one text, the way a long tool output arrives.
const block = corpus.map((entry) => entry.text).join('\n');
const samples: number[] = [];
for (let run = 0; run < 15; run++) {
  const started = performance.now();
  createRedactor().redact(block, 'bench');
  samples.push(performance.now() - started);
}
const kb = Buffer.byteLength(block) / 1024;
console.log(`redact(): ${kb.toFixed(0)} KB in a median ${median(samples).toFixed(1)} ms (${(kb / (median(samples) / 1000) / 1024).toFixed(2)} MB/s)`);
for (const [detector, result] of Object.entries(results)) {
  if (result.missed.length + result.falseAlarms.length > 0 && detector.startsWith('summon')) console.log(`${detector}: missed ${result.missed.join(', ') || 'none'}; false alarms ${result.falseAlarms.join(', ') || 'none'}`);
}
writeResults('safety-secrets', { corpus: { snippets: corpus.length, secrets }, results, redactMedianMs: median(samples), redactKb: kb });
