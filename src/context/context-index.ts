// An open index: the database handle, the repository it describes, and caches derived from it.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Db } from './schema.js';

/** Reads a file's bytes; injectable so tests can simulate unreadable files. */
export type ReadFilePort = (absolutePath: string) => Promise<Buffer>;

export interface IndexSettings {
  /** How many recent commits feed the history signals. */
  historyCommits: number;
  /** Files bigger than this are skipped. */
  maxFileBytes: number;
  readFile: ReadFilePort;
}

export const DEFAULT_SETTINGS: IndexSettings = {
  historyCommits: 2000,
  maxFileBytes: 1024 * 1024,
  // Synchronous underneath: one read costs far less than four trips through the thread pool
  // (open, stat, read, close), and the scan reads thousands.
  readFile: async (absolutePath) => readFileSync(absolutePath),
};

export class ContextIndex {
  /** Derived data rebuilt lazily after any write (the symbol graph). */
  private readonly derived = new Map<string, unknown>();
  private closed = false;

  constructor(
    /** Absolute top folder of the repository (or of the plain folder). */
    readonly root: string,
    /** Absolute path of the SQLite file. */
    readonly file: string,
    readonly isGit: boolean,
    readonly db: Db,
    readonly settings: IndexSettings,
  ) {}

  /** A value computed from the index, kept until the index changes. */
  cached<T>(key: string, compute: () => T): T {
    if (this.derived.has(key)) return this.derived.get(key) as T;
    const value = compute();
    this.derived.set(key, value);
    return value;
  }

  invalidate(): void {
    this.derived.clear();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }
}

export { defaultIndexCacheDir } from './cache-dir.js';

/** `<cacheDir>/<folder-name>-<hash of the absolute root>.sqlite`: one index per repository. */
export function indexFileFor(root: string, cacheDir: string): string {
  const key = createHash('sha1').update(root).digest('hex').slice(0, 12);
  const name = path.basename(root).replace(/[^A-Za-z0-9._-]/g, '_') || 'root';
  return path.join(cacheDir, `${name}-${key}.sqlite`);
}
