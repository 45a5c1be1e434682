// bench/reward-server: throughput and latency of the reward server over real HTTP on 127.0.0.1,
// with its real verifiers: a batch of 1,024 math answers (target ≥ 2,000 verifications/s) and 256
// sandboxed code runs, as one batch and as single requests from concurrent clients.
// Usage: npx tsx bench/reward-server/run.ts
import { Agent, request } from 'node:http';
import { availableParallelism } from 'node:os';
import { createRewardServer } from '../../src/verify/server/index.js';
import { median, percentile, printTable, writeResults } from '../lib.mjs';

const ROUNDS = 5;
const CLIENTS = 16;
const CODE_CLIENTS = 8;
const concurrency = availableParallelism();

const started = performance.now();
const server = await createRewardServer({ host: '127.0.0.1', port: 0, concurrency, queueLimit: 100_000, maxBodyBytes: 64 * 1024 * 1024 });
const startupMs = performance.now() - started;

// A keep-alive client like a trainer's requests.Session or aiohttp session (fetch costs more per request).
const agent = new Agent({ keepAlive: true, maxSockets: 64 });

function post(path: string, body: unknown): Promise<{ ms: number; json: unknown }> {
  const begin = performance.now();
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const call = request(`${server.url}${path}`, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if (response.statusCode !== 200) reject(new Error(`${path}: ${response.statusCode} ${text.slice(0, 300)}`));
        else resolve({ ms: performance.now() - begin, json: JSON.parse(text) as unknown });
      });
    });
    call.on('error', reject);
    call.end(payload);
  });
}

/** Runs `count` requests from `clients` concurrent clients; returns each request's latency and the wall time. */
async function clients(count: number, parallel: number, make: (index: number) => [string, unknown]): Promise<{ latencies: number[]; wallMs: number }> {
  const latencies: number[] = [];
  let next = 0;
  const begin = performance.now();
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < count) {
        const [path, body] = make(next++);
        latencies.push((await post(path, body)).ms);
      }
    }),
  );
  return { latencies, wallMs: performance.now() - begin };
}

// Typical RL answers: long reasoning, then a boxed answer; GRPO groups share a gold answer.
const golds = ['42', '\\frac{3}{4}', '0.5', '2\\sqrt{3}', '(1, 2)', 'x^2 + 1', '\\{1, 2\\}', '[0, 1)'];
const answers = ['42', '0.75', '\\frac12', '\\sqrt{12}', '(1,2)', '1 + x^2', '\\{2, 1\\}', '[0,1)', '41', '3/4', 'x = 5', '12'];
const prompt = 'Solve the problem and put the final answer in \\boxed{}.\nProblem: …\n';
const mathItems = Array.from({ length: 1024 }, (_, index) => ({
  id: index,
  kind: 'math' as const,
  gold: golds[index % golds.length]!,
  prediction: `Let me work it out step by step. ${'We simplify the expression. '.repeat(20)}So the answer is $\\boxed{${answers[(index * 7) % answers.length]!}}$.`,
}));

const rows: Array<Record<string, unknown>> = [];
const figures: Record<string, unknown> = { concurrency, startupMsIncludingMathWarmUp: Math.round(startupMs) };

// 1. Math: one /v1/verify request of 1,024 items, and the same as an OpenRLHF /get_reward batch.
for (const [name, path, body] of [
  ['math 1,024 · POST /v1/verify (one batch)', '/v1/verify', { items: mathItems }],
  ['math 1,024 · POST /get_reward (one batch)', '/get_reward', { query: mathItems.map((item) => prompt + item.prediction), prompts: mathItems.map(() => prompt), labels: mathItems.map((item) => item.gold) }],
] as const) {
  const times: number[] = [];
  await post(path, body); // JIT warm-up
  for (let round = 0; round < ROUNDS; round++) times.push((await post(path, body)).ms);
  const perSecond = 1024 / (median(times) / 1000);
  rows.push({ workload: name, items: 1024, perSecond, p50: median(times), p95: percentile(times, 95) });
  figures[name] = { verificationsPerSecond: Math.round(perSecond), requestMsMedian: median(times), requestMsP95: percentile(times, 95) };
}

// 2. Math: 1,024 single-answer requests (/compute_score, verl's shape) from 16 concurrent clients.
{
  const { latencies, wallMs } = await clients(1024, CLIENTS, (index) => ['/compute_score', { data_source: 'lighteval/MATH', solution_str: mathItems[index]!.prediction, ground_truth: mathItems[index]!.gold }]);
  const name = `math 1,024 · POST /compute_score (1 per request, ${CLIENTS} clients)`;
  rows.push({ workload: name, items: 1024, perSecond: 1024 / (wallMs / 1000), p50: median(latencies), p95: percentile(latencies, 95) });
  figures[name] = { verificationsPerSecond: Math.round(1024 / (wallMs / 1000)), requestMsMedian: median(latencies), requestMsP95: percentile(latencies, 95) };
}

// 3. Code: 256 Python runs as one /v1/verify batch (3 in 4 right), then 256 /run_code requests.
const codeItems = Array.from({ length: 256 }, (_, index) => ({
  id: index,
  kind: 'code' as const,
  language: 'python' as const,
  program: index % 4 === 3 ? 'print(int(input()) + 1)' : 'print(int(input()) * 2)',
  tests: [{ stdin: String(index), expected_stdout: String(index * 2) }],
}));
{
  const { ms, json } = await post('/v1/verify', { items: codeItems });
  const results = (json as { results: Array<{ verdict: string; elapsed_ms: number }> }).results;
  const passed = results.filter((result) => result.verdict === 'pass').length;
  const runs = results.map((result) => result.elapsed_ms);
  const name = 'code 256 · POST /v1/verify (one batch)';
  rows.push({ workload: name, items: 256, perSecond: 256 / (ms / 1000), p50: median(runs), p95: percentile(runs, 95) });
  figures[name] = { runsPerSecond: 256 / (ms / 1000), passed, expectedPassed: 192, runMsMedian: median(runs), runMsP95: percentile(runs, 95), note: 'p50/p95 are per run (sandbox + interpreter), the request took the whole batch' };
}
{
  const { latencies, wallMs } = await clients(256, CODE_CLIENTS, (index) => ['/run_code', { code: codeItems[index]!.program, language: 'python', stdin: String(index), run_timeout: 10, memory_limit_MB: 1024 }]);
  const name = `code 256 · POST /run_code (1 per request, ${CODE_CLIENTS} clients)`;
  rows.push({ workload: name, items: 256, perSecond: 256 / (wallMs / 1000), p50: median(latencies), p95: percentile(latencies, 95) });
  figures[name] = { runsPerSecond: 256 / (wallMs / 1000), requestMsMedian: median(latencies), requestMsP95: percentile(latencies, 95) };
}

agent.destroy();
await server.close();
printTable(`bench/reward-server — real verifiers over HTTP on 127.0.0.1, concurrency ${concurrency} (target: math ≥ 2,000 verifications/s)`, rows, [
  ['workload', 'workload'],
  ['items', 'items'],
  ['perSecond', 'verifications/s'],
  ['p50', 'p50 ms'],
  ['p95', 'p95 ms'],
]);
console.log('p50/p95: per request, except the code batch (per run inside the one request). Client and server share one process.');
writeResults('reward-server', figures);
