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

const result = await build({
  absWorkingDir: root,
  entryPoints: { cli: 'src/cli/bin.ts', index: 'src/index.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  sourcemap: 'linked',
  chunkNames: 'chunks/[name]-[hash]',
  define: { __SUMMON_VERSION__: JSON.stringify(version) },
  // Bundled CommonJS dependencies call require(); give them one.
  banner: { js: "import { createRequire as __summonCreateRequire } from 'node:module'; const require = __summonCreateRequire(import.meta.url);" },
  plugins: [rawText],
  logLevel: 'warning',
  write: false,
});

// Files are swapped in atomically, chunks before the entries that load them, so a CLI already
// running (a test, a benchmark) never reads a half-written or missing file while this builds.
const written = new Set();
const entries = new Set(['cli.js', 'index.js']);
const ordered = [...result.outputFiles].sort((a, b) => Number(entries.has(path.basename(a.path))) - Number(entries.has(path.basename(b.path))));
for (const file of ordered) {
  mkdirSync(path.dirname(file.path), { recursive: true });
  const temporary = `${file.path}.${process.pid}.tmp`;
  writeFileSync(temporary, file.contents);
  renameSync(temporary, file.path);
  written.add(file.path);
}
// Chunks from older builds are removed once nothing could still be loading them.
const chunks = path.join(root, 'dist', 'chunks');
for (const name of readdirSync(chunks)) {
  const file = path.join(chunks, name);
  if (!written.has(file) && Date.now() - statSync(file).mtimeMs > 10 * 60_000) rmSync(file, { force: true });
}
