// Writes one file's parsed record into the index (files, symbols, full-text) and removes files.
import type { FileAnalysis } from './analyze.js';
import type { Db } from './schema.js';
import { joinedTerm, pathTerms } from './tokenize.js';

export interface FileRecord extends FileAnalysis {
  path: string;
  hash: string;
  size: number;
  mtimeMs: number;
}

export interface FileStore {
  upsert(record: FileRecord): void;
  remove(filePath: string): void;
}

export function fileStore(db: Db): FileStore {
  const findId = db.prepare('SELECT id FROM files WHERE path = ?').pluck();
  const insertFile = db.prepare(
    'INSERT INTO files (path, hash, size, mtime_ms, language, line_count, refs, imports) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const updateFile = db.prepare('UPDATE files SET hash = ?, size = ?, mtime_ms = ?, language = ?, line_count = ?, refs = ?, imports = ? WHERE id = ?');
  const deleteFile = db.prepare('DELETE FROM files WHERE id = ?');
  const deleteSymbols = db.prepare('DELETE FROM symbols WHERE file_id = ?');
  const insertSymbol = db.prepare(
    'INSERT INTO symbols (file_id, name, joined, kind, signature, start_line, end_line, parent) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const deleteFts = db.prepare('DELETE FROM files_fts WHERE rowid = ?');
  const insertFts = db.prepare('INSERT INTO files_fts (rowid, path, symbols, content) VALUES (?, ?, ?, ?)');

  return {
    upsert(record) {
      const existing = findId.get(record.path);
      const imports = record.imports.join('\n');
      let id: number;
      if (typeof existing === 'number') {
        id = existing;
        updateFile.run(record.hash, record.size, record.mtimeMs, record.language ?? null, record.lineCount, record.refs, imports, id);
        deleteSymbols.run(id);
        deleteFts.run(id);
      } else {
        id = Number(insertFile.run(record.path, record.hash, record.size, record.mtimeMs, record.language ?? null, record.lineCount, record.refs, imports).lastInsertRowid);
      }
      for (const symbol of record.symbols) {
        insertSymbol.run(id, symbol.name, joinedTerm(symbol.name), symbol.kind, symbol.signature, symbol.startLine, symbol.endLine, symbol.parent ?? null);
      }
      insertFts.run(id, pathTerms(record.path).join(' '), record.ftsSymbols, record.ftsContent);
    },
    remove(filePath) {
      const existing = findId.get(filePath);
      if (typeof existing !== 'number') return;
      deleteSymbols.run(existing);
      deleteFts.run(existing);
      deleteFile.run(existing);
    },
  };
}
