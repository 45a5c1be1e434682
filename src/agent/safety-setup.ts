// Builds the run's safety layer from configuration: the sandboxed SpawnPort every command goes
// through, the permission check every tool call goes through, and the secret redactor. Work that
// costs start-up time (git, the shell grammar) happens on first use, unless the config has rules
// whose examples must be checked as it loads.
import { effectivePermissionMode, type PermissionMode } from '../core/permissions.js';
import type { Config } from '../core/config.js';
import type { AgentEventBody } from '../core/events.js';
import type { SpawnPort, ToolKind } from '../core/tool.js';
import type { Policy, ShellParser } from '../safety/policy/index.js';
import { createRedactor, secretsFromEnv, type Redactor } from '../safety/secrets/index.js';
import { defaultSpawn } from '../tools/index.js';

const NO_SHELL: ShellParser = {
  parse: () => {
    throw new Error('the shell grammar is not loaded for file-tool decisions');
  },
};

export type Permit = (request: { name: string; kind: ToolKind; input: unknown }) => Promise<{ allow: true } | { allow: false; reason: string }>;

export interface RunSafety {
  spawn: SpawnPort;
  permit: Permit;
  /** Whether the rules let the model read a file without asking; absent when there are no rules. */
  readable?: (workspace: string, absolutePath: string) => boolean;
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
  // The policy engine and the sandbox load on first use: most of their code is not on the path to the first request.
  const policyModule = (): Promise<typeof import('../safety/policy/index.js')> => import('../safety/policy/index.js');
  const loadPolicy = async (): Promise<Policy> => (await policyModule()).loadPolicy(settings);
  const configured = hasRules ? await loadPolicy() : undefined;
  let policy: Promise<Policy> | undefined = configured ? Promise.resolve(configured) : undefined;
  // Only rules can make a file unreadable: every mode allows reads by default.
  const readable = configured
    ? (workspace: string, file: string): boolean => configured.decide({ tool: 'read', kind: 'read', input: { path: file }, workspace }).decision === 'allow'
    : undefined;
  const permitOptions = {
    workspace: options.workspace,
    onDecision: (asked: { tool: string }, verdict: { decision: 'allow' | 'ask' | 'deny'; reason: string; rule?: string }) => {
      if (verdict.decision !== 'allow') options.emit({ type: 'permission', tool: asked.tool, decision: verdict.decision, reason: verdict.reason, ...(verdict.rule ? { rule: verdict.rule } : {}) });
    },
  };
  let shellPermit: Permit | undefined;
  // Without rules, only shell commands need the shell grammar (a WASM load): file tools are decided
  // by the mode alone, by a policy compiled without it.
  let filePermit: Permit | undefined;
  const decide: Permit = async (request) => {
    if (hasRules || request.name === 'bash') {
      const { createPermit } = await policyModule();
      shellPermit ??= createPermit(await (policy ??= loadPolicy()), permitOptions);
      return shellPermit(request);
    }
    const { compilePolicy, createPermit } = await policyModule();
    filePermit ??= createPermit(compilePolicy(settings, NO_SHELL), permitOptions);
    return filePermit(request);
  };

  // One sandbox per working folder: a command may write only in the folder it runs in, which is the
  // workspace for the agent's tools and each attempt's own worktree in group runs.
  const sandboxes = new Map<string, Promise<SpawnPort>>();
  const sandboxFor = (cwd: string): Promise<SpawnPort> => {
    let sandbox = sandboxes.get(cwd);
    if (!sandbox) {
      // net(…) allow rules open the network through the sandbox's proxy; grants made later count at once.
      // No rules configured means no policy loaded yet (nor its shell grammar) and no domains: network off.
      sandbox = Promise.all([import('../safety/sandbox/index.js'), policy]).then(async ([{ createSandboxSpawn, defaultPolicy }, rules]) => {
        const policyForSandbox = await defaultPolicy(cwd, options.env);
        const domains = rules?.allowedDomains() ?? [];
        if (!rules || domains.length === 0) return createSandboxSpawn(policyForSandbox);
        return createSandboxSpawn({ ...policyForSandbox, network: { mode: 'allow', domains } }, {
          extraDomains: () => rules.allowedDomains(),
          onNetworkDecision: (decision: { allowed: boolean; reason: string; host: string }) => {
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
  return { spawn, permit: decide, ...(readable ? { readable } : {}), redactor, mode, sandboxed };
}
