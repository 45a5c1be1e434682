// Builds the run's safety layer from configuration: the sandboxed SpawnPort every command goes
// through, the permission check every tool call goes through, and the secret redactor. Work that
// costs start-up time (git, the shell grammar) happens on first use, unless the config has rules
// whose examples must be checked as it loads.
import { effectivePermissionMode, type PermissionMode } from '../core/permissions.js';
import type { Config } from '../core/config.js';
import type { AgentEventBody } from '../core/events.js';
import type { SpawnPort, ToolKind } from '../core/tool.js';
import { createPermit, loadPolicy, type Policy } from '../safety/policy/index.js';
import { createSandboxSpawn, defaultPolicy } from '../safety/sandbox/index.js';
import { createRedactor, secretsFromEnv, type Redactor } from '../safety/secrets/index.js';
import { defaultSpawn } from '../tools/index.js';

export type Permit = (request: { name: string; kind: ToolKind; input: unknown }) => Promise<{ allow: true } | { allow: false; reason: string }>;

export interface RunSafety {
  spawn: SpawnPort;
  permit: Permit;
  redactor: Redactor;
  mode: PermissionMode;
  sandboxed: boolean;
}

export interface SafetyOptions {
  workspace: string;
  env: Readonly<Record<string, string | undefined>>;
  emit: (event: AgentEventBody) => void;
}

export async function prepareSafety(config: Pick<Config, 'sandbox' | 'permissions'>, options: SafetyOptions): Promise<RunSafety> {
  const sandboxed = config.sandbox;
  const mode = effectivePermissionMode(config.permissions.mode, sandboxed);
  const settings = { ...config.permissions, mode };
  const hasRules = settings.allow.length + settings.ask.length + settings.deny.length > 0;
  // Rules with examples are checked now, so a bad rule is a configuration error before any work.
  let policy: Promise<Policy> | undefined = hasRules ? Promise.resolve(await loadPolicy(settings)) : undefined;
  let permit: Permit | undefined;
  const decide: Permit = async (request) => {
    permit ??= createPermit(await (policy ??= loadPolicy(settings)), {
      workspace: options.workspace,
      onDecision: (asked, verdict) => {
        if (verdict.decision !== 'allow') options.emit({ type: 'permission', tool: asked.tool, decision: verdict.decision, reason: verdict.reason, ...(verdict.rule ? { rule: verdict.rule } : {}) });
      },
    });
    return permit(request);
  };

  // One sandbox per working folder: a command may write only in the folder it runs in, which is the
  // workspace for the agent's tools and each attempt's own worktree in group runs.
  const sandboxes = new Map<string, Promise<SpawnPort>>();
  const sandboxFor = (cwd: string): Promise<SpawnPort> => {
    let sandbox = sandboxes.get(cwd);
    if (!sandbox) {
      sandbox = Promise.all([defaultPolicy(cwd, options.env), (policy ??= loadPolicy(settings))]).then(([policyForSandbox, rules]) => {
        // net(…) allow rules open the network through the sandbox's proxy; grants made later count at once.
        const domains = rules.allowedDomains();
        if (domains.length === 0) return createSandboxSpawn(policyForSandbox);
        return createSandboxSpawn({ ...policyForSandbox, network: { mode: 'allow', domains } }, {
          extraDomains: () => rules.allowedDomains(),
          onNetworkDecision: (decision) => {
            if (!decision.allowed) options.emit({ type: 'permission', tool: 'net', decision: 'deny', reason: `${decision.reason}; allow it with a net(${decision.host}) rule` });
          },
        });
      });
      sandboxes.set(cwd, sandbox);
    }
    return sandbox;
  };
  const spawn: SpawnPort = sandboxed ? async (request) => (await sandboxFor(request.cwd))(request) : defaultSpawn;

  const redactor = createRedactor({ knownValues: secretsFromEnv(options.env) });
  return { spawn, permit: decide, redactor, mode, sandboxed };
}
