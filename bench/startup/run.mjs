// bench/startup: the same 2-turn task (read a file, answer) against the fake LLM server, run many
// times: wall time, time to the first model request, and peak RSS of the summon process.
// Usage: npm run build && node bench/startup/run.mjs [--runs N]
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startFakeLlm } from '../../dist/index.js';
import { median, percentile, printTable, writeResults } from '../lib.mjs';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '15' } } });
const runs = Number(values.runs);
const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'bin', 'summon.cjs');
const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

const workspace = mkdtempSync(path.join(os.tmpdir(), 'summon-bench-'));
writeFileSync(path.join(workspace, 'a.ts'), 'export const answer = 42;\n');
const home = mkdtempSync(path.join(os.tmpdir(), 'summon-bench-home-'));

/** Spawns a command and reports wall time, first-request latency and peak RSS (via /usr/bin/time). */
function measure(command, args, env, server, cwd = workspace) {
  return new Promise((resolve, reject) => {
    const before = server ? server.requests.length : 0;
    const started = Date.now();
    const full = timeBin ? [timeBin, ['-f', 'RSS_KB=%M', command, ...args]] : [command, args];
    const child = spawn(full[0], full[1], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stdout.resume();
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => {
      const wallMs = Date.now() - started;
      if (code !== 0) return reject(new Error(`exit ${code}: ${stderr}`));
      const first = server?.requests[before];
      const rssKb = Number(/RSS_KB=(\d+)/.exec(stderr)?.[1] ?? NaN);
      resolve({ wallMs, firstRequestMs: first ? first.receivedAt - started : NaN, rssMb: rssKb / 1024 });
    });
  });
}

const script = () => (request) =>
  request.index % 2 === 0 ? { toolCalls: [{ name: 'read', input: { path: 'a.ts' } }] } : { text: 'a.ts exports answer = 42' };
const server = await startFakeLlm({ script: script() });
const env = {
  PATH: process.env.PATH,
  HOME: home,
  XDG_STATE_HOME: path.join(home, 'state'),
  XDG_CONFIG_HOME: path.join(home, 'config'),
  OPENAI_API_KEY: 'sk-bench',
  OPENAI_BASE_URL: `${server.url}/v1`,
};

// A real repository (ripgrep's 237 files, from the context benchmark's clones) with its index
// built: what every run there adds before its first request — the opening context pack.
const repo = path.join(process.env.CONTEXT_BENCH_DIR ?? path.join(os.tmpdir(), 'ctxbench'), 'repos', 'ripgrep');
const inRepo = existsSync(path.join(repo, '.git'));
const repoEnv = { ...env, XDG_CACHE_HOME: path.join(home, 'cache') };

const samples = { summon: [], node: [], repo: [] };
// One warm-up run each so the OS file cache is in the same state for every measured run.
await measure(process.execPath, [bin, '-p', 'what does a.ts export?', '--model', 'openai/gpt-4.1'], env, server);
const inRepoArgs = [bin, '-p', 'where are hidden files skipped?', '--model', 'openai/gpt-4.1'];
if (inRepo) await measure(process.execPath, inRepoArgs, repoEnv, server, repo);
for (let index = 0; index < runs; index++) {
  samples.summon.push(await measure(process.execPath, [bin, '-p', 'what does a.ts export?', '--model', 'openai/gpt-4.1'], env, server));
  samples.node.push(await measure(process.execPath, ['-e', '0'], env));
  if (inRepo) samples.repo.push(await measure(process.execPath, inRepoArgs, repoEnv, server, repo));
}
await server.close();

const row = (name, list) => ({
  name,
  wallMs: median(list.map((s) => s.wallMs)),
  wallP90Ms: percentile(list.map((s) => s.wallMs), 90),
  firstRequestMs: median(list.map((s) => s.firstRequestMs)),
  rssMb: median(list.map((s) => s.rssMb)),
});
const rows = [
  row('summon -p (2 turns, read + answer)', samples.summon),
  ...(inRepo ? [row('the same in ripgrep (237 files, index built)', samples.repo)] : []),
  row('node -e 0 (bare Node start-up, for scale)', samples.node),
];
if (!inRepo) console.log(`(no ${repo}: the in-repository row needs the context benchmark's clones, see bench/context/README.md)`);
printTable(`bench/startup — medians of ${runs} runs (targets: first request ≤ 150 ms, task ≤ 300 ms, RSS ≤ 150 MB)`, rows, [
  ['name', ''],
  ['wallMs', 'wall ms'],
  ['wallP90Ms', 'wall p90 ms'],
  ['firstRequestMs', 'first request ms'],
  ['rssMb', 'peak RSS MB'],
]);
writeResults('startup', { runs, node: process.version, rows });
