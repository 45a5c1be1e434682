// Runs git with an argument array (never a shell string); a failure is an undefined result.
import { execFile } from 'node:child_process';

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
  const out = await runGit(root, ['rev-parse', '--verify', '-q', 'HEAD']);
  return out?.trim() || undefined;
}
