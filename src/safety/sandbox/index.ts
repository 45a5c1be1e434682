// The sandbox: one policy type, a bubblewrap backend behind the SpawnPort, a fail-closed probe, and
// the filtering proxy that is the only way out in network allow mode.
export { defaultPolicy, isInside, type NetworkPolicy, type SandboxPolicy } from './policy.js';
export { createSandboxSpawn, assertSandboxAvailable, type SandboxSpawn, type SandboxSpawnOptions } from './sandbox-spawn.js';
export { startNetworkProxy, deniedBody, type NetworkProxy, type NetworkProxyOptions, type ProxyDecision, type UpstreamConnect } from './proxy.js';
export { findSocat, PROXY_ENV, PROXY_URL, SOCAT_HINT, type NetworkBridge } from './network-bridge.js';
export { matchDomain, normalizeHost } from './domain-glob.js';
export { probeSandbox, type ProbeResult } from './probe.js';
export { sandboxedCommand, createStandIns, removeStandIns, protectedPaths, type SandboxedCommand, type CommandInput } from './bwrap-command.js';
export { filterEnv, isSecretName, DEFAULT_ENV_ALLOW } from './env.js';
export { runProcess, type ProcessRequest, type ProcessResult } from './run-process.js';
export { seccompFilter, type SeccompRule } from './seccomp.js';
export { secretFiles, isSecretFileName, type SecretFileOptions } from './secret-files.js';
