// Bundles the CLI and the library with esbuild: one file to parse at start-up is much faster than
// hundreds of modules. Prompt and tool-description files are inlined as text (`?raw` imports).
import { build } from 'esbuild';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

const rawText = {
  name: 'raw-text',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /\?raw$/ }, (args) => ({
      path: path.resolve(args.resolveDir, args.path.replace(/\?raw$/, '')),
      namespace: 'raw-text',
    }));
    pluginBuild.onLoad({ filter: /.*/, namespace: 'raw-text' }, (args) => ({
      contents: readFileSync(args.path, 'utf8'),
      loader: 'text',
      watchFiles: [args.path],
    }));
  },
};

// Native and WASM-loading packages stay outside the bundles and load from node_modules.
// gpt-tokenizer's ranks are megabytes: they load from node_modules only when a pack is made.
// web_fetch's HTML libraries load from node_modules when a page is first fetched.
const external = ['better-sqlite3', 'web-tree-sitter', 'tree-sitter-wasms', 'esbuild', 'gpt-tokenizer', 'mathjs', 'linkedom', '@mozilla/readability', 'turndown'];
const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  minify: true,
  sourcemap: 'linked',
  external,
  define: { __SUMMON_VERSION__: JSON.stringify(version) },
  plugins: [rawText],
  logLevel: 'warning',
  write: false,
};
const outputs = await Promise.all([
  // The CLI: one CommonJS file, so bin/summon.cjs can start it through V8's code cache.
  // Modules imported with import() are only initialised when first used.
  build({
    ...common,
    entryPoints: ['src/cli/bin.ts'],
    outfile: 'dist/cli.cjs',
    format: 'cjs',
    // The AI SDK's `new Headers(…)` would load undici on Node 20 before the first request; the model
    // requests go through src/model/http-fetch.ts, which needs none of it.
    inject: ['src/model/headers-global.ts'],
    define: { ...common.define, 'import.meta.url': '__summonImportMetaUrl', 'import.meta.dirname': '__dirname' },
    banner: { js: "const __summonImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  }),
  // The context engine's parse worker, started by both bundles above from their own folder
  // (src/context/parse-pool.ts); without it they parse on the main thread.
  build({
    ...common,
    entryPoints: ['src/context/parse-worker.ts'],
    outfile: 'dist/context-worker.cjs',
    format: 'cjs',
    define: { ...common.define, 'import.meta.url': '__summonImportMetaUrl', 'import.meta.dirname': '__dirname' },
    banner: { js: "const __summonImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  }),
  // The library, for `import … from 'summon'`.
  build({
    ...common,
    entryPoints: ['src/index.ts'],
    outfile: 'dist/index.js',
    format: 'esm',
    // Bundled CommonJS dependencies call require(); give them one.
    banner: { js: "import { createRequire as __summonCreateRequire } from 'node:module'; const require = __summonCreateRequire(import.meta.url);" },
  }),
]);
const result = { outputFiles: outputs.flatMap((output) => output.outputFiles) };

// Files are swapped in atomically, chunks before the entries that load them, so a CLI already
// running (a test, a benchmark) never reads a half-written or missing file while this builds.
const written = new Set();
const entries = new Set(['cli.cjs', 'index.js']);
const ordered = [...result.outputFiles].sort((a, b) => Number(entries.has(path.basename(a.path))) - Number(entries.has(path.basename(b.path))));
for (const file of ordered) {
  mkdirSync(path.dirname(file.path), { recursive: true });
  const temporary = `${file.path}.${process.pid}.tmp`;
  writeFileSync(temporary, file.contents);
  renameSync(temporary, file.path);
  written.add(file.path);
}
// Files of older builds are removed once nothing could still be loading them.
// dist/types is written by tsc (npm run build), not here.
for (const name of readdirSync(path.join(root, 'dist'), { recursive: true })) {
  if (String(name).split(path.sep)[0] === 'types') continue;
  const file = path.join(root, 'dist', String(name));
  if (!written.has(file) && statSync(file).isFile() && Date.now() - statSync(file).mtimeMs > 10 * 60_000) rmSync(file, { force: true });
}
