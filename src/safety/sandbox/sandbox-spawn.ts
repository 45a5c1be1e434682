// A SpawnPort that runs every command inside bubblewrap under a SandboxPolicy; it refuses to run
// anything when the sandbox cannot start (fail closed), never falling back to an unsandboxed run.
// In network allow mode it owns the filtering proxy, started on first use and ended by close().
import { SummonError } from '../../core/errors.js';
import type { SpawnPort } from '../../core/tool.js';
import { defaultSpawn } from '../../tools/spawn.js';
import { createStandIns, removeStandIns, sandboxedCommand } from './bwrap-command.js';
import { findSocat, type NetworkBridge } from './network-bridge.js';
import type { SandboxPolicy } from './policy.js';
import { probeSandbox } from './probe.js';
import { startNetworkProxy, type NetworkProxy, type NetworkProxyOptions, type ProxyDecision, type UpstreamConnect } from './proxy.js';

export interface SandboxSpawnOptions {
  bwrapPath?: string;
  /** The port that starts bwrap itself (default: the process-group spawn of the tools). */
  spawn?: SpawnPort;
  /** Allow mode: the socat to relay with (default: found on PATH). */
  socatPath?: string;
  /** Allow mode: how the proxy reaches an allowed host (default: TCP); tests map names to loopback servers. */
  connect?: UpstreamConnect;
  /** Allow mode: every proxy decision, allowed or refused. */
  onNetworkDecision?: (decision: ProxyDecision) => void;
  /** Allow mode: more allowed globs, read at each request (e.g. domains granted during the run). */
  extraDomains?: () => readonly string[];
  /** Allow mode: asked about hosts no glob covers (interactive runs); refused without it. */
  askUnlisted?: NetworkProxyOptions['askUnlisted'];
  /** Files to show empty inside the sandbox for a command run in `cwd`, found before each command. */
  unreadable?: (cwd: string, signal: AbortSignal) => Promise<string[]>;
}

/** The sandbox's SpawnPort; close() stops its network proxy (a later command starts a new one). */
export type SandboxSpawn = SpawnPort & { close(): Promise<void> };

export function createSandboxSpawn(policy: SandboxPolicy, options: SandboxSpawnOptions = {}): SandboxSpawn {
  const base = options.spawn ?? defaultSpawn;
  let proxy: Promise<NetworkProxy> | undefined;
  const bridge = async (searchPath: string | undefined): Promise<NetworkBridge | undefined> => {
    if (policy.network.mode !== 'allow') return undefined;
    const socatPath = await findSocat({ explicit: options.socatPath, searchPath, hidden: policy.hidden });
    const globs = policy.network.domains;
    proxy ??= startNetworkProxy({
      domains: options.extraDomains ? () => [...globs, ...(options.extraDomains?.() ?? [])] : globs,
      connect: options.connect,
      onDecision: options.onNetworkDecision,
      askUnlisted: options.askUnlisted,
    }).catch((error: unknown) => {
      proxy = undefined;
      throw error;
    });
    return { socketPath: (await proxy).socketPath, socatPath };
  };
  const spawn: SpawnPort = async (request) => {
    await assertSandboxAvailable(policy, options.bwrapPath);
    const network = await bridge(request.env?.PATH);
    const unreadable = options.unreadable ? await options.unreadable(request.cwd, request.signal) : [];
    const sandboxed = sandboxedCommand(unreadable.length > 0 ? { ...policy, unreadable } : policy, {
      command: request.command,
      args: request.args,
      cwd: request.cwd,
      env: request.env ?? {},
      bwrapPath: options.bwrapPath,
      network,
    });
    const created = await createStandIns(policy);
    try {
      return await base({ ...request, command: sandboxed.command, args: sandboxed.args, env: sandboxed.env });
    } finally {
      await removeStandIns(created);
    }
  };
  const close = async (): Promise<void> => {
    const running = proxy;
    proxy = undefined;
    if (running) await (await running.catch(() => undefined))?.close();
  };
  return Object.assign(spawn, { close });
}

/**
 * Throws a SummonError saying what to install when the sandbox cannot run this policy: bubblewrap
 * always, socat too in network allow mode (the relay to the proxy).
 */
export async function assertSandboxAvailable(policy: SandboxPolicy, bwrapPath?: string, network: { socatPath?: string; searchPath?: string } = {}): Promise<void> {
  const probe = await probeSandbox({ bwrapPath });
  if (!probe.ok) throw new SummonError('tool-failed', `refusing to run the command: ${probe.reason}`, { hint: probe.hint });
  if (policy.network.mode === 'allow') await findSocat({ explicit: network.socatPath, searchPath: network.searchPath, hidden: policy.hidden });
}
