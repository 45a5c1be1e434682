// The strict sandbox profile for programs under test: a minimal read-only root (system folders and the
// interpreter only), a fresh tmpfs working folder as the one writable place, no network namespace, seccomp against process
// creation and non-unix sockets, a scrubbed environment and CPU, memory, file-size and fd limits.
import { existsSync, lstatSync, readlinkSync, realpathSync } from 'node:fs';
import path from 'node:path';

export interface ProfileInput {
  interpreter: string;
  args: string[];
  /** Files placed read-only under /job, each delivered through an inherited pipe. */
  jobFiles: Array<{ name: string; fd: number }>;
  seccompFd: number;
  cpuSeconds: number;
  addressSpaceBytes: number;
  bwrapPath?: string;
  prlimitPath?: string;
}

export interface ProfileCommand {
  command: string;
  args: string[];
  env: Record<string, string>;
}

const SYSTEM_LINKS = ['/bin', '/sbin', '/lib', '/lib64', '/lib32', '/libx32'];
const ETC_FILES = ['/etc/ld.so.cache', '/etc/localtime', '/etc/alternatives', '/etc/ssl/openssl.cnf'];
const WORK_DIR = '/work';
const WORK_BYTES = 32 * 1024 * 1024;
const MAX_FILE_BYTES = 16 * 1024 * 1024;

export function profileCommand(input: ProfileInput): ProfileCommand {
  const bwrap = [
    '--die-with-parent', '--new-session',
    '--unshare-all', '--unshare-user', '--disable-userns', '--cap-drop', 'ALL',
    '--ro-bind', '/usr', '/usr',
  ];
  for (const link of SYSTEM_LINKS) bwrap.push(...systemEntry(link));
  for (const file of ETC_FILES) bwrap.push('--ro-bind-try', file, file);
  const prefix = interpreterPrefix(input.interpreter);
  if (prefix) bwrap.push('--ro-bind', prefix, prefix);
  // The working folder is the only writable place: /tmp exists but, like the rest of the root, is
  // read-only once --remount-ro has run (temp files go to the working folder through TMPDIR).
  bwrap.push('--proc', '/proc', '--dev', '/dev', '--dir', '/tmp', '--size', String(WORK_BYTES), '--tmpfs', WORK_DIR);
  for (const file of input.jobFiles) bwrap.push('--ro-bind-data', String(file.fd), `/job/${file.name}`);
  bwrap.push('--remount-ro', '/', '--chdir', WORK_DIR, '--seccomp', String(input.seccompFd), '--', input.interpreter, ...input.args);
  const limits = [
    `--cpu=${input.cpuSeconds}:${input.cpuSeconds + 1}`,
    `--as=${input.addressSpaceBytes}`,
    `--fsize=${MAX_FILE_BYTES}`,
    '--nofile=256',
    '--core=0',
  ];
  return {
    command: input.prlimitPath ?? 'prlimit',
    args: [...limits, '--', input.bwrapPath ?? 'bwrap', ...bwrap],
    env: { PATH: '/usr/local/bin:/usr/bin:/bin', HOME: WORK_DIR, TMPDIR: WORK_DIR, LANG: 'C.UTF-8', PYTHONDONTWRITEBYTECODE: '1', PYTHONIOENCODING: 'utf-8' },
  };
}

/** bin, lib…: a symlink on merged-/usr systems (recreated as one), else a folder bound read-only. */
function systemEntry(entry: string): string[] {
  try {
    const stat = lstatSync(entry);
    if (stat.isSymbolicLink()) return ['--symlink', readlinkSync(entry), entry];
    if (stat.isDirectory()) return ['--ro-bind', entry, entry];
  } catch {
    // Absent on this system.
  }
  return [];
}

/** The install folder of an interpreter outside /usr (nvm, pyenv…), bound read-only; undefined under /usr. */
function interpreterPrefix(interpreter: string): string | undefined {
  if (!path.isAbsolute(interpreter) || !existsSync(interpreter)) return undefined;
  const real = realpathSync(interpreter);
  if (real.startsWith('/usr/') || SYSTEM_LINKS.some((link) => real.startsWith(`${link}/`))) return undefined;
  return path.dirname(path.dirname(real));
}
