// Checks once that bubblewrap can build a sandbox here; callers fail closed when it cannot.
import { runProcess } from './run-process.js';

export type ProbeResult = { ok: true } | { ok: false; reason: string; hint: string };

const INSTALL_HINT =
  'install bubblewrap (Debian/Ubuntu: apt-get install bubblewrap; Fedora: dnf install bubblewrap; Arch: pacman -S bubblewrap), ' +
  'or pass --no-sandbox to run commands without a sandbox';
const USERNS_HINT =
  'bubblewrap needs user namespaces: enable them (sysctl kernel.unprivileged_userns_clone=1, or on Ubuntu 24.04+ ' +
  'sysctl kernel.apparmor_restrict_unprivileged_userns=0; in a container, run it with --privileged or a seccomp profile allowing unshare), ' +
  'or pass --no-sandbox to run commands without a sandbox';

const cache = new Map<string, Promise<ProbeResult>>();

/** Whether `bwrap` starts a sandbox with every namespace this layer uses; cached per bwrap path. */
export function probeSandbox(options: { bwrapPath?: string; path?: string } = {}): Promise<ProbeResult> {
  const command = options.bwrapPath ?? 'bwrap';
  const key = `${command}\0${options.path ?? ''}`;
  let result = cache.get(key);
  if (!result) {
    result = probe(command, options.path ?? '/usr/local/bin:/usr/bin:/bin');
    cache.set(key, result);
  }
  return result;
}

async function probe(command: string, searchPath: string): Promise<ProbeResult> {
  const args = ['--die-with-parent', '--new-session', '--unshare-all', '--unshare-user', '--disable-userns', '--cap-drop', 'ALL',
    '--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc', '--tmpfs', '/tmp', '--', 'true'];
  try {
    const result = await runProcess({ command, args, cwd: '/', env: { PATH: searchPath }, timeoutMs: 10_000, maxOutputBytes: 4096 });
    if (result.exitCode === 0) return { ok: true };
    const detail = result.stderr.trim().split('\n')[0] ?? '';
    return {
      ok: false,
      reason: `the sandbox (bubblewrap) cannot start here${detail ? `: ${detail}` : result.timedOut ? ': it did not answer within 10 s' : ''}`,
      hint: USERNS_HINT,
    };
  } catch {
    return { ok: false, reason: `the sandbox program "${command}" (bubblewrap) is not installed`, hint: INSTALL_HINT };
  }
}
