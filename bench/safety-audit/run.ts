// Code-audit benchmark: precision and recall of summon's change audit on a hand-written corpus of
// vulnerable and safe snippets (TS/JS and Python), against eslint-plugin-security on the JS/TS part.
// Run: npx tsx bench/safety-audit/run.ts
import { performance } from 'node:perf_hooks';
import { printTable, writeResults } from '../lib.mjs';
import { loadCorpus, runSummon, score, type Snippet } from './corpus.js';
import { runEslintSecurity } from './eslint-baseline.js';

const corpus = loadCorpus();
const jsts = corpus.filter((snippet) => snippet.language !== 'py');
const python = corpus.filter((snippet) => snippet.language === 'py');

const started = performance.now();
const summon = await runSummon(corpus);
const summonMs = performance.now() - started;
const eslint = await runEslintSecurity(jsts);

const row = (detector: string, set: string, snippets: readonly Snippet[], fired: ReadonlyMap<string, readonly string[]>) => {
  const result = score(snippets, fired);
  return {
    detector,
    set,
    snippets: snippets.length,
    vulnerable: snippets.filter((snippet) => snippet.vulnerable).length,
    tp: result.tp,
    fp: result.fp,
    fn: result.fn,
    precision: result.precision.toFixed(3),
    recall: result.recall.toFixed(3),
    failures: result.failures,
  };
};

const rows = [
  row('summon', 'all', corpus, summon.fired),
  row('summon', 'js/ts', jsts, summon.fired),
  row('summon', 'python', python, summon.fired),
  row('eslint-plugin-security', 'js/ts', jsts, eslint.fired),
];
printTable('Code audit: precision and recall per snippet', rows, [
  ['detector', 'detector'], ['set', 'set'], ['snippets', 'snippets'], ['vulnerable', 'vulnerable'], ['tp', 'TP'], ['fp', 'FP'], ['fn', 'FN'], ['precision', 'precision'], ['recall', 'recall'],
]);

const rules = [...new Set(corpus.map((snippet) => snippet.rule))].sort();
const perRule = rules.map((rule) => {
  const subset = corpus.filter((snippet) => snippet.rule === rule);
  const result = score(subset, summon.fired);
  const eslintSubset = jsts.filter((snippet) => snippet.rule === rule);
  const baseline = score(eslintSubset, eslint.fired);
  return { rule, vulnerable: subset.filter((s) => s.vulnerable).length, safe: subset.filter((s) => !s.vulnerable).length, summonFound: result.tp, summonFalseAlarms: result.fp, eslintFound: baseline.tp, eslintFalseAlarms: baseline.fp };
});
printTable('Per rule (eslint-plugin-security: JS/TS snippets only)', perRule, [
  ['rule', 'rule'], ['vulnerable', 'vulnerable'], ['safe', 'safe'], ['summonFound', 'summon found'], ['summonFalseAlarms', 'summon false alarms'], ['eslintFound', 'eslint found'], ['eslintFalseAlarms', 'eslint false alarms'],
]);
for (const entry of rows) if (entry.failures.length > 0) console.log(`${entry.detector} (${entry.set}): ${entry.failures.join('; ')}`);
console.log(`summon audited ${corpus.length} snippets in ${summonMs.toFixed(0)} ms (grammar loading included)`);
console.log(`eslint-plugin-security rules that fired: ${[...eslint.rules].map(([id, count]) => `${id}×${count}`).join(', ')}`);

writeResults('safety-audit', {
  corpus: { snippets: corpus.length, vulnerable: corpus.filter((s) => s.vulnerable).length, safe: corpus.filter((s) => !s.vulnerable).length, jsts: jsts.length, python: python.length },
  results: rows,
  perRule,
  eslintRules: Object.fromEntries(eslint.rules),
  summonMs: Math.round(summonMs),
});
