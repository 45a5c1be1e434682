// The filesystem port over node:fs, announcing each change before it happens.
import { promises as fs } from 'node:fs';
import type { BeforeFileChange, FileStat, FileSystemPort } from '../core/fs-port.js';
import { writeFileAtomic } from './atomic-write.js';
import { errnoCode } from './fs-errors.js';

export interface RealFileSystemOptions {
  /** Awaited before every writeFile, rename and remove; throwing stops the change. */
  beforeChange?: BeforeFileChange;
}

export function createRealFileSystem(options: RealFileSystemOptions = {}): FileSystemPort {
  const { beforeChange } = options;
  return {
    readFile: (file) => fs.readFile(file),
    async writeFile(file, content) {
      if (beforeChange) await beforeChange({ kind: 'write', path: file, prior: await priorContent(file) });
      await writeFileAtomic(file, content);
    },
    async rename(from, to) {
      if (beforeChange) await beforeChange({ kind: 'rename', path: from, prior: await priorContent(from), to, priorAtTarget: await priorContent(to) });
      await fs.rename(from, to);
    },
    async remove(file) {
      const prior = await priorContent(file);
      if (prior === undefined) return;
      if (beforeChange) await beforeChange({ kind: 'remove', path: file, prior });
      await fs.unlink(file).catch((error: unknown) => {
        if (errnoCode(error) !== 'ENOENT') throw error;
      });
    },
    async stat(file) {
      try {
        return toFileStat(await fs.stat(file));
      } catch (error) {
        if (errnoCode(error) === 'ENOENT') return undefined;
        throw error;
      }
    },
  };
}

/** The real filesystem, with no announcements. */
export const realFileSystem: FileSystemPort = createRealFileSystem();

/**
 * What the file holds now; undefined when it does not exist. Any other failure (a directory, no
 * permission) is thrown, so a change whose prior state cannot be recorded does not happen.
 */
async function priorContent(file: string): Promise<Uint8Array | undefined> {
  try {
    return await fs.readFile(file);
  } catch (error) {
    const code = errnoCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw error;
  }
}

function toFileStat(stat: { isFile(): boolean; isDirectory(): boolean; size: number; mtimeMs: number; mode: number }): FileStat {
  return { isFile: stat.isFile(), isDirectory: stat.isDirectory(), size: stat.size, mtimeMs: stat.mtimeMs, mode: stat.mode };
}

/** UTF-8 text of bytes from any port, decoded exactly as fs.readFile(file, 'utf8') decodes them. */
export function decodeUtf8(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}
