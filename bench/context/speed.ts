// Speed and memory on a repository of ≥ 5,000 source files, assembled from the real sources of the
// seven benchmark repositories (copied into numbered folders until there are enough files).
import { execFileSync } from 'node:child_process';
import { appendFileSync, copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openIndex, rankContext, updateIndex, updateIndexForFiles } from '../../src/context/index.js';
import { languageOf } from '../../src/context/languages.js';
import { configureParsing, WORKER_BUNDLE } from '../../src/context/parse-pool.js';
import { median, percentile, printTable, writeResults } from '../lib.mjs';

const TARGET_FILES = 5000;
const QUERIES = [
  'request timeout is ignored when retrying', 'parse query string with nested arrays', 'router params trailing slash', 'cookie secure flag behind proxy',
  'flag parsing for persistent flags', 'binding json body validation error', 'search binary files with mmap', 'redirect loses authorization header',
  'streaming response body decode gzip', 'middleware error handler status code', 'ServeHTTP', 'ignore hidden files glob', 'proxy environment variables',
  'context deadline exceeded', 'content-type charset utf-8', 'help template usage', 'multipart form file upload', 'sendFile', 'encode url path', 'walk directory parallel',
];

function assemble(benchDir: string): string {
  const root = path.join(benchDir, 'big-repo');
  if (existsSync(path.join(root, '.git'))) return root;
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  const sources: string[] = [];
  for (const name of ['express', 'koa', 'requests', 'httpx', 'cobra', 'gin', 'ripgrep']) {
    const clone = path.join(benchDir, 'repos', name);
    for (const file of execFileSync('git', ['ls-files'], { cwd: clone, encoding: 'utf8' }).split('\n')) if (file && languageOf(file)) sources.push(path.join(clone, file));
  }
  let copied = 0;
  for (let copy = 0; copied < TARGET_FILES; copy++) {
    for (const source of sources) {
      const target = path.join(root, `pkg${copy}`, path.relative(path.join(benchDir, 'repos'), source));
      mkdirSync(path.dirname(target), { recursive: true });
      copyFileSync(source, target);
      copied++;
    }
  }
  execFileSync('git', ['init', '-q'], { cwd: root });
  execFileSync('git', ['add', '-A'], { cwd: root });
  execFileSync('git', ['-c', 'user.name=b', '-c', 'user.email=b@b', 'commit', '-q', '-m', 'assembled benchmark repository'], { cwd: root });
  return root;
}

/**
 * Parse workers as the shipped CLI runs them: the worker bundle from dist/ (rebuilt here so it matches
 * the sources). CONTEXT_BENCH_WORKERS=0 parses on the main thread; =N uses N workers.
 */
function setUpWorkers(): string {
  const wanted = process.env.CONTEXT_BENCH_WORKERS;
  if (wanted === '0') {
    configureParsing({ workerFile: null });
    return 'main thread';
  }
  const repoRoot = path.resolve(import.meta.dirname, '..', '..');
  execFileSync(process.execPath, [path.join(repoRoot, 'scripts', 'build.mjs')], { cwd: repoRoot, stdio: 'inherit' });
  configureParsing({ workerFile: path.join(repoRoot, 'dist', WORKER_BUNDLE), ...(wanted ? { workers: Number(wanted) } : {}) });
  return wanted ? `${wanted} workers` : 'workers: one per core (≤ 4)';
}

export async function speed(benchDir: string): Promise<void> {
  const root = assemble(benchDir);
  const parsing = setUpWorkers();
  const cacheDir = path.join(benchDir, 'speed-cache');
  rmSync(cacheDir, { recursive: true, force: true });
  const coldStart = performance.now();
  const cpuStart = process.cpuUsage();
  const { index, stats } = await openIndex({ cwd: root, cacheDir });
  const coldMs = performance.now() - coldStart;
  // CPU time of all the process's threads (workers included): steadier than wall time on a shared machine.
  const cpu = process.cpuUsage(cpuStart);
  const coldCpuMs = (cpu.user + cpu.system) / 1000;
  const peakRssMb = process.resourceUsage().maxRSS / 1024;

  const edited = path.join(root, stats.files > 0 ? (index.db.prepare("SELECT path FROM files WHERE path LIKE '%.go' LIMIT 1").pluck().get() as string) : '');
  appendFileSync(edited, '\n// touched by the benchmark\nfunc benchmarkTouched() {}\n');
  let started = performance.now();
  const oneFile = await updateIndexForFiles(index, [edited]);
  const incrementalFilesMs = performance.now() - started;
  appendFileSync(edited, '// again\n');
  started = performance.now();
  const rescan = await updateIndex(index);
  const incrementalRescanMs = performance.now() - started;

  const firstQueryStart = performance.now();
  rankContext(index, QUERIES[0]!, { top: 10 });
  const firstQueryMs = performance.now() - firstQueryStart;
  const times: number[] = [];
  for (let round = 0; round < 3; round++) {
    for (const query of QUERIES) {
      const t = performance.now();
      rankContext(index, query, { top: 10 });
      times.push(performance.now() - t);
    }
  }
  index.close();
  writeFileSync(path.join(benchDir, 'speed-last.txt'), `${new Date().toISOString()}\n`);
  const rows = [
    { measure: 'source files indexed', value: stats.files, target: '≥ 5,000' },
    { measure: 'cold index (s)', value: coldMs / 1000, target: '≤ 5' },
    { measure: 'cold index, CPU time of all threads (s)', value: coldCpuMs / 1000, target: '' },
    { measure: 'peak RSS (MB)', value: peakRssMb, target: '' },
    { measure: 'incremental, 1 edited file, updateIndexForFiles (ms)', value: incrementalFilesMs, target: '≤ 200' },
    { measure: 'incremental, full rescan after 1 edit, updateIndex (ms)', value: incrementalRescanMs, target: '≤ 200' },
    { measure: 'first query incl. symbol graph build (ms)', value: firstQueryMs, target: '' },
    { measure: 'query p50 (ms)', value: median(times), target: '≤ 50' },
    { measure: 'query p95 (ms)', value: percentile(times, 95), target: '' },
  ];
  printTable(`Speed and memory: ${stats.files} files, ${(stats.parsed)} parsed cold (${parsing})`, rows, [['measure', 'measure'], ['value', 'value'], ['target', 'target']]);
  writeResults('context-speed', {
    files: stats.files,
    parsing,
    coldMs,
    coldCpuMs,
    peakRssMb,
    incrementalFilesMs,
    incrementalRescanMs,
    rescanParsed: rescan.parsed,
    oneFileParsed: oneFile.parsed,
    firstQueryMs,
    queryP50Ms: median(times),
    queryP95Ms: percentile(times, 95),
  });
}
