// Parsing on worker threads (the bundled dist/context-worker.cjs, built by the global test setup)
// must give exactly what parsing on the main thread gives, fall back to the main thread when a
// worker fails, and be found beside the CLI bundle.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openIndex, rankContext } from '../../src/context/index.js';
import { configureParsing, openParsing, WORKER_BUNDLE, workerFile } from '../../src/context/parse-pool.js';
import { makeRepo, makeSampleRepo, type TempRepo } from './helpers.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const BUILT_WORKER = path.join(ROOT, 'dist', WORKER_BUNDLE);

let repo: TempRepo | undefined;
let restore: ReturnType<typeof configureParsing> | undefined;
const scratch: string[] = [];
afterEach(() => {
  repo?.remove();
  repo = undefined;
  if (restore) configureParsing(restore);
  restore = undefined;
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function snapshot(root: string, cacheDir: string): Promise<unknown> {
  const { index, stats } = await openIndex({ cwd: root, cacheDir });
  try {
    return {
      parsed: stats.parsed,
      files: index.db.prepare('SELECT path, hash, language, line_count, refs, imports FROM files ORDER BY path').all(),
      symbols: index.db.prepare('SELECT f.path, s.name, s.kind, s.signature, s.start_line, s.end_line, s.parent FROM symbols s JOIN files f ON f.id = s.file_id ORDER BY f.path, s.start_line, s.name').all(),
      fts: index.db.prepare("SELECT rowid FROM files_fts WHERE files_fts MATCH 'config OR deadline OR route' ORDER BY rowid").pluck().all(),
      ranked: rankContext(index, 'deadline for waiting sockets', { top: 3 }),
    };
  } finally {
    index.close();
  }
}

describe('parse workers', () => {
  it('are not used when running from sources: no worker bundle beside the module', () => {
    expect(workerFile()).toBeUndefined();
    expect(openParsing(10_000).workers).toBe(0);
  });

  it('give the same index as the main thread', async () => {
    expect(existsSync(BUILT_WORKER)).toBe(true);
    repo = makeSampleRepo();
    restore = configureParsing({ workerFile: null });
    const main = await snapshot(repo.root, path.join(repo.cacheDir, 'main'));
    configureParsing({ workerFile: BUILT_WORKER, minFiles: 1, workers: 2 });
    for (const [files, workers] of [[6, 1], [200, 2]] as const) {
      const pool = openParsing(files);
      expect(pool.workers).toBe(workers);
      await pool.close();
    }
    const workers = await snapshot(repo.root, path.join(repo.cacheDir, 'workers'));
    expect(workers).toEqual(main);
    expect((main as { parsed: number }).parsed).toBe(6);
  });

  it('hand their files back to the main thread when a worker fails', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'summon-worker-'));
    scratch.push(dir);
    const broken = path.join(dir, 'broken-worker.cjs');
    writeFileSync(broken, "throw new Error('this worker cannot start');\n");
    repo = makeSampleRepo();
    restore = configureParsing({ workerFile: broken, minFiles: 1, workers: 2 });
    const { index, stats } = await openIndex({ cwd: repo.root, cacheDir: repo.cacheDir });
    expect(stats.parsed).toBe(6);
    expect(index.db.prepare("SELECT count(*) FROM symbols WHERE name = 'parseConfig'").pluck().get()).toBe(1);
    index.close();
  });

  it('are found beside the CLI bundle and used for a large first build', () => {
    // A copy of the bundle inside the project (so its external packages resolve) with a worker beside
    // it that leaves a mark, then loads the real one.
    const dir = path.join(ROOT, 'node_modules', '.cache', `summon-context-test-${process.pid}`);
    mkdirSync(dir, { recursive: true });
    scratch.push(dir);
    copyFileSync(path.join(ROOT, 'dist', 'cli.cjs'), path.join(dir, 'cli.cjs'));
    const marker = path.join(dir, 'worker-started');
    writeFileSync(
      path.join(dir, WORKER_BUNDLE),
      `require('node:fs').appendFileSync(${JSON.stringify(marker)}, 'x');\nrequire(${JSON.stringify(BUILT_WORKER)});\n`,
    );
    repo = makeRepo();
    const files: Record<string, string> = {};
    for (let n = 0; n < 240; n++) files[`src/mod${n}.ts`] = `export function handler${n}(input: string): number {\n  return input.length + ${n};\n}\n`;
    repo.commit('many small modules', files);
    const out = execFileSync(process.execPath, [path.join(dir, 'cli.cjs'), 'index', '--cwd', repo.root], {
      env: { ...process.env, XDG_CACHE_HOME: repo.cacheDir, HOME: repo.cacheDir },
      encoding: 'utf8',
    });
    expect(out).toMatch(/indexed 240 files in [\d.]+ s: 240 parsed/);
    expect(existsSync(marker)).toBe(true);
  });
});
