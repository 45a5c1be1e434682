// Builds the run's safety layer from configuration: the sandboxed SpawnPort every command goes
// through, the permission check every tool call goes through, and the secret redactor. Work that
// costs start-up time (git, the shell grammar) happens on first use, unless the config has rules
// whose examples must be checked as it loads. With `ask`, every "ask" decision (a rule, the mode,
// a network host the allow-list does not name) goes to the user; without it, an ask is a deny.
import type { ApprovalAnswer, ApprovalRequest } from '../core/approval.js';
import { effectivePermissionMode, type PermissionMode } from '../core/permissions.js';
import type { Config } from '../core/config.js';
import type { AgentEventBody } from '../core/events.js';
import type { SpawnPort, ToolKind } from '../core/tool.js';
import type { Policy, ShellParser } from '../safety/policy/index.js';
import { createRedactor, secretsFromEnv, type Redactor } from '../safety/secrets/index.js';
import { defaultSpawn } from '../tools/index.js';
import type { BeforeToolCall } from './hooks.js';

const NO_SHELL: ShellParser = {
  parse: () => {
    throw new Error('the shell grammar is not loaded for file-tool decisions');
  },
};

export interface PermitRequest {
  name: string;
  kind: ToolKind;
  /** What will run (secret placeholders restored). */
  input: unknown;
  /** The call as the model wrote it, shown when the user is asked (never holds secret values). */
  shownInput?: unknown;
  toolCallId?: string;
}

export type Permit = (request: PermitRequest) => Promise<{ allow: true } | { allow: false; reason: string }>;

export type Ask = (request: Omit<ApprovalRequest, 'id'>) => Promise<ApprovalAnswer>;

export interface RunSafety {
  spawn: SpawnPort;
  permit: Permit;
  /** Whether the rules let the model read a file without asking; absent when there are no rules. */
  readable?: (workspace: string, absolutePath: string) => boolean;
  redactor: Redactor;
  mode: PermissionMode;
  sandboxed: boolean;
  /** Whether a command could reach the network now: no sandbox, or one whose allow-list names a domain or can ask about one. */
  commandsReachNetwork(): boolean;
  /** Whether an allow rule (or a grant) names this exact host, not only a pattern that covers it. */
  namesHost(host: string): boolean;
  /** Grants again what an earlier "allow always" answer granted (a resumed session). */
  regrant(request: PermitRequest & { source: 'policy' | 'network' }): Promise<void>;
}

export interface SafetyOptions {
  workspace: string;
  env: Readonly<Record<string, string | undefined>>;
  emit: (event: AgentEventBody) => void;
  /** Asks the user; absent (headless), every ask is a deny with a hint naming the rule that would allow it. */
  ask?: Ask;
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
  const ask = options.ask;
  const permitOptions = {
    workspace: options.workspace,
    ...(ask
      ? {
          // The question shows the call as the model wrote it (secrets as placeholders) and names the tool call.
          approve: (request: { tool: string; kind: ToolKind; input: unknown }, verdict: { reason: string; rule?: string }, call: Partial<PermitRequest>) =>
            ask({
              source: 'policy',
              tool: request.tool,
              kind: request.kind,
              input: call.shownInput ?? request.input,
              reason: verdict.reason,
              ...(verdict.rule ? { rule: verdict.rule } : {}),
              ...(call.toolCallId ? { toolCallId: call.toolCallId } : {}),
            }),
        }
      : {}),
    onDecision: (asked: { tool: string }, verdict: { decision: 'allow' | 'ask' | 'deny'; reason: string; rule?: string }) => {
      if (verdict.decision !== 'allow') options.emit({ type: 'permission', tool: asked.tool, decision: verdict.decision, reason: verdict.reason, ...(verdict.rule ? { rule: verdict.rule } : {}) });
    },
  };
  let shellPermit: Permit | undefined;
  // Without rules, only shell commands need the shell grammar (a WASM load): file tools are decided
  // by the mode alone, by a policy compiled without it.
  let filePermit: Permit | undefined;
  let filePolicy: Policy | undefined;
  const decide: Permit = async (request) => {
    if (hasRules || request.name === 'bash') {
      const { createPermit } = await policyModule();
      shellPermit ??= createPermit(await (policy ??= loadPolicy()), permitOptions);
      return shellPermit(request);
    }
    const { compilePolicy, createPermit } = await policyModule();
    filePolicy ??= compilePolicy(settings, NO_SHELL);
    filePermit ??= createPermit(filePolicy, permitOptions);
    return filePermit(request);
  };
  // Hosts the user allowed when the sandbox's proxy asked: for the session, or for the running command.
  const grantedHosts = new Set<string>();
  const commandHosts = new Set<string>();

  // One sandbox per working folder: a command may write only in the folder it runs in, which is the
  // workspace for the agent's tools and each attempt's own worktree in group runs.
  const sandboxes = new Map<string, Promise<SpawnPort>>();
  const sandboxFor = (cwd: string): Promise<SpawnPort> => {
    let sandbox = sandboxes.get(cwd);
    if (!sandbox) {
      // net(…) allow rules open the network through the sandbox's proxy; grants made later count at once.
      // No rules configured means no policy loaded yet (nor its shell grammar) and no domains: network off.
      sandbox = Promise.all([import('../safety/sandbox/index.js'), policy]).then(async ([{ createSandboxSpawn, defaultPolicy, findSocat, secretFiles }, rules]) => {
        const policyForSandbox = await defaultPolicy(cwd, options.env);
        // What the read tool may not show, a command may not print: secret files and read-denied files read as empty.
        const unreadable = (dir: string, signal: AbortSignal): Promise<string[]> =>
          secretFiles(policyForSandbox.workspace, { spawn: defaultSpawn, signal, ...(readable ? { readable: (file: string) => readable(dir, file) } : {}) });
        const domains = rules?.allowedDomains() ?? [];
        // With someone to ask, unknown hosts are asked about, which needs the proxy (and socat to reach it).
        const canAsk = ask !== undefined && (await findSocat({ searchPath: options.env.PATH, hidden: policyForSandbox.hidden }).then(() => true, () => false));
        if (domains.length === 0 && !canAsk) return createSandboxSpawn(policyForSandbox, { unreadable });
        return createSandboxSpawn({ ...policyForSandbox, network: { mode: 'allow', domains } }, {
          unreadable,
          extraDomains: () => [...(rules?.allowedDomains() ?? []), ...grantedHosts, ...commandHosts],
          ...(canAsk && ask
            ? {
                askUnlisted: async (request: { host: string; port: number; method: string }) => {
                  const answer = await ask({ source: 'network', tool: 'net', kind: 'net', input: request, reason: `${request.host} is not in the network allow-list` });
                  // "Allow" holds for the rest of this command (an install makes many connections), "always" for the session.
                  if (answer === 'allow-always') grantedHosts.add(request.host);
                  else if (answer === 'allow') commandHosts.add(request.host);
                  return answer === 'allow' || answer === 'allow-always';
                },
              }
            : {}),
          onNetworkDecision: (decision: { allowed: boolean; reason: string; host: string }) => {
            if (!decision.allowed) options.emit({ type: 'permission', tool: 'net', decision: 'deny', reason: `${decision.reason}; allow it with a net(${decision.host}) rule` });
          },
        });
      });
      sandboxes.set(cwd, sandbox);
    }
    return sandbox;
  };
  const spawn: SpawnPort = sandboxed
    ? async (request) => {
        try {
          return await (await sandboxFor(request.cwd))(request);
        } finally {
          commandHosts.clear();
        }
      }
    : defaultSpawn;

  const redactor = createRedactor({ knownValues: secretsFromEnv(options.env) });
  const regrant: RunSafety['regrant'] = async (request) => {
    if (request.source === 'network') {
      const host = typeof request.input === 'object' && request.input !== null ? (request.input as { host?: unknown }).host : undefined;
      if (typeof host === 'string') grantedHosts.add(host);
      return;
    }
    const target = hasRules || request.name === 'bash' ? await (policy ??= loadPolicy()) : (filePolicy ??= (await policyModule()).compilePolicy(settings, NO_SHELL));
    target.grantRequest({ tool: request.name, kind: request.kind, input: request.input, workspace: options.workspace });
  };
  const commandsReachNetwork = (): boolean => !sandboxed || ask !== undefined || grantedHosts.size > 0 || (configured?.allowedDomains().length ?? 0) > 0;
  const namesHost = (host: string): boolean => grantedHosts.has(host) || (configured?.allowedDomains() ?? []).some((glob) => glob.toLowerCase() === host);
  return { spawn, permit: decide, ...(readable ? { readable } : {}), redactor, mode, sandboxed, regrant, commandsReachNetwork, namesHost };
}

/** The permission check as a loop hook: a refused call does not run, and the model reads why. */
export function permissionHook(permit: Permit): BeforeToolCall {
  return async (call) => {
    const decision = await permit({ name: call.name, kind: call.kind, input: call.input, shownInput: call.original.input, toolCallId: call.id });
    return decision.allow ? undefined : { block: `error [permission-denied]: permission denied: ${decision.reason}` };
  };
}
