// A SpawnPort that runs every command inside bubblewrap under a SandboxPolicy; it refuses to run
// anything when the sandbox cannot start (fail closed), never falling back to an unsandboxed run.
import { SummonError } from '../../core/errors.js';
import type { SpawnPort } from '../../core/tool.js';
import { defaultSpawn } from '../../tools/spawn.js';
import { createStandIns, removeStandIns, sandboxedCommand } from './bwrap-command.js';
import type { SandboxPolicy } from './policy.js';
import { probeSandbox } from './probe.js';

export interface SandboxSpawnOptions {
  bwrapPath?: string;
  /** The port that starts bwrap itself (default: the process-group spawn of the tools). */
  spawn?: SpawnPort;
}

export function createSandboxSpawn(policy: SandboxPolicy, options: SandboxSpawnOptions = {}): SpawnPort {
  const base = options.spawn ?? defaultSpawn;
  return async (request) => {
    await assertSandboxAvailable(policy, options.bwrapPath);
    const sandboxed = sandboxedCommand(policy, {
      command: request.command,
      args: request.args,
      cwd: request.cwd,
      env: request.env ?? {},
      bwrapPath: options.bwrapPath,
    });
    const created = await createStandIns(policy);
    try {
      return await base({ ...request, command: sandboxed.command, args: sandboxed.args, env: sandboxed.env });
    } finally {
      await removeStandIns(created);
    }
  };
}

/** Throws a SummonError saying what to install when the sandbox cannot run this policy. */
export async function assertSandboxAvailable(policy: SandboxPolicy, bwrapPath?: string): Promise<void> {
  if (policy.network.mode === 'allow' && policy.network.domains.length > 0) {
    throw new SummonError('tool-failed', 'network allow-lists are not supported by the bubblewrap sandbox yet; commands run with the network off', {
      hint: 'drop --allow-net (and network.allow in the config), or pass --no-sandbox to run commands without a sandbox',
    });
  }
  const probe = await probeSandbox({ bwrapPath });
  if (!probe.ok) throw new SummonError('tool-failed', `refusing to run the command: ${probe.reason}`, { hint: probe.hint });
}
