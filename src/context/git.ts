// Runs git with an argument array (never a shell string); a failure is an undefined result.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const MAX_BUFFER = 256 * 1024 * 1024;

export function runGit(cwd: string, args: readonly string[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('git', ['-c', 'core.quotepath=off', ...args], { cwd, maxBuffer: MAX_BUFFER, encoding: 'utf8', windowsHide: true }, (error, stdout) => {
      resolve(error ? undefined : stdout);
    });
  });
}

/** The repository's top folder, or undefined when `cwd` is not inside a git work tree. */
export async function gitTopLevel(cwd: string): Promise<string | undefined> {
  const out = await runGit(cwd, ['rev-parse', '--show-toplevel']);
  return out?.trim() || undefined;
}

export async function gitHead(root: string): Promise<string | undefined> {
  const fast = readHead(root);
  if (fast) return fast;
  const out = await runGit(root, ['rev-parse', '--verify', '-q', 'HEAD']);
  return out?.trim() || undefined;
}

const OBJECT_ID = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

/**
 * HEAD's commit read from the files under .git, without starting git (a process start costs more
 * than the rest of a no-change rescan on a large tree). Undefined whenever anything looks unusual;
 * git then answers.
 */
function readHead(root: string): string | undefined {
  try {
    let gitDir = path.join(root, '.git');
    if (statSync(gitDir).isFile()) {
      const pointer = /^gitdir: (.+)$/m.exec(readFileSync(gitDir, 'utf8'))?.[1]?.trim();
      if (!pointer) return undefined;
      gitDir = path.resolve(root, pointer);
    }
    const head = readFileSync(path.join(gitDir, 'HEAD'), 'utf8').trim();
    if (OBJECT_ID.test(head)) return head;
    const ref = /^ref: (refs\/[^\s]+)$/.exec(head)?.[1];
    if (!ref || ref.split('/').includes('..')) return undefined;
    const commonFile = path.join(gitDir, 'commondir');
    const common = existsSync(commonFile) ? path.resolve(gitDir, readFileSync(commonFile, 'utf8').trim()) : gitDir;
    for (const dir of new Set([gitDir, common])) {
      const file = path.join(dir, ref);
      if (!existsSync(file)) continue;
      const id = readFileSync(file, 'utf8').trim();
      return OBJECT_ID.test(id) ? id : undefined;
    }
    const packed = path.join(common, 'packed-refs');
    if (!existsSync(packed)) return undefined;
    for (const line of readFileSync(packed, 'utf8').split('\n')) {
      const [id, name] = line.trim().split(' ');
      if (name === ref && id && OBJECT_ID.test(id)) return id;
    }
    return undefined;
  } catch {
    return undefined;
  }
}
