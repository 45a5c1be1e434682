// Where attempts' worktrees go by default. Checking out thousands of files is bound by the file
// system: on a RAM-backed tmpfs (/dev/shm on Linux) a 5,000-file worktree takes a tenth of the time it
// takes on disk, and removing it is nearly free. Used when it exists, is writable and has room.
import { accessSync, constants, statfsSync } from 'node:fs';
import os from 'node:os';

/** Free space a tmpfs must have to be used for attempts (they may also hold build output). */
const MIN_FREE_BYTES = 2 * 1024 ** 3;

export function defaultAttemptRoot(candidates: readonly string[] = ['/dev/shm']): string {
  for (const dir of candidates) {
    try {
      accessSync(dir, constants.W_OK);
      const stats = statfsSync(dir);
      if (stats.bavail * stats.bsize >= MIN_FREE_BYTES) return dir;
    } catch {
      // Not there, not writable, or no statfs: try the next one.
    }
  }
  return os.tmpdir();
}
