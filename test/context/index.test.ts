import { writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openIndex, rankContext, updateIndex, updateIndexForFiles } from '../../src/context/index.js';
import { makeRepo, makeSampleRepo, type TempRepo } from './helpers.js';

let repo: TempRepo | undefined;
afterEach(() => repo?.remove());

describe('index', () => {
  it('parses definitions with signatures and line spans in several languages', async () => {
    repo = makeSampleRepo();
    const { index, stats } = await openIndex({ cwd: repo.root, cacheDir: repo.cacheDir });
    expect(stats.parsed).toBe(6);
    expect(stats.commits).toBe(3);
    const rows = index.db.prepare('SELECT s.name, s.kind, s.signature, s.start_line AS start, s.end_line AS end, s.parent FROM symbols s ORDER BY s.name').all();
    expect(rows).toEqual(
      expect.arrayContaining([
        { name: 'parseConfig', kind: 'function', signature: 'export function parseConfig(text: string): Config', start: 3, end: 6, parent: null },
        { name: 'Config', kind: 'interface', signature: 'export interface Config', start: 1, end: 1, parent: null },
        { name: 'Client', kind: 'class', signature: 'export class Client', start: 3, end: 8, parent: null },
        { name: 'send', kind: 'method', signature: 'async send(path: string): Promise<string>', start: 5, end: 7, parent: 'Client' },
        { name: 'acquire', kind: 'method', signature: 'def acquire(self, host, wait=10):', start: 4, end: 5, parent: 'ConnectionPool' },
        { name: 'Match', kind: 'function', signature: 'func Match(routes []Route, path string) *Route', start: 7, end: 14, parent: null },
        { name: 'Route', kind: 'type', signature: 'type Route struct', start: 3, end: 5, parent: null },
      ]),
    );
    // Only source files link others in the symbol graph.
    expect(index.db.prepare("SELECT refs FROM files WHERE path = 'README.md'").pluck().get()).toBe('');
    expect(index.db.prepare("SELECT refs FROM files WHERE path = 'src/client.ts'").pluck().get()).toMatch(/\bparseConfig\b/);
    expect(index.file.startsWith(repo.cacheDir)).toBe(true);
    index.close();
  });

  it('finds definitions at the depths real code nests them, and deep JavaScript callbacks too', async () => {
    // Go, Python and Rust queries start no deeper than MAX_START_DEPTH (languages.ts).
    repo = makeRepo();
    repo.commit('nested definitions', {
      'src/walk.rs': 'mod tests {\n    mod inner {\n        impl Walker {\n            fn visit_entry(&self) {}\n        }\n    }\n}\n',
      'src/pool.py': 'class Pool:\n    class Slot:\n        @property\n        def free_slot(self):\n            def check_slot():\n                return True\n            return check_slot\n',
      'src/app.js': "describe('app', function () {\n  it('routes', function () {\n    app.get('/', function (req, res) {\n      res.format({ textHandler: function () {} });\n    });\n  });\n});\n",
    });
    const { index } = await openIndex({ cwd: repo.root, cacheDir: repo.cacheDir });
    const names = index.db.prepare('SELECT name FROM symbols ORDER BY name').pluck().all();
    expect(names).toEqual(expect.arrayContaining(['visit_entry', 'free_slot', 'check_slot', 'Slot', 'textHandler']));
    index.close();
  });

  it('is incremental: unchanged files are not parsed again, changed ones are, deleted ones go', async () => {
    repo = makeSampleRepo();
    (await openIndex({ cwd: repo.root, cacheDir: repo.cacheDir })).index.close();
    const { index, stats } = await openIndex({ cwd: repo.root, cacheDir: repo.cacheDir });
    expect(stats).toMatchObject({ parsed: 0, unchanged: 6, removed: 0 });
    repo.write('src/config.ts', 'export function loadSettings(): void {}\n');
    writeFileSync(path.join(repo.root, 'README.md'), '# sample\n\nA tiny client.\n'); // same content, new mtime
    const { rmSync } = await import('node:fs');
    rmSync(path.join(repo.root, 'src/router.go'));
    const next = await updateIndex(index);
    expect(next).toMatchObject({ parsed: 1, unchanged: 4, removed: 1, files: 5 });
    expect(index.db.prepare("SELECT count(*) FROM symbols WHERE name = 'parseConfig'").pluck().get()).toBe(0);
    expect(index.db.prepare("SELECT count(*) FROM symbols WHERE name = 'loadSettings'").pluck().get()).toBe(1);
    index.close();
  });

  it('updates just the files the agent edited', async () => {
    repo = makeSampleRepo();
    const { index } = await openIndex({ cwd: repo.root, cacheDir: repo.cacheDir });
    repo.write('src/limits.ts', 'export function throttleUploads(rate: number): number {\n  return rate;\n}\n');
    const stats = await updateIndexForFiles(index, [path.join(repo.root, 'src/limits.ts'), 'src/missing.ts']);
    expect(stats.parsed).toBe(1);
    expect(rankContext(index, 'throttleUploads', { top: 1 })[0]).toMatchObject({ path: 'src/limits.ts', symbols: ['throttleUploads'] });
    index.close();
  });

  it('skips vendored, generated, binary, too-large and .summonignore files', async () => {
    repo = makeRepo();
    repo.commit('files', {
      'src/a.ts': 'export const answer = 42;\n',
      'vendor/lib.js': 'function vendored() {}\n',
      'src/gen.go': '// Code generated by protoc. DO NOT EDIT.\npackage x\n',
      'big.txt': 'x'.repeat(3000),
      'secret/notes.md': 'private\n',
      '.summonignore': 'secret/\n',
      'logo.png': 'not really a png',
    });
    writeFileSync(path.join(repo.root, 'src/blob.dat2'), Buffer.from([1, 0, 2, 0]));
    const { index, stats } = await openIndex({ cwd: repo.root, cacheDir: repo.cacheDir, maxFileBytes: 2000 });
    const files = index.db.prepare('SELECT path FROM files ORDER BY path').pluck().all();
    expect(files).toEqual(['.summonignore', 'src/a.ts']);
    expect(stats.skipped).toEqual({ unreadable: 0, tooLarge: 1, binary: 1, generated: 1 });
    index.close();
  });
});

describe('bad input', () => {
  it('rebuilds a corrupt index, with a notice', async () => {
    repo = makeSampleRepo();
    const first = await openIndex({ cwd: repo.root, cacheDir: repo.cacheDir });
    const file = first.index.file;
    first.index.close();
    writeFileSync(file, 'this is not a database '.repeat(200));
    const { index, stats } = await openIndex({ cwd: repo.root, cacheDir: repo.cacheDir });
    expect(stats.notices[0]).toMatch(/was unreadable .*rebuilding it from scratch/);
    expect(stats.parsed).toBe(6);
    expect(rankContext(index, 'parseConfig')[0]?.path).toBe('src/config.ts');
    index.close();
  });

  it('rebuilds an index from an older schema, with a notice', async () => {
    repo = makeSampleRepo();
    const first = await openIndex({ cwd: repo.root, cacheDir: repo.cacheDir });
    first.index.db.prepare("UPDATE meta SET value = '1' WHERE key = 'schema_version'").run();
    first.index.close();
    const { index, stats } = await openIndex({ cwd: repo.root, cacheDir: repo.cacheDir });
    expect(stats.notices[0]).toMatch(/built by schema version 1 .*rebuilding/);
    expect(stats.parsed).toBe(6);
    index.close();
  });

  it('skips and counts unreadable files', async () => {
    repo = makeSampleRepo();
    const denied = path.join(repo.root, 'src/pool.py');
    const readFile = async (file: string): Promise<Buffer> => {
      if (file === denied) throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
      const { promises } = await import('node:fs');
      return promises.readFile(file);
    };
    const { index, stats } = await openIndex({ cwd: repo.root, cacheDir: repo.cacheDir, readFile });
    expect(stats.skipped.unreadable).toBe(1);
    expect(stats.files).toBe(5);
    expect(stats.notices).toContain('1 file could not be read and was skipped');
    index.close();
  });

  it('works in a folder that is not a git repository, saying so once', async () => {
    repo = makeRepo({ git: false });
    repo.write('lib/cache.js', 'function evictStaleEntries(cache) {\n  cache.clear();\n}\nmodule.exports = { evictStaleEntries };\n');
    repo.write('lib/other.js', 'function unrelated() {}\n');
    const first = await openIndex({ cwd: repo.root, cacheDir: repo.cacheDir });
    expect(first.index.isGit).toBe(false);
    expect(first.stats.notices.filter((notice) => /not a git repository/.test(notice))).toHaveLength(1);
    first.index.close();
    const { index, stats } = await openIndex({ cwd: repo.root, cacheDir: repo.cacheDir });
    expect(stats.notices).toEqual([]);
    const ranked = rankContext(index, 'evict stale cache entries');
    expect(ranked[0]?.path).toBe('lib/cache.js');
    expect(ranked[0]?.reasons.join(' ')).not.toMatch(/commits/);
    index.close();
  });

  it('never uses a half-built index: an interrupted update leaves the previous one intact', async () => {
    repo = makeSampleRepo();
    const { index } = await openIndex({ cwd: repo.root, cacheDir: repo.cacheDir });
    repo.write('src/config.ts', 'export function readSettings(): void {}\n');
    const controller = new AbortController();
    controller.abort();
    await expect(updateIndex(index, { signal: controller.signal })).rejects.toThrow();
    expect(index.db.prepare("SELECT count(*) FROM symbols WHERE name = 'parseConfig'").pluck().get()).toBe(1);
    index.close();
    // A database killed before its first build completed has no "complete" marker and is rebuilt.
    const raw = new Database(index.file);
    raw.prepare("DELETE FROM meta WHERE key = 'complete'").run();
    raw.prepare('DELETE FROM files').run();
    raw.close();
    const reopened = await openIndex({ cwd: repo.root, cacheDir: repo.cacheDir });
    expect(rankContext(reopened.index, 'readSettings')[0]?.path).toBe('src/config.ts');
    reopened.index.close();
  });

  it('survives concurrent runs on the same repository', async () => {
    repo = makeSampleRepo();
    const runs = await Promise.all([1, 2, 3].map(() => openIndex({ cwd: repo!.root, cacheDir: repo!.cacheDir })));
    for (const { index } of runs) index.close();
    const { index } = await openIndex({ cwd: repo.root, cacheDir: repo.cacheDir });
    expect(index.db.prepare('SELECT count(*) FROM files').pluck().get()).toBe(6);
    expect(index.db.prepare("SELECT count(*) FROM symbols WHERE name = 'parseConfig'").pluck().get()).toBe(1);
    index.close();
  });
});
