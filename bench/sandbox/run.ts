// Sandbox benchmark: the escape corpus of the contract suite run through the bubblewrap backend
// (every escape contained? every control working?) and the per-command overhead over a bare spawn,
// also in network allow mode (socat relay + proxy; the proxy serves a loopback server, nothing leaves).
// Run: npx tsx bench/sandbox/run.ts
import http from 'node:http';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import { median, percentile, printTable, writeResults } from '../lib.mjs';
import type { SpawnPort, SpawnRequest } from '../../src/core/tool.js';
import { createSandboxSpawn, defaultPolicy } from '../../src/safety/sandbox/index.js';
import { defaultSpawn } from '../../src/tools/spawn.js';
import { SANDBOX_CASES } from '../../test/safety/sandbox/escape-cases.js';
import { createFixture } from '../../test/safety/sandbox/fixture.js';

const RUNS = 40;
const fx = await createFixture();
const upstream = http.createServer((_request, response) => response.end('ok\n'));
await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
const upstreamPort = (upstream.address() as net.AddressInfo).port;
/** "bench.test" is this loopback server; every other host fails, so nothing leaves the machine. */
const connect = (host: string): Promise<Duplex> =>
  host !== 'bench.test'
    ? Promise.reject(new Error('no route'))
    : new Promise((resolve, reject) => {
        const socket = net.connect(upstreamPort, '127.0.0.1', () => resolve(socket));
        socket.once('error', reject);
      });
try {
  const policy = await defaultPolicy(fx.workspace, fx.env);
  const sandbox = createSandboxSpawn(policy);
  const allowSandbox = createSandboxSpawn({ ...policy, network: { mode: 'allow', domains: ['bench.test'] } }, { connect });
  const request = (command: string, args: string[]): SpawnRequest => ({
    command, args, cwd: fx.workspace, env: fx.env, timeoutMs: 15_000, maxOutputBytes: 200_000, signal: new AbortController().signal,
  });

  const perCategory = new Map<string, { total: number; ok: number; failures: string[] }>();
  for (const entry of SANDBOX_CASES) {
    const result = await sandbox(request('bash', ['-c', entry.script(fx)]));
    const problem = await entry.check(result, fx);
    const row = perCategory.get(entry.category) ?? { total: 0, ok: 0, failures: [] };
    row.total += 1;
    if (problem === undefined) row.ok += 1;
    else row.failures.push(`${entry.name}: ${problem}`);
    perCategory.set(entry.category, row);
  }
  const rows = [...perCategory].map(([category, row]) => ({ category, cases: row.total, ok: row.ok, failures: row.failures.join('; ') || '-' }));
  printTable('Escape corpus (ok = contained, or working for controls)', rows, [['category', 'category'], ['cases', 'cases'], ['ok', 'ok'], ['failures', 'failures']]);
  const escapes = rows.filter((row) => row.category !== 'control');
  const controls = rows.filter((row) => row.category === 'control');
  const contained = escapes.reduce((sum, row) => sum + row.ok, 0);
  const attempts = escapes.reduce((sum, row) => sum + row.cases, 0);
  const working = controls.reduce((sum, row) => sum + row.ok, 0);
  const controlCount = controls.reduce((sum, row) => sum + row.cases, 0);
  console.log(`escapes contained: ${contained}/${attempts}; legitimate commands working: ${working}/${controlCount}`);

  const time = async (spawn: SpawnPort, command: string, args: string[]): Promise<number[]> => {
    const samples: number[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      const started = performance.now();
      await spawn(request(command, args));
      samples.push(performance.now() - started);
    }
    return samples;
  };
  await time(sandbox, 'true', []);
  const bare = await time(defaultSpawn, 'true', []);
  const boxed = await time(sandbox, 'true', []);
  const bareBash = await time(defaultSpawn, 'bash', ['-c', 'echo hi | cat']);
  const boxedBash = await time(sandbox, 'bash', ['-c', 'echo hi | cat']);
  await time(allowSandbox, 'true', []);
  const allowed = await time(allowSandbox, 'true', []);
  const allowedCurl = await time(allowSandbox, 'curl', ['-sS', 'http://bench.test/']);
  const overhead = [
    { command: 'true', bare: median(bare), sandboxed: median(boxed), p90: percentile(boxed, 90), overhead: median(boxed) - median(bare) },
    { command: "bash -c 'echo hi | cat'", bare: median(bareBash), sandboxed: median(boxedBash), p90: percentile(boxedBash, 90), overhead: median(boxedBash) - median(bareBash) },
    { command: 'true (network allow mode)', bare: median(bare), sandboxed: median(allowed), p90: percentile(allowed, 90), overhead: median(allowed) - median(bare) },
    { command: 'curl via proxy (allow mode)', bare: NaN, sandboxed: median(allowedCurl), p90: percentile(allowedCurl, 90), overhead: median(allowedCurl) - median(boxed) },
  ];
  await allowSandbox.close();
  printTable(`Per-command overhead, ms (median of ${RUNS}; target ≤ 50 ms; the curl row's overhead is over a sandboxed \`true\`)`, overhead, [['command', 'command'], ['bare', 'bare'], ['sandboxed', 'sandboxed'], ['p90', 'sandboxed p90'], ['overhead', 'overhead']]);
  writeResults('sandbox', { escapesContained: contained, escapeAttempts: attempts, controlsWorking: working, controls: controlCount, categories: rows, overheadMs: overhead });
} finally {
  await fx.dispose();
  upstream.close();
}
