// Allow mode inside the sandbox: the command keeps its own network namespace (only `lo`, which
// bubblewrap brings up), and socat relays 127.0.0.1:3128 to the proxy's unix socket bound in at /run.
import { constants, promises as fs } from 'node:fs';
import path from 'node:path';
import { SummonError } from '../../core/errors.js';
import { isInside } from './policy.js';

/** How a sandboxed command reaches the proxy: its host socket and the socat that relays to it. */
export interface NetworkBridge {
  socketPath: string;
  socatPath: string;
}

export const PROXY_PORT = 3128;
export const SANDBOX_PROXY_SOCKET = '/run/summon-proxy.sock';
export const PROXY_URL = `http://127.0.0.1:${PROXY_PORT}`;

export const SOCAT_HINT = 'install socat (Debian/Ubuntu: apt-get install socat; Fedora: dnf install socat; Arch: pacman -S socat), or drop --allow-net and the net(…) rules to run with the network off';

/**
 * Starts socat in the background, waits until it listens (read from /proc/net/tcp, which shows this
 * namespace only), then execs the command: "$1" is socat, the rest the command and its arguments.
 */
const BRIDGE_SCRIPT = `socat="$1"; shift
"$socat" TCP4-LISTEN:${PROXY_PORT},bind=127.0.0.1,fork,reuseaddr UNIX-CONNECT:${SANDBOX_PROXY_SOCKET} </dev/null >/dev/null 2>&1 &
listening() {
  while read -r _ local _ state _; do
    [ "$local" = 0100007F:${PROXY_PORT.toString(16).toUpperCase().padStart(4, '0')} ] && [ "$state" = 0A ] && return 0
  done </proc/net/tcp
  return 1
}
tries=0
until listening; do
  tries=$((tries + 1))
  if [ "$tries" -gt 2200 ]; then echo "summon: the sandbox's network relay (socat) did not start" >&2; exit 125; fi
  # socat listens within a few ms: spin (no fork) at first, then back off.
  if [ "$tries" -gt 2000 ]; then sleep 0.01; fi
done
exec "$@"`;

/** Variables that point HTTP clients (curl, npm, pip, git, …) at the relay; NO_PROXY empty so nothing bypasses it. */
export const PROXY_ENV: Readonly<Record<string, string>> = {
  HTTP_PROXY: PROXY_URL,
  HTTPS_PROXY: PROXY_URL,
  http_proxy: PROXY_URL,
  https_proxy: PROXY_URL,
  ALL_PROXY: PROXY_URL,
  all_proxy: PROXY_URL,
  NO_PROXY: '',
  no_proxy: '',
};

/** bwrap options, command and arguments that run `command` behind the relay. */
export function bridged(bridge: NetworkBridge, command: string, args: readonly string[]): { options: string[]; command: string; args: string[] } {
  return {
    options: ['--bind', bridge.socketPath, SANDBOX_PROXY_SOCKET],
    command: '/bin/sh',
    args: ['-c', BRIDGE_SCRIPT, 'summon-network', bridge.socatPath, command, ...args],
  };
}

/**
 * The socat the sandbox will run: `explicit` if given, else the first on `searchPath` outside the
 * hidden folders. Throws a SummonError with the install hint when there is none (fail closed).
 */
export async function findSocat(options: { explicit?: string; searchPath?: string; hidden?: readonly string[] } = {}): Promise<string> {
  const candidates = options.explicit
    ? [options.explicit]
    : (options.searchPath ?? '/usr/local/bin:/usr/bin:/bin')
        .split(':')
        .filter((dir) => path.isAbsolute(dir) && !(options.hidden ?? []).some((hidden) => isInside(dir, hidden)))
        .map((dir) => path.join(dir, 'socat'));
  for (const candidate of candidates) {
    if (await fs.access(candidate, constants.X_OK).then(() => true, () => false)) return candidate;
  }
  throw new SummonError('tool-failed', 'refusing to run the command: a network allow-list needs socat, which is not installed', { hint: SOCAT_HINT });
}
