// Builds and updates the index: walk, hash, parse what changed, read history, then write everything
// in one transaction that also sets the "complete" marker, so an interrupted or concurrent run never
// leaves a half-built index in use.
import { createHash } from 'node:crypto';
import { promises as fs, lstatSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { SummonError } from '../core/errors.js';
import { ContextIndex, DEFAULT_SETTINGS, indexFileFor, type IndexSettings } from './context-index.js';
import { gitHead, gitTopLevel } from './git.js';
import { readHistory, writeHistory, type CommitRecord } from './history.js';
import { languageOf } from './languages.js';
import { parseSource } from './parser.js';
import { getMeta, openDatabase, setMeta } from './schema.js';
import { fileStore, type FileRecord } from './store.js';
import { listIndexableFiles, skippedByDefault, skippedContent } from './walk.js';

export interface IndexProgress {
  phase: 'scan' | 'parse' | 'history' | 'write';
  done: number;
  total: number;
}

export interface IndexOptions extends Partial<IndexSettings> {
  /** Any folder inside the repository (or the plain folder to index). */
  cwd: string;
  /** Folder holding index databases, e.g. defaultIndexCacheDir(env). */
  cacheDir: string;
  onProgress?: (progress: IndexProgress) => void;
  signal?: AbortSignal;
}

export interface IndexStats {
  files: number;
  parsed: number;
  unchanged: number;
  removed: number;
  skipped: { unreadable: number; tooLarge: number; binary: number; generated: number };
  commits: number;
  durationMs: number;
  /** Things the user should hear once: index rebuilt, not a git repository, unreadable files. */
  notices: string[];
}

interface StoredFile {
  hash: string;
  size: number;
  mtimeMs: number;
}

interface Scan {
  records: FileRecord[];
  touched: { path: string; mtimeMs: number }[];
  removed: string[];
  unchanged: number;
  skipped: IndexStats['skipped'];
}

/** Opens the repository's index (creating or rebuilding it when needed) and brings it up to date. */
export async function openIndex(options: IndexOptions): Promise<{ index: ContextIndex; stats: IndexStats }> {
  const cwd = await fs.realpath(options.cwd).catch(() => {
    throw new SummonError('usage', `no such folder: ${options.cwd}`, { hint: 'pass an existing folder with --cwd' });
  });
  const top = await gitTopLevel(cwd);
  const root = top ? realpathSync(top) : cwd;
  const file = indexFileFor(root, options.cacheDir);
  const { db, notice } = openDatabase(file);
  const settings: IndexSettings = {
    historyCommits: options.historyCommits ?? DEFAULT_SETTINGS.historyCommits,
    maxFileBytes: options.maxFileBytes ?? DEFAULT_SETTINGS.maxFileBytes,
    readFile: options.readFile ?? DEFAULT_SETTINGS.readFile,
  };
  const index = new ContextIndex(root, file, top !== undefined, db, settings);
  try {
    const stats = await updateIndex(index, options);
    if (notice) stats.notices.unshift(notice);
    return { index, stats };
  } catch (error) {
    index.close();
    throw error;
  }
}

/** Rescans the whole tree: changed files re-parsed (by content hash), deleted ones removed, history refreshed. */
export async function updateIndex(index: ContextIndex, options: Pick<IndexOptions, 'onProgress' | 'signal'> = {}): Promise<IndexStats> {
  const started = performance.now();
  const report = options.onProgress ?? (() => {});
  const notices: string[] = [];
  report({ phase: 'scan', done: 0, total: 0 });
  const files = await listIndexableFiles(index.root, index.isGit, options.signal);
  const scan = await scanFiles(index, files, storedFiles(index), report, options.signal);

  let history: CommitRecord[] | undefined;
  const head = index.isGit ? await gitHead(index.root) : undefined;
  const historyKey = `${head ?? 'none'}:${index.settings.historyCommits}`;
  if (index.isGit && getMeta(index.db, 'history_key') !== historyKey) {
    report({ phase: 'history', done: 0, total: 1 });
    history = await readHistory(index.root, index.settings.historyCommits);
    report({ phase: 'history', done: 1, total: 1 });
  }
  options.signal?.throwIfAborted();

  const firstNonGit = !index.isGit && getMeta(index.db, 'non_git_noticed') === undefined;
  const changes = scan.records.length + scan.removed.length + scan.touched.length;
  if (changes > 0 || history || getMeta(index.db, 'complete') !== '1' || firstNonGit) {
    report({ phase: 'write', done: 0, total: changes });
    writeChanges(index, scan, history, historyKey, firstNonGit, true);
    report({ phase: 'write', done: changes, total: changes });
  }
  if (firstNonGit) notices.push(`${index.root} is not a git repository: indexing without history signals (recency, co-change, commit messages)`);
  const unreadable = scan.skipped.unreadable;
  if (unreadable > 0) notices.push(`${unreadable} file${unreadable === 1 ? '' : 's'} could not be read and ${unreadable === 1 ? 'was' : 'were'} skipped`);
  return {
    files: countFiles(index),
    parsed: scan.records.length,
    unchanged: scan.unchanged,
    removed: scan.removed.length,
    skipped: scan.skipped,
    commits: Number(index.db.prepare('SELECT count(*) FROM commits').pluck().get()),
    durationMs: performance.now() - started,
    notices,
  };
}

/** Re-indexes just these files (absolute or repo-relative), e.g. after the agent edited them. */
export async function updateIndexForFiles(index: ContextIndex, paths: readonly string[]): Promise<IndexStats> {
  const started = performance.now();
  const relative = [...new Set(paths.map((file) => toRelative(index.root, file)).filter((file): file is string => file !== undefined))];
  const wanted = relative.filter((file) => !skippedByDefault(file));
  const stored = storedFiles(index);
  const present: string[] = [];
  const missing: string[] = [];
  for (const file of wanted) {
    const stat = await fs.lstat(path.join(index.root, file)).catch(() => undefined);
    (stat?.isFile() ? present : missing).push(file);
  }
  const scan = await scanFiles(index, present, stored, () => {}, undefined, false);
  scan.removed = [...missing.filter((file) => stored.has(file)), ...scan.removed];
  writeChanges(index, scan, undefined, undefined, false, false);
  return {
    files: countFiles(index),
    parsed: scan.records.length,
    unchanged: scan.unchanged,
    removed: scan.removed.length,
    skipped: scan.skipped,
    commits: Number(index.db.prepare('SELECT count(*) FROM commits').pluck().get()),
    durationMs: performance.now() - started,
    notices: [],
  };
}

function toRelative(root: string, file: string): string | undefined {
  const relative = path.relative(root, path.resolve(root, file));
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
  return relative.split(path.sep).join('/');
}

function storedFiles(index: ContextIndex): Map<string, StoredFile> {
  const rows = index.db.prepare('SELECT path, hash, size, mtime_ms AS mtimeMs FROM files').all() as ({ path: string } & StoredFile)[];
  return new Map(rows.map((row) => [row.path, row]));
}

function countFiles(index: ContextIndex): number {
  return Number(index.db.prepare('SELECT count(*) FROM files').pluck().get());
}

async function scanFiles(
  index: ContextIndex,
  files: readonly string[],
  stored: Map<string, StoredFile>,
  report: (progress: IndexProgress) => void,
  signal: AbortSignal | undefined,
  removeUnlisted = true,
): Promise<Scan> {
  const scan: Scan = { records: [], touched: [], removed: [], unchanged: 0, skipped: { unreadable: 0, tooLarge: 0, binary: 0, generated: 0 } };
  const kept = new Set<string>();
  let done = 0;
  for (const file of files) {
    if (done++ % 64 === 0) {
      signal?.throwIfAborted();
      report({ phase: 'parse', done: done - 1, total: files.length });
    }
    const absolute = path.join(index.root, file);
    // Synchronous: thousands of stats cost far less without a trip through the thread pool each.
    const stat = lstatSync(absolute, { throwIfNoEntry: false });
    if (!stat?.isFile()) {
      if (stat === undefined) scan.skipped.unreadable++;
      continue;
    }
    if (stat.size > index.settings.maxFileBytes) {
      scan.skipped.tooLarge++;
      continue;
    }
    const previous = stored.get(file);
    if (previous && previous.size === stat.size && previous.mtimeMs === stat.mtimeMs) {
      kept.add(file);
      scan.unchanged++;
      continue;
    }
    const buffer = await index.settings.readFile(absolute).catch(() => undefined);
    if (buffer === undefined) {
      scan.skipped.unreadable++;
      continue;
    }
    const skip = skippedContent(buffer);
    if (skip) {
      scan.skipped[skip]++;
      continue;
    }
    kept.add(file);
    const hash = createHash('sha1').update(buffer).digest('hex');
    if (previous?.hash === hash) {
      scan.touched.push({ path: file, mtimeMs: stat.mtimeMs });
      scan.unchanged++;
      continue;
    }
    scan.records.push(await parseFile(file, buffer, hash, stat.size, stat.mtimeMs));
  }
  report({ phase: 'parse', done: files.length, total: files.length });
  if (removeUnlisted) for (const file of stored.keys()) if (!kept.has(file)) scan.removed.push(file);
  return scan;
}

async function parseFile(file: string, buffer: Buffer, hash: string, size: number, mtimeMs: number): Promise<FileRecord> {
  const text = buffer.toString('utf8');
  const language = languageOf(file);
  const parsed = language ? await parseSource(language, text) : { symbols: [], imports: [], refs: [] };
  let lineCount = 1;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lineCount++;
  return { path: file, hash, size, mtimeMs, language, lineCount, text, ...parsed };
}

function writeChanges(
  index: ContextIndex,
  scan: Scan,
  history: CommitRecord[] | undefined,
  historyKey: string | undefined,
  nonGitNoticed: boolean,
  markComplete: boolean,
): void {
  const store = fileStore(index.db);
  const touch = index.db.prepare('UPDATE files SET mtime_ms = ? WHERE path = ?');
  index.db
    .transaction(() => {
      for (const file of scan.removed) store.remove(file);
      for (const record of scan.records) store.upsert(record);
      for (const { path: file, mtimeMs } of scan.touched) touch.run(mtimeMs, file);
      if (history && historyKey) {
        writeHistory(index.db, history);
        setMeta(index.db, 'history_key', historyKey);
      }
      if (nonGitNoticed) setMeta(index.db, 'non_git_noticed', '1');
      if (markComplete) setMeta(index.db, 'complete', '1');
      setMeta(index.db, 'updated_at', new Date().toISOString());
    })
    .immediate();
  index.invalidate();
}
