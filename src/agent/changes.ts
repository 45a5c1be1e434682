// Which files a run changed: what the file tools reported, plus what git sees as newly changed
// (commands can change files too).
import type * as ChildProcess from 'node:child_process';
import { lazyBuiltin } from '../core/lazy-builtin.js';

const childProcess = lazyBuiltin<typeof ChildProcess>('node:child_process');

export async function gitDirtyFiles(cwd: string): Promise<Set<string> | undefined> {
  return new Promise((resolve) => {
    childProcess().execFile('git', ['status', '--porcelain=v1', '-z', '--untracked-files=all'], { cwd, maxBuffer: 16 * 1024 * 1024 }, (error, stdout) => {
      if (error) return resolve(undefined);
      const files = new Set<string>();
      const entries = stdout.split('\0');
      for (let index = 0; index < entries.length; index++) {
        const entry = entries[index]!;
        if (entry.length < 4) continue;
        files.add(entry.slice(3));
        // Renames carry the old path as the next entry.
        if (entry[0] === 'R' || entry[0] === 'C') index++;
      }
      resolve(files);
    });
  });
}

export function changedSince(before: Set<string> | undefined, after: Set<string> | undefined, reported: Iterable<string>): string[] {
  const changed = new Set(reported);
  if (after) for (const file of after) if (!before?.has(file)) changed.add(file);
  return [...changed].sort();
}
