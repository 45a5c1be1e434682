// Turns a SandboxPolicy and one command into a bubblewrap invocation (argument arrays only), and
// prepares the stand-in folders for protected paths that do not exist yet.
import { existsSync, mkdtempSync, promises as fs, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SummonError } from '../../core/errors.js';
import { filterEnv } from './env.js';
import { bridged, PROXY_ENV, type NetworkBridge } from './network-bridge.js';
import { isInside, type SandboxPolicy } from './policy.js';

export interface SandboxedCommand {
  command: string;
  args: string[];
  env: Record<string, string>;
}

export interface CommandInput {
  command: string;
  args: string[];
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Extra bwrap options placed before the command (e.g. a bound proxy socket). */
  extraOptions?: string[];
  bwrapPath?: string;
  /** Required when the policy's network is in allow mode: the proxy socket and socat (see network-bridge.ts). */
  network?: NetworkBridge;
}

/** Files hidden even though the root is readable: readable by root, who owns them. */
const HIDDEN_FILES = ['/etc/shadow', '/etc/gshadow', '/etc/sudoers'];

export function sandboxedCommand(policy: SandboxPolicy, input: CommandInput): SandboxedCommand {
  const args = [
    '--die-with-parent', '--new-session',
    '--unshare-all', '--unshare-user', '--disable-userns', '--cap-drop', 'ALL',
    '--ro-bind', '/', '/',
    '--dev', '/dev', '--proc', '/proc',
    // Private temp folders, and no host sockets (/run holds docker, dbus, systemd sockets).
    '--tmpfs', '/tmp', '--tmpfs', '/var/tmp', '--tmpfs', '/run',
  ];
  for (const file of HIDDEN_FILES.filter((name) => existsSync(name))) args.push('--ro-bind', '/dev/null', file);
  for (const dir of policy.hidden.filter((name) => existsSync(name)).sort(byDepth)) args.push('--tmpfs', dir);
  args.push('--bind', policy.workspace, policy.workspace);
  for (const dir of policy.writable) args.push('--bind-try', dir, dir);
  // A bound folder is a mount point, so it cannot be renamed away and replaced by a planted copy.
  args.push('--bind-try', path.join(policy.workspace, '.git'), path.join(policy.workspace, '.git'));
  for (const entry of protectedPaths(policy)) args.push('--ro-bind-try', entry.path, entry.path);
  // Last, so the workspace's bind does not cover them: secret files read as empty (an empty regular
  // file, not /dev/null, which a nodev mount would refuse to open).
  if (policy.unreadable?.length) {
    const empty = emptyFile();
    for (const file of policy.unreadable) args.push('--ro-bind-try', empty, file);
  }
  let command = { options: [] as string[], command: input.command, args: input.args };
  if (policy.network.mode === 'allow') {
    // Fail closed: without the relay the command would silently get no network, or worse, a wrong one.
    if (!input.network) throw new SummonError('internal', 'a sandbox in network allow mode needs its proxy bridge');
    command = bridged(input.network, input.command, input.args);
  }
  args.push(...command.options, ...(input.extraOptions ?? []), '--chdir', input.cwd, '--', command.command, ...command.args);
  const env = filterEnv(input.env, policy.envAllow, { TMPDIR: '/tmp', ...(policy.network.mode === 'allow' ? PROXY_ENV : {}) });
  env.PATH = visiblePath(env.PATH ?? '/usr/local/bin:/usr/bin:/bin', policy);
  return { command: input.bwrapPath ?? 'bwrap', args, env };
}

export interface ProtectedPath {
  path: string;
  /** Protected even when absent: an empty read-only folder stands in for it. */
  folder: boolean;
}

export function protectedPaths(policy: SandboxPolicy): ProtectedPath[] {
  return policy.readOnlyInWorkspace.map((entry) => ({
    path: path.resolve(policy.workspace, entry.replace(/\/+$/, '')),
    folder: entry.endsWith('/'),
  }));
}

/**
 * Creates the missing protected folders (inside the workspace or a writable folder) so they can be
 * mounted read-only; returns those created, for removeStandIns once the command is over.
 */
export async function createStandIns(policy: SandboxPolicy): Promise<string[]> {
  const created: string[] = [];
  for (const entry of protectedPaths(policy)) {
    if (!entry.folder) continue;
    const roots = [policy.workspace, ...policy.writable];
    if (!roots.some((root) => isInside(entry.path, root))) continue;
    const exists = await fs.lstat(entry.path).then(() => true, () => false);
    if (exists) continue;
    const parentExists = await fs.stat(path.dirname(entry.path)).then((stat) => stat.isDirectory(), () => false);
    if (!parentExists) continue;
    try {
      await fs.mkdir(entry.path);
      created.push(entry.path);
    } catch {
      // Created meanwhile by someone else: it exists, which is all the mount needs.
    }
  }
  return created;
}

/** Removes stand-in folders that are still empty (rmdir refuses non-empty ones). */
export async function removeStandIns(created: string[]): Promise<void> {
  await Promise.all(created.map((dir) => fs.rmdir(dir).catch(() => undefined)));
}

/** PATH without the entries that sit in hidden folders (they are empty inside the sandbox). */
function visiblePath(value: string, policy: SandboxPolicy): string {
  const open = [policy.workspace, ...policy.writable];
  return value
    .split(':')
    .filter((dir) => dir !== '' && (!policy.hidden.some((hidden) => isInside(dir, hidden)) || open.some((root) => isInside(dir, root))))
    .join(':');
}

let empty: string | undefined;

/** One empty, read-only file per process, to stand in for secret files; removed when the process exits. */
function emptyFile(): string {
  if (empty && existsSync(empty)) return empty;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'summon-empty-'));
  const file = path.join(dir, 'empty');
  writeFileSync(file, '', { mode: 0o444 });
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  empty = file;
  return file;
}

function byDepth(a: string, b: string): number {
  return a.split('/').length - b.split('/').length;
}
