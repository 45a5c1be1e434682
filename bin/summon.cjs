#!/usr/bin/env node
// Starts the CLI bundle through V8's code cache. Node 20 has no built-in compile cache, and
// compiling ~1 MB of JavaScript on every start costs more than everything summon does before
// its first model request. The cache lives in the user's cache folder, keyed by Node version and
// bundle, and is (re)written after a run whenever it was missing or rejected.
'use strict';
// WebAssembly (tree-sitter; undici's HTTP parser wherever the global fetch is used — model requests
// go through node:http) compiled by the baseline compiler only: V8's optimising tier compiles in
// background threads that a process must wait for at exit (50–130 ms after a fetch), and for
// tree-sitter's short bursts of parsing in an agent run it costs more than it saves.
// Not for `summon index` / `summon context`: indexing a large tree parses for long enough that the
// optimising tier pays off there (measured in bench/context).
const command = process.argv[2];
if (command !== 'index' && command !== 'context') require('node:v8').setFlagsFromString('--liftoff-only');
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');

const bundle = path.join(__dirname, '..', 'dist', 'cli.cjs');
let source;
try {
  source = fs.readFileSync(bundle, 'utf8');
} catch {
  process.stderr.write(`summon: ${bundle} is missing\n  hint: run \`npm run build\` in the summon folder\n`);
  process.exit(2);
}

function cachePath() {
  if (process.env.SUMMON_CODE_CACHE === '0') return undefined;
  const home = process.env.HOME || require('node:os').homedir();
  const base = process.env.XDG_CACHE_HOME || path.join(home, '.cache');
  const stat = fs.statSync(bundle);
  // One cache per kind of command: V8 caches the functions a run compiled, and an agent run compiles
  // a different part of the bundle than `summon config` does.
  const args = process.argv.slice(2);
  const kind = args.includes('-p') || args.includes('--print') || args[0] === 'run' || args[0] === 'demo' ? 'run' : /^[a-z]+$/.test(args[0] || '') ? args[0] : 'other';
  return path.join(base, 'summon', 'code-cache', `${buildKey(stat)}${kind}.bin`);
}

function buildKey(stat) {
  return `cli-${process.version}-${stat.size}-${Math.floor(stat.mtimeMs)}-`;
}

const cacheFile = cachePath();
let cachedData;
if (cacheFile) {
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
}
const script = new vm.Script(Module.wrap(source), { filename: bundle, cachedData });
if (cacheFile && (cachedData === undefined || script.cachedDataRejected)) {
  // After the run, so the cache also holds the functions this run compiled lazily.
  process.once('exit', () => {
    try {
      fs.mkdirSync(path.dirname(cacheFile), { recursive: true });
      const temporary = `${cacheFile}.${process.pid}.tmp`;
      fs.writeFileSync(temporary, script.createCachedData());
      fs.renameSync(temporary, cacheFile);
      // Caches of other builds or Node versions will never be read again.
      const current = buildKey(fs.statSync(bundle));
      for (const name of fs.readdirSync(path.dirname(cacheFile))) {
        if (name.startsWith('cli-') && !name.startsWith(current)) fs.rmSync(path.join(path.dirname(cacheFile), name), { force: true });
      }
    } catch {
      // A cache we cannot write only costs start-up time.
    }
  });
}
const module_ = { exports: {} };
script.runInThisContext().call(module_.exports, module_.exports, require, module_, bundle, path.dirname(bundle));
