// The index database: schema, version check, and recovery. A corrupt file or one from another schema
// version is replaced by a fresh database, with a notice saying so.
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

/** Bump when the tables or what goes into them change; older indexes are rebuilt. */
export const SCHEMA_VERSION = 3;

const SCHEMA = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE files (
  id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, hash TEXT NOT NULL, size INTEGER NOT NULL, mtime_ms REAL NOT NULL,
  language TEXT, line_count INTEGER NOT NULL, refs TEXT NOT NULL, imports TEXT NOT NULL
);
CREATE TABLE symbols (
  id INTEGER PRIMARY KEY, file_id INTEGER NOT NULL, name TEXT NOT NULL, joined TEXT NOT NULL, kind TEXT NOT NULL,
  signature TEXT NOT NULL, start_line INTEGER NOT NULL, end_line INTEGER NOT NULL, parent TEXT
);
CREATE INDEX symbols_file ON symbols(file_id);
CREATE INDEX symbols_joined ON symbols(joined);
CREATE VIRTUAL TABLE files_fts USING fts5(path, symbols, content, tokenize = 'porter unicode61', content = '', contentless_delete = 1);
CREATE TABLE commits (id INTEGER PRIMARY KEY, hash TEXT NOT NULL, time INTEGER NOT NULL, message TEXT NOT NULL, file_count INTEGER NOT NULL);
CREATE TABLE commit_files (commit_id INTEGER NOT NULL, path TEXT NOT NULL);
CREATE INDEX commit_files_path ON commit_files(path);
CREATE INDEX commit_files_commit ON commit_files(commit_id);
CREATE VIRTUAL TABLE commits_fts USING fts5(message, tokenize = 'porter unicode61', content = '');
`;

export type Db = Database.Database;

export interface OpenedDatabase {
  db: Db;
  /** Set when an existing index could not be used and was replaced. */
  notice?: string;
}

export function openDatabase(file: string): OpenedDatabase {
  mkdirSync(path.dirname(file), { recursive: true });
  let problem: string | undefined;
  try {
    const db = connect(file);
    const version = readVersion(db);
    if (version === SCHEMA_VERSION) return { db };
    if (version === undefined && isEmpty(db)) {
      // Another process may be creating it at the same moment: create under the write lock, once.
      db.transaction(() => {
        if (isEmpty(db)) {
          db.exec(SCHEMA);
          setMeta(db, 'schema_version', String(SCHEMA_VERSION));
        }
      }).immediate();
      if (readVersion(db) === SCHEMA_VERSION) return { db };
    }
    db.close();
    problem = version === undefined ? 'was not a summon index' : `was built by schema version ${version} (this summon uses ${SCHEMA_VERSION})`;
  } catch (error) {
    problem = `was unreadable (${error instanceof Error ? error.message : String(error)})`;
  }
  removeDatabaseFiles(file);
  const db = connect(file);
  db.exec(SCHEMA);
  setMeta(db, 'schema_version', String(SCHEMA_VERSION));
  return { db, notice: `the index at ${file} ${problem}; rebuilding it from scratch` };
}

function connect(file: string): Db {
  const db = new Database(file);
  db.pragma('busy_timeout = 30000');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  return db;
}

function isEmpty(db: Db): boolean {
  return db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").pluck().get() === 0;
}

function readVersion(db: Db): number | undefined {
  const hasMeta = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").get() !== undefined;
  if (!hasMeta) return undefined;
  const value = db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").pluck().get();
  // Touch the big tables too, so a damaged file fails here rather than in the middle of a query.
  db.prepare('SELECT count(*) FROM files').get();
  return typeof value === 'string' ? Number(value) : undefined;
}

export function removeDatabaseFiles(file: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
}

export function getMeta(db: Db, key: string): string | undefined {
  const value = db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(key);
  return typeof value === 'string' ? value : undefined;
}

export function setMeta(db: Db, key: string, value: string): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}
