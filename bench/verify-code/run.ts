// Code-verifier benchmark: accuracy on the corpus (expected verdicts), every unsafe case contained,
// throughput on 2 cores, and per-run overhead over running the interpreter bare.
// Run: npx tsx bench/verify-code/run.ts
import { spawn } from 'node:child_process';
import { median, printTable, writeResults } from '../lib.mjs';
import { runCodeCase, type CodeResult } from '../../src/verify/code/index.js';
import { CORPUS } from './corpus.js';

const CONCURRENCY = 2;
const OVERHEAD_RUNS = 30;

async function runAll(): Promise<{ results: CodeResult[]; seconds: number }> {
  const results: CodeResult[] = new Array(CORPUS.length);
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < CORPUS.length) {
      const index = next++;
      results[index] = await runCodeCase(CORPUS[index]!.codeCase);
    }
  }));
  return { results, seconds: (performance.now() - started) / 1000 };
}

const { results, seconds } = await runAll();
const byCategory = new Map<string, { cases: number; correct: number; wrong: string[] }>();
CORPUS.forEach((entry, index) => {
  const result = results[index]!;
  const row = byCategory.get(entry.category) ?? { cases: 0, correct: 0, wrong: [] };
  row.cases += 1;
  if (result.verdict === entry.expected) row.correct += 1;
  else row.wrong.push(`${String(result.id)}: got ${result.verdict}, want ${entry.expected}`);
  byCategory.set(entry.category, row);
});
const rows = [...byCategory].map(([category, row]) => ({ category, cases: row.cases, correct: row.correct, wrong: row.wrong.join('; ') || '-' }));
printTable('Verdicts by category', rows, [['category', 'category'], ['cases', 'cases'], ['correct', 'correct'], ['wrong', 'wrong']]);
const correct = rows.reduce((sum, row) => sum + row.correct, 0);
const unsafe = CORPUS.map((entry, index) => ({ entry, result: results[index]! })).filter(({ entry }) => entry.unsafe);
const contained = unsafe.filter(({ result }) => result.verdict !== 'pass').length;
const executions = results.reduce((sum, result) => sum + result.tests.length, 0);
const quick = results.filter((result) => result.verdict !== 'timeout');
const quickExecutions = quick.reduce((sum, result) => sum + result.tests.length, 0);
const quickSeconds = quick.reduce((sum, result) => sum + result.elapsed_ms, 0) / 1000 / CONCURRENCY;

function bare(command: string, args: string[]): Promise<number> {
  const started = performance.now();
  return new Promise((resolve) => {
    // A clean environment: the benchmark runs under tsx, whose NODE_OPTIONS would slow a bare node down.
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: '/usr/bin:/bin', LANG: 'C.UTF-8' } });
    child.stdout.resume();
    child.on('close', () => resolve(performance.now() - started));
  });
}
async function overhead(language: 'python' | 'javascript', program: string, command: string, args: string[]) {
  const sandboxed: number[] = [];
  const plain: number[] = [];
  for (let run = 0; run < OVERHEAD_RUNS; run += 1) {
    plain.push(await bare(command, args));
    const result = await runCodeCase({ language, program, tests: [{ stdin: '', expected_stdout: '1' }] });
    sandboxed.push(result.tests[0]!.elapsed_ms);
  }
  return { language, bare: median(plain), sandboxed: median(sandboxed), overhead: median(sandboxed) - median(plain) };
}
const overheads = [
  await overhead('python', 'print(1)', '/usr/bin/python3', ['-c', 'print(1)']),
  await overhead('javascript', 'console.log(1)', process.execPath, ['-e', 'console.log(1)']),
];
printTable(`Per-run overhead over the bare interpreter, ms (median of ${OVERHEAD_RUNS}; target ≤ 30 ms)`, overheads, [['language', 'language'], ['bare', 'bare'], ['sandboxed', 'sandboxed'], ['overhead', 'overhead']]);
const summary = [
  { figure: 'cases', value: CORPUS.length },
  { figure: 'accuracy', value: `${correct}/${CORPUS.length} (${((100 * correct) / CORPUS.length).toFixed(1)}%)` },
  { figure: 'unsafe cases contained', value: `${contained}/${unsafe.length}` },
  { figure: 'test executions', value: executions },
  { figure: `wall time, ${CONCURRENCY} at once (s)`, value: seconds.toFixed(1) },
  { figure: 'executions/s (whole corpus, incl. deliberate timeouts)', value: (executions / seconds).toFixed(1) },
  { figure: 'executions/s (cases without timeouts)', value: (quickExecutions / quickSeconds).toFixed(1) },
];
printTable('Code verifier', summary, [['figure', 'figure'], ['value', 'value']]);
writeResults('verify-code', {
  cases: CORPUS.length, correct, unsafe: unsafe.length, unsafeContained: contained, executions, wallSeconds: seconds,
  executionsPerSecond: executions / seconds, executionsPerSecondWithoutTimeouts: quickExecutions / quickSeconds,
  overheadMs: overheads, categories: rows,
});
