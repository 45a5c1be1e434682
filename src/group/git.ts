// Runs git with an argv array (never a shell), optional stdin, and a clear error naming the command.
import { execFile } from 'node:child_process';
import { SummonError } from '../core/errors.js';

export interface GitOptions {
  /** Fed to git's stdin (patches). */
  input?: string;
  /** Extra leading arguments, e.g. ['--git-dir', X, '--work-tree', Y] for a repository kept outside its files. */
  prefix?: readonly string[];
}

export function git(cwd: string, args: readonly string[], options: GitOptions = {}): Promise<string> {
  const argv = [...(options.prefix ?? []), ...args];
  return new Promise((resolve, reject) => {
    const child = execFile('git', argv, { cwd, maxBuffer: 512 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error) {
        reject(new SummonError('internal', `git ${argv.join(' ')} failed in ${cwd}: ${(stderr || error.message).trim()}`, { cause: error }));
        return;
      }
      resolve(stdout);
    });
    // git may exit before reading its stdin (an early error); that EPIPE is reported by the exit above.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(options.input);
  });
}

/** The repository's top folder, or undefined when `dir` is not inside a git work tree. */
export async function gitTopLevel(dir: string): Promise<string | undefined> {
  try {
    return (await git(dir, ['rev-parse', '--show-toplevel'])).trim() || undefined;
  } catch {
    return undefined;
  }
}
