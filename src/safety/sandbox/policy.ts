// What a sandboxed command may touch: the policy type and the defaults of issue 4 (workspace-only
// writes, home hidden, hook and config paths read-only, network off, environment allow-listed).
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { DEFAULT_ENV_ALLOW } from './env.js';

export type NetworkPolicy = { mode: 'off' } | { mode: 'allow'; domains: string[] };

export interface SandboxPolicy {
  /** Absolute, real path: readable and writable. */
  workspace: string;
  /** Extra writable folders (absolute). */
  writable: string[];
  /**
   * Protected paths (absolute, or relative to the workspace), mounted read-only. An entry ending in
   * "/" is a folder that is protected even when absent: an empty read-only folder stands in for it.
   */
  readOnlyInWorkspace: string[];
  network: NetworkPolicy;
  /** Names of environment variables passed in; credential-like names are dropped regardless. */
  envAllow: string[];
  /** Folders replaced by an empty tmpfs (the home folder); the workspace and writable folders are bound back. */
  hidden: string[];
  /** Files shown empty inside the sandbox (secret files, files read rules deny), found before each command. */
  unreadable?: string[];
}

/** Protected folders and files inside every workspace (issue 4): hooks, IDE folders, summon's own config. */
const PROTECTED_FOLDERS = ['.husky/', '.vscode/', '.idea/', '.summon/'];

export async function defaultPolicy(workspace: string, env: Readonly<Record<string, string | undefined>>): Promise<SandboxPolicy> {
  const root = await fs.realpath(workspace);
  const [git, hooksPath, envFiles] = await Promise.all([gitDirs(root, env), gitOutput(root, ['config', '--get', 'core.hooksPath'], env), dotEnvFiles(root)]);
  const writable: string[] = [];
  const readOnly = [...PROTECTED_FOLDERS, ...envFiles];
  if (git) {
    // A worktree keeps its objects and hooks in the main repository's git folder, outside the workspace.
    if (!isInside(git.common, root)) writable.push(git.common);
    readOnly.push(`${path.join(git.common, 'hooks')}/`, path.join(git.common, 'config'));
    if (git.dir !== git.common) readOnly.push(path.join(git.dir, 'config'), path.join(git.dir, 'config.worktree'));
  }
  if (hooksPath) readOnly.push(`${path.resolve(root, hooksPath.replace(/^~(?=\/|$)/, env.HOME ?? '~'))}/`);
  const hidden = unique([env.HOME, '/root', '/home'].filter((dir): dir is string => typeof dir === 'string' && dir !== '' && dir !== '/'));
  return { workspace: root, writable, readOnlyInWorkspace: unique(readOnly), network: { mode: 'off' }, envAllow: [...DEFAULT_ENV_ALLOW], hidden };
}

export function isInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

async function gitDirs(root: string, env: Readonly<Record<string, string | undefined>>): Promise<{ dir: string; common: string } | undefined> {
  const output = await gitOutput(root, ['rev-parse', '--path-format=absolute', '--git-dir', '--git-common-dir'], env);
  const [dir, common] = output?.split('\n') ?? [];
  if (!dir || !common) return undefined;
  const [realDir, realCommon] = await Promise.all([fs.realpath(dir).catch(() => dir), fs.realpath(common).catch(() => common)]);
  return { dir: realDir, common: realCommon };
}

/** `git ARGS` in `cwd` (argument array, no shell); undefined when git fails or is absent. */
function gitOutput(cwd: string, args: string[], env: Readonly<Record<string, string | undefined>>): Promise<string | undefined> {
  const gitEnv = { PATH: env.PATH ?? '/usr/local/bin:/usr/bin:/bin', ...(env.HOME ? { HOME: env.HOME } : {}) };
  return new Promise((resolve) => {
    execFile('git', args, { cwd, timeout: 5000, env: gitEnv }, (error, stdout) => {
      resolve(error ? undefined : stdout.trim() || undefined);
    });
  });
}

async function dotEnvFiles(root: string): Promise<string[]> {
  const names = await fs.readdir(root).catch(() => [] as string[]);
  return names.filter((name) => name === '.env' || name.startsWith('.env.'));
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
