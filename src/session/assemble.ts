// Assembles everything a run needs, in one place: configuration layers, the provider, the safety
// layer (sandbox, permissions, secrets), the guard, verifiers, the context tool and opening pack,
// and the loop's hooks. Only the session core calls this; every front end goes through a session.
import { openingContext } from '../agent/context-pack.js';
import { compactionHook } from '../agent/compaction.js';
import { auditGate, verificationGate } from '../agent/gates.js';
import { createToolGuard, type ToolGuard } from '../agent/guard.js';
import type { LoopHooks } from '../agent/hooks.js';
import type { LoopOptions } from '../agent/loop.js';
import { permissionHook, prepareSafety, type Ask, type RunSafety } from '../agent/safety-setup.js';
import { prepareModel, prepareSystemPrompt, resolveWorkspace, type PreparedModel } from '../agent/setup.js';
import { loadConfig } from '../config/index.js';
import type { Config, ConfigLayer } from '../core/config.js';
import type { AgentEvent, AgentEventBody } from '../core/events.js';
import { SummonError } from '../core/errors.js';
import type { Tool } from '../core/tool.js';
import { userConfigDir } from '../config/index.js';
import { loadAgents } from './agents.js';
import { createTaskTool, type OpenChild } from './subagents.js';
import type { BeforeFileChange } from '../core/fs-port.js';
import type { Verifier } from '../core/verify.js';
import { VERSION } from '../core/version.js';
import { defaultIndexCacheDir } from '../context/cache-dir.js';
import { createContextTool } from '../context/tool.js';
import { builtinTools } from '../tools/index.js';
import { createWebFetchTool } from '../tools/web-fetch.js';
import summarizePrompt from '../../prompts/summarize.md?raw';

export interface AssembleOptions {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** A config layer over the files (highest precedence); `model` is applied over it. */
  config?: ConfigLayer;
  /** Names for where fields of `config` came from, e.g. `{ model: '--model' }` (shown by `summon config`). */
  configSources?: Readonly<Record<string, string>>;
  model?: string;
  /** Ad-hoc verifier command lines (like --verify). */
  verify?: readonly string[];
  ask?: Ask;
  emit: (event: AgentEventBody) => void;
  beforeFileChange?: BeforeFileChange;
  /** More hooks, run after summon's own in each list. */
  hooks?: LoopHooks;
  /** Only these tools (by name). */
  tools?: readonly string[];
  /** Sub-agents (the task tool): how to open a child session, and where its events go. */
  children?: { parentId: string; open: OpenChild; forward: (event: AgentEvent) => void };
}

/** What stays the same for every run of a session; a run adds task, signal, history and its emit. */
export type RunBase = Omit<LoopOptions, 'task' | 'signal' | 'emit' | 'history' | 'sessionId' | 'run' | 'resumed' | 'openingContext'>;

export interface Assembled {
  workspace: string;
  config: Config;
  model: PreparedModel & { known: boolean };
  safety: RunSafety;
  guard: ToolGuard;
  verifiers: Verifier[];
  base: RunBase;
  /** Called as each run begins: compaction's summary names the task of the run. */
  beginRun(task: string): void;
  /** The opening context for a task; `signal` ends an index build still going on when the run ends. */
  openingContext(signal: AbortSignal): NonNullable<LoopOptions['openingContext']>;
}

export async function assemble(options: AssembleOptions): Promise<Assembled> {
  const workspace = resolveWorkspace(options.cwd);
  const layer: ConfigLayer = { ...options.config, ...(options.model ? { model: options.model } : {}) };
  const sources = { ...options.configSources, ...(options.model && !options.configSources?.model ? { model: 'createSession({ model })' } : {}) };
  // Without flag names the layer came from code: errors name its fields, not flags.
  const label = options.configSources ? {} : { flagsLabel: 'the config given to createSession' };
  const { config } = await loadConfig({ cwd: workspace, env: options.env, flags: layer, flagSources: sources, ...label });
  const model = await prepareModel(config, options.env);
  const safety = await prepareSafety(config, { workspace, env: options.env, emit: options.emit, ...(options.ask ? { ask: options.ask } : {}) });
  const guard = createToolGuard({ redactor: safety.redactor, emit: options.emit, commandsReachNetwork: safety.commandsReachNetwork, ...(options.ask ? { ask: options.ask } : {}) });
  const system = guard.redactText(prepareSystemPrompt(workspace).system, 'system prompt');
  const adhoc = options.verify ?? [];
  // The verifier runners load only when some verifier is configured.
  const verifiers =
    config.verify.length + adhoc.length > 0 ? (await import('../verify/registry.js')).buildVerifiers(config.verify, { spawn: safety.spawn, adhoc: [...adhoc], env: options.env }) : [];
  const cacheDir = defaultIndexCacheDir(options.env);
  let currentTask = '';

  const extra = options.hooks ?? {};
  // The guard restores placeholders and refuses protected paths before the policy sees the call;
  // results are redacted, scanned and spotlighted before anything else reads them.
  const hooks: LoopHooks = {
    beforeToolCall: [guard.beforeToolCall, permissionHook(safety.permit), ...(extra.beforeToolCall ?? [])],
    afterToolCall: [guard.afterToolCall, ...(extra.afterToolCall ?? [])],
    doneGates: [...(verifiers.length > 0 ? [verificationGate(verifiers)] : []), ...(config.audit ? [auditGate()] : []), ...(extra.doneGates ?? [])],
    transformHistory: [
      compactionHook({ compactAt: config.compactAt, task: () => currentTask, summarizePrompt: summarizePrompt.trim(), maxSummaryTokens: Math.min(2_000, model.info.maxOutputTokens) }),
      ...(extra.transformHistory ?? []),
    ],
  };
  const base: RunBase = {
    workspace,
    system,
    model,
    think: config.think,
    limits: {
      maxTurns: config.maxTurns,
      ...(config.maxCostUsd !== undefined ? { maxCostUsd: config.maxCostUsd } : {}),
      ...(config.timeoutSec !== undefined ? { timeoutSec: config.timeoutSec } : {}),
    },
    retry: config.retry,
    tools: selectTools([...builtinTools, createContextTool({ cacheDir, historyCommits: config.context.historyCommits }), createWebFetchTool(), ...(options.children ? [taskTool(options.children, workspace, options.env, options.emit)] : [])], options.tools),
    commandTimeoutMs: config.commandTimeoutSec * 1000,
    maxToolOutputChars: config.maxToolOutputChars,
    spawn: safety.spawn,
    version: VERSION,
    hooks,
    ...(safety.readable ? { readable: safety.readable } : {}),
    ...(options.beforeFileChange ? { beforeFileChange: options.beforeFileChange } : {}),
    redactInput: (text, origin) => guard.redactText(text, origin),
    redactProgress: (text) => guard.redactQuietly(text),
    net: {
      permit: (url) => safety.permit({ name: 'web_fetch', kind: 'net', input: { url } }),
      names: (host) => safety.namesHost(host),
    },
  };
  return {
    workspace,
    config,
    model,
    safety,
    guard,
    verifiers,
    base,
    beginRun: (task) => {
      currentTask = task;
    },
    openingContext: (signal) => (task, emit) =>
      openingContext({
        workspace,
        task,
        budgetTokens: Math.floor(model.info.contextWindow * config.context.share),
        minFiles: config.context.minFiles,
        cacheDir,
        historyCommits: config.context.historyCommits,
        emit,
        waitMs: config.context.waitSec * 1000,
        signal,
      }),
  };
}

/** The task tool, with the custom agents of the workspace and the user; a bad agent file is one notice. */
function taskTool(subagents: NonNullable<AssembleOptions['children']>, workspace: string, env: AssembleOptions['env'], emit: AssembleOptions['emit']): Tool {
  const { agents, problems } = loadAgents(workspace, userConfigDir(env));
  for (const problem of problems) emit({ type: 'notice', message: `agent file skipped: ${problem}` });
  return createTaskTool({ parentId: subagents.parentId, open: subagents.open, forward: subagents.forward, agents });
}

/** Only the named tools, in the given order of the full list; an unknown name is a usage error. */
function selectTools(all: Tool[], names: readonly string[] | undefined): Tool[] {
  if (!names) return all;
  const known = new Set(all.map((tool) => tool.name));
  const unknown = names.filter((name) => !known.has(name));
  if (unknown.length > 0) throw new SummonError('usage', `unknown tool(s): ${unknown.join(', ')}`, { hint: `tools: ${[...known].join(', ')}` });
  return all.filter((tool) => names.includes(tool.name));
}
