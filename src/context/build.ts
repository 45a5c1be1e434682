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
import { openParsing, workersWorthIt, type Parsing } from './parse-pool.js';
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

/** What the index holds about a file: [size, mtime]. Hashes are read only for files that changed. */
type StoredFile = [size: number, mtimeMs: number];

interface Scan {
  /** Parsed files not yet written. */
  records: FileRecord[];
  /** Files parsed, written early or not. */
  parsed: number;
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
  // A first build parses everything: start the parse workers now, while the tree is listed.
  const incomplete = getMeta(index.db, 'complete') !== '1';
  const parsing = incomplete ? openParsing(Number.POSITIVE_INFINITY) : undefined;
  let head: string | undefined;
  let scan: Scan;
  try {
    const listing = Promise.all([listIndexableFiles(index.root, index.isGit, options.signal), index.isGit ? gitHead(index.root) : undefined]);
    listing.catch(() => undefined); // awaited below; no unhandled rejection if reading throws first
    // Read while git lists the tree.
    const stored = storedFiles(index);
    let files: string[];
    [files, head] = await listing;
    // An index never completed (first build, or one interrupted) is not used by anyone until it is:
    // write its files in batches while the rest are parsed, which also keeps memory flat. An
    // interrupted first build then resumes where it stopped. A complete index is updated in one
    // transaction, so readers never see half of an update.
    const early = incomplete ? (records: FileRecord[]) => writeRecords(index, records) : undefined;
    scan = await scanFiles(index, files, stored, report, options.signal, true, early, parsing);
  } finally {
    await parsing?.close();
  }

  let history: CommitRecord[] | undefined;
  const historyKey = `${head ?? 'none'}:${index.settings.historyCommits}`;
  if (index.isGit && getMeta(index.db, 'history_key') !== historyKey) {
    report({ phase: 'history', done: 0, total: 1 });
    history = await readHistory(index.root, index.settings.historyCommits);
    report({ phase: 'history', done: 1, total: 1 });
  }
  options.signal?.throwIfAborted();

  const firstNonGit = !index.isGit && getMeta(index.db, 'non_git_noticed') === undefined;
  const changes = scan.parsed + scan.removed.length + scan.touched.length;
  if (changes > 0 || history || getMeta(index.db, 'complete') !== '1' || firstNonGit) {
    report({ phase: 'write', done: 0, total: changes });
    writeChanges(index, scan, history, historyKey, firstNonGit, true);
    report({ phase: 'write', done: changes, total: changes });
  }
  if (firstNonGit) notices.push(`${index.root} is not a git repository: indexing without history signals (recency, co-change, commit messages)`);
  const unreadable = scan.skipped.unreadable;
  if (unreadable > 0) notices.push(`${unreadable} file${unreadable === 1 ? '' : 's'} could not be read and ${unreadable === 1 ? 'was' : 'were'} skipped`);
  return statsOf(index, scan, started, notices);
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
  return statsOf(index, scan, started, []);
}

function statsOf(index: ContextIndex, scan: { parsed: number; unchanged: number; removed: readonly string[]; skipped: IndexStats['skipped'] }, started: number, notices: string[]): IndexStats {
  return {
    files: countFiles(index),
    parsed: scan.parsed,
    unchanged: scan.unchanged,
    removed: scan.removed.length,
    skipped: scan.skipped,
    commits: Number(index.db.prepare('SELECT count(*) FROM commits').pluck().get()),
    durationMs: performance.now() - started,
    notices,
  };
}

function toRelative(root: string, file: string): string | undefined {
  const relative = path.relative(root, path.resolve(root, file));
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
  return relative.split(path.sep).join('/');
}

function storedFiles(index: ContextIndex): Map<string, StoredFile> {
  const rows = index.db.prepare('SELECT path, size, mtime_ms FROM files').raw().all() as [string, number, number][];
  const stored = new Map<string, StoredFile>();
  for (const [file, size, mtimeMs] of rows) stored.set(file, [size, mtimeMs]);
  return stored;
}

function countFiles(index: ContextIndex): number {
  return Number(index.db.prepare('SELECT count(*) FROM files').pluck().get());
}

/** Files read (and parsed) at once: enough to keep the disk and the parse workers busy. */
const IN_FLIGHT = 128;
/** Parsed files written together while a first build goes on. */
const EARLY_BATCH = 100;

async function scanFiles(
  index: ContextIndex,
  files: readonly string[],
  stored: Map<string, StoredFile>,
  report: (progress: IndexProgress) => void,
  signal: AbortSignal | undefined,
  removeUnlisted = true,
  /** Takes parsed records (in listing order) as they come, instead of returning them in the scan. */
  early?: (records: FileRecord[]) => void,
  /** Parsing the caller started (and closes); used only when there is enough to parse. */
  started?: Parsing,
): Promise<Scan> {
  const scan: Scan = { records: [], parsed: 0, touched: [], removed: [], unchanged: 0, skipped: { unreadable: 0, tooLarge: 0, binary: 0, generated: 0 } };
  const kept = new Set<string>();
  // Stat-only first pass: an unchanged size and mtime means an unchanged file.
  const changed: { file: string; size: number; mtimeMs: number }[] = [];
  for (const file of files) {
    // Synchronous: thousands of stats cost far less without a trip through the thread pool each.
    const stat = lstatSync(path.join(index.root, file), { throwIfNoEntry: false });
    if (!stat?.isFile()) {
      if (stat === undefined) scan.skipped.unreadable++;
      continue;
    }
    if (stat.size > index.settings.maxFileBytes) {
      scan.skipped.tooLarge++;
      continue;
    }
    const previous = stored.get(file);
    if (previous && previous[0] === stat.size && previous[1] === stat.mtimeMs) {
      kept.add(file);
      scan.unchanged++;
      continue;
    }
    changed.push({ file, size: stat.size, mtimeMs: stat.mtimeMs });
  }
  signal?.throwIfAborted();

  const storedHash = index.db.prepare('SELECT hash FROM files WHERE path = ?').pluck();
  // Read, hash and parse what changed, several files at once, keeping the listing's order.
  const records: (FileRecord | undefined)[] = new Array(changed.length);
  const settled = new Uint8Array(changed.length);
  let flushed = 0;
  const flush = (all: boolean): void => {
    let end = flushed;
    while (end < changed.length && settled[end]) end++;
    const batch: FileRecord[] = [];
    for (let at = flushed; at < end; at++) if (records[at]) batch.push(records[at]!);
    if (batch.length < EARLY_BATCH && !(all && end > flushed)) return;
    early!(batch);
    for (let at = flushed; at < end; at++) records[at] = undefined;
    flushed = end;
  };
  const touched: (Scan['touched'][number] | undefined)[] = new Array(changed.length);
  let parsing: Parsing;
  if (started && started.workers > 0 && workersWorthIt(changed.length)) parsing = started;
  else {
    await started?.close();
    parsing = openParsing(changed.length);
  }
  let next = 0;
  let done = files.length - changed.length;
  let failure: unknown;
  const lane = async (): Promise<void> => {
    while (failure === undefined && next < changed.length) {
      const at = next++;
      await handle(at);
      settled[at] = 1;
      if (early) flush(false);
    }
  };
  const handle = async (at: number): Promise<void> => {
    const { file, size, mtimeMs } = changed[at]!;
    if (done++ % 64 === 0) report({ phase: 'parse', done: done - 1, total: files.length });
    signal?.throwIfAborted();
    const buffer = await index.settings.readFile(path.join(index.root, file)).catch(() => undefined);
    if (buffer === undefined) {
      scan.skipped.unreadable++;
      return;
    }
    const skip = skippedContent(buffer);
    if (skip) {
      scan.skipped[skip]++;
      return;
    }
    kept.add(file);
    const hash = createHash('sha1').update(buffer).digest('hex');
    if (stored.has(file) && storedHash.get(file) === hash) {
      touched[at] = { path: file, mtimeMs };
      scan.unchanged++;
      return;
    }
    records[at] = { path: file, hash, size, mtimeMs, ...(await parsing.analyze(file, buffer)) };
    scan.parsed++;
  };
  try {
    await Promise.all(
      Array.from({ length: Math.min(IN_FLIGHT, changed.length) }, () =>
        lane().catch((error: unknown) => {
          failure ??= error;
        }),
      ),
    );
  } finally {
    await parsing.close();
  }
  if (failure !== undefined) throw failure;
  if (early) flush(true);
  for (const record of records) if (record) scan.records.push(record);
  for (const entry of touched) if (entry) scan.touched.push(entry);
  report({ phase: 'parse', done: files.length, total: files.length });
  if (removeUnlisted) for (const file of stored.keys()) if (!kept.has(file)) scan.removed.push(file);
  return scan;
}

/** Writes parsed files of an index not yet complete, in a transaction of their own. */
function writeRecords(index: ContextIndex, records: readonly FileRecord[]): void {
  const store = fileStore(index.db);
  index.db.transaction(() => {
    for (const record of records) store.upsert(record);
  }).immediate();
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
