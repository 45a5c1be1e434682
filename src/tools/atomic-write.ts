// Writes a file so readers see the old or the new content, never a torn mix.
import type * as Crypto from 'node:crypto';
import { lazyBuiltin } from '../core/lazy-builtin.js';
import { promises as fs } from 'node:fs';
import path from 'node:path';

const crypto = lazyBuiltin<typeof Crypto>('node:crypto');

/** Write to a temp file in the same folder, fsync, then rename over the target; creates parent folders. */
export async function writeFileAtomic(file: string, content: string | Uint8Array): Promise<void> {
  const directory = path.dirname(file);
  await fs.mkdir(directory, { recursive: true });
  // Keep the permissions of the file being replaced (an executable script stays executable).
  const existingMode = await fs.stat(file).then((stat) => stat.mode & 0o7777, () => undefined);
  const temp = path.join(directory, `.${path.basename(file)}.${process.pid}.${crypto().randomBytes(6).toString('hex')}.tmp`);
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(temp, 'wx', existingMode ?? 0o666);
    await handle.writeFile(content);
    await handle.sync();
    await handle.close();
    handle = undefined;
    if (existingMode !== undefined) await fs.chmod(temp, existingMode);
    await fs.rename(temp, file);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
  await syncDirectory(directory);
}

/** Makes the rename itself durable; best effort, as some filesystems refuse to fsync a directory. */
async function syncDirectory(directory: string): Promise<void> {
  const handle = await fs.open(directory, 'r').catch(() => undefined);
  if (!handle) return;
  await handle.sync().catch(() => undefined);
  await handle.close().catch(() => undefined);
}
