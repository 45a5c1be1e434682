// The sandbox: one policy type, a bubblewrap backend behind the SpawnPort, and a fail-closed probe.
export { defaultPolicy, isInside, type NetworkPolicy, type SandboxPolicy } from './policy.js';
export { createSandboxSpawn, assertSandboxAvailable, type SandboxSpawnOptions } from './sandbox-spawn.js';
export { probeSandbox, type ProbeResult } from './probe.js';
export { sandboxedCommand, createStandIns, removeStandIns, protectedPaths, type SandboxedCommand, type CommandInput } from './bwrap-command.js';
export { filterEnv, isSecretName, DEFAULT_ENV_ALLOW } from './env.js';
export { runProcess, type ProcessRequest, type ProcessResult } from './run-process.js';
export { seccompFilter, type SeccompRule } from './seccomp.js';
