// What stands between tools and the model, in both directions. Out: every result has its secrets
// replaced by placeholders, is scanned for injected instructions, and is wrapped as data with its
// origin (spotlighting). In: placeholders the model writes are restored to their values locally,
// file tools may not touch protected paths, and once untrusted content was flagged, commands that
// reach the network need an approval a headless run cannot give (the lethal trifecta).
import path from 'node:path';
import picomatch from 'picomatch';
import { answerParts, type ApprovalAnswer, type ApprovalRequest } from '../core/approval.js';
import type { AgentEventBody } from '../core/events.js';
import type { ToolCallPart } from '../core/messages.js';
import type { ToolKind } from '../core/tool.js';
import { scanInjection, type InjectionSource } from '../safety/injection/index.js';
import type { Redactor } from '../safety/secrets/index.js';
import { spotlight } from '../safety/spotlight.js';
import type { AfterToolCall, BeforeToolCall } from './hooks.js';

/** Paths in the workspace the agent's file tools may not write: hooks, its own policy, IDE settings, env files. */
export const PROTECTED_PATHS = ['.git/**', '.summon/**', '.husky/**', '.vscode/**', '.idea/**', '**/.env', '**/.env.*'];

const NETWORK_COMMAND = /(^|[\s;&|(`$])(git\s+push|curl|wget|ssh|scp|rsync|nc|ncat|telnet|ftp|npm\s+publish)(\s|$)/;

export interface ToolGuardOptions {
  redactor: Redactor;
  emit: (event: AgentEventBody) => void;
  /** Extra protected folders, e.g. the one git's core.hooksPath names. */
  protectedPaths?: readonly string[];
  /** Whether commands can reach the network (no sandbox, or a sandbox with domains allowed or askable): then no secret is restored into them. */
  commandsReachNetwork?: () => boolean;
  /** Asks the user about a refusal (a protected path, network after injected content); absent, refusals stand. */
  ask?: (request: Omit<ApprovalRequest, 'id'>) => Promise<ApprovalAnswer>;
}

export interface GuardedCall {
  call: ToolCallPart;
  /** Set when the call must not run; the text goes back to the model as the error result. */
  refusal?: string;
  /** What kind of refusal it is: the user may overrule either when asked. */
  refused?: { why: 'protected-path'; path: string } | { why: 'tainted' };
  /** Said to the model after the result (e.g. placeholders that were never issued). */
  notes: string[];
}

export interface ToolGuard {
  beforeCall(call: ToolCallPart, kind: ToolKind | undefined): GuardedCall;
  afterCall(call: ToolCallPart, output: string): { forModel: string; forEvents: string };
  /** Redacts text from the user or project files before it reaches the model. */
  redactText(text: string, origin: string): string;
  /** Redacts text shown while a command runs, without reporting it (the tool result reports it once). */
  redactQuietly(text: string): string;
  /** beforeCall as a loop hook: placeholders restored, refusals asked about when the guard can ask. */
  beforeToolCall: BeforeToolCall;
  /** afterCall as a loop hook: redaction, injection scan, spotlighting. */
  afterToolCall: AfterToolCall;
  readonly tainted: boolean;
}

export function createToolGuard(options: ToolGuardOptions): ToolGuard {
  const isProtected = picomatch([...PROTECTED_PATHS, ...(options.protectedPaths ?? []).map((dir) => `${dir.replace(/\/+$/, '')}/**`)], { dot: true });
  let tainted: string | undefined;
  // What the user allowed for the rest of the session when asked.
  const allowedPaths = new Set<string>();
  let networkAfterTaint = false;

  const redactText = (text: string, origin: string): string => {
    const { text: redacted, findings } = options.redactor.redact(text, origin);
    if (findings.length > 0) {
      // The journal learns what was redacted and where, never the value.
      options.emit({ type: 'secret-redacted', origin, findings: findings.map(({ kind, placeholder, rule, line }) => ({ kind, placeholder, rule, line })) });
    }
    return redacted;
  };

  const restore = (call: ToolCallPart, kind: ToolKind | undefined): { input: unknown; notes: string[] } => {
    const notes: string[] = [];
    const unknown = new Set<string>();
    // A secret is put back only where it stays on this machine: files, and commands that cannot reach the network.
    const keepPlaceholders = kind !== 'read' && kind !== 'write' && (options.commandsReachNetwork?.() ?? false);
    let kept = false;
    const input = mapStrings(call.input, (text) => {
      const restored = options.redactor.restore(text);
      for (const placeholder of restored.unknown) unknown.add(placeholder);
      if (keepPlaceholders && restored.text !== text) {
        kept = true;
        return text;
      }
      return restored.text;
    });
    if (kept) {
      notes.push(
        'note: secret placeholders were left as written: commands here can reach the network, and summon never puts a secret into one. Write it into a local file with the write or edit tool if a local program needs it.',
      );
      options.emit({ type: 'notice', message: `placeholders in ${call.name} were not replaced by their secrets: the command could reach the network` });
    }
    if (unknown.size > 0) {
      const list = [...unknown].join(', ');
      notes.push(`note: ${list} ${unknown.size === 1 ? 'is not a placeholder' : 'are not placeholders'} summon issued; left as written.`);
      options.emit({ type: 'notice', message: `the model used unknown secret placeholder(s) ${list} in ${call.name}; left as is` });
    }
    return { input, notes };
  };

  /** Why a call must not run, unless the user allows it; `once` holds what was allowed for this call only. */
  const refusalOf = (name: string, input: unknown, kind: ToolKind | undefined, once: Overrides): Pick<GuardedCall, 'refusal' | 'refused'> | undefined => {
    if (kind === 'write') {
      const blocked = writtenPaths(input).find((file) => isProtected(file.replace(/^\.\//, '')) && !allowedPaths.has(file) && !once.paths.has(file));
      if (blocked) {
        return {
          refused: { why: 'protected-path', path: blocked },
          refusal: `error [permission-denied]: ${blocked} is a protected path (git hooks and config, .summon/, IDE folders, .env files); summon does not let the agent change it\nhint: ask the user to make this change`,
        };
      }
    }
    if (tainted && !networkAfterTaint && !once.network && (kind === 'net' || (name === 'bash' && NETWORK_COMMAND.test(commandOf(input))))) {
      return {
        refused: { why: 'tainted' },
        refusal: `error [permission-denied]: earlier tool output (${tainted}) contained injected instructions, so network access and git push now need the user's approval, which this run cannot ask for\nhint: finish without it and tell the user what you would have run`,
      };
    }
    return undefined;
  };

  const beforeCall = (call: ToolCallPart, kind: ToolKind | undefined): GuardedCall => {
    const { input, notes } = restore(call, kind);
    return { call: { ...call, input }, notes, ...refusalOf(call.name, input, kind, { paths: new Set(), network: false }) };
  };

  const afterCall = (call: ToolCallPart, output: string): { forModel: string; forEvents: string } => {
    const origin = originOf(call);
    const redacted = redactText(output, origin.path ? `${call.name}:${origin.path}` : call.name);
    const scan = scanInjection(redacted, sourceOf(call.name), origin.path ? { path: origin.path } : {});
    if (scan.flagged) {
      tainted ??= origin.path ? `${call.name} ${origin.path}` : call.name;
      options.emit({ type: 'injection-flagged', origin: origin.path ? `${call.name}:${origin.path}` : call.name, score: scan.score, rules: [...new Set(scan.findings.map((finding) => finding.rule))] });
    }
    return { forModel: spotlight(redacted, origin, scan), forEvents: scan.sanitized };
  };

  const beforeToolCall: BeforeToolCall = async (prepared) => {
    const { input, notes } = restore({ ...prepared.original, input: prepared.input }, prepared.kind);
    const once: Overrides = { paths: new Set(), network: false };
    // Each refusal is asked about in turn (a multi_edit may touch two protected files).
    for (;;) {
      const found = refusalOf(prepared.name, input, prepared.kind, once);
      if (!found?.refused) return { input, notes };
      if (!options.ask) return { input, notes, block: found.refusal };
      const refused = found.refused;
      const reason =
        refused.why === 'protected-path'
          ? `${refused.path} is a protected path (git hooks and config, .summon/, IDE folders, .env files)`
          : `earlier tool output (${tainted ?? 'a tool result'}) contained injected instructions, and this call reaches the network or pushes`;
      const { answer, reason: why } = answerParts(await options.ask({ source: 'guard', tool: prepared.name, kind: prepared.kind, input: prepared.original.input, reason, toolCallId: prepared.id }));
      if (answer === 'deny') return { input, notes, block: `error [permission-denied]: ${reason}; the user refused${why ? `: ${why}` : ''}` };
      const keep = answer === 'allow-always';
      if (refused.why === 'protected-path') (keep ? allowedPaths : once.paths).add(refused.path);
      else if (keep) networkAfterTaint = true;
      else once.network = true;
    }
  };

  return {
    get tainted() {
      return tainted !== undefined;
    },
    redactText,
    redactQuietly: (text) => options.redactor.redact(text, 'progress').text,
    beforeCall,
    afterCall,
    beforeToolCall,
    afterToolCall: (call, outcome) => {
      const shown = afterCall(call, outcome.output);
      return { output: shown.forModel, display: shown.forEvents, isError: outcome.isError };
    },
  };
}

interface Overrides {
  paths: Set<string>;
  network: boolean;
}

function sourceOf(tool: string): InjectionSource {
  if (tool === 'bash') return 'command_output';
  if (tool === 'web_fetch') return 'web_page';
  if (tool === 'read') return 'file';
  return 'tool_result';
}

function originOf(call: ToolCallPart): { tool: string; path?: string; command?: string } {
  const input = isRecord(call.input) ? call.input : {};
  return {
    tool: call.name,
    ...(typeof input.path === 'string' ? { path: input.path } : typeof input.url === 'string' ? { path: input.url } : {}),
    ...(typeof input.command === 'string' ? { command: input.command } : {}),
  };
}

function commandOf(input: unknown): string {
  return isRecord(input) && typeof input.command === 'string' ? input.command : '';
}

/** Paths a write-kind tool call names: `path`, and `edits[].path` for multi_edit. */
function writtenPaths(input: unknown): string[] {
  if (!isRecord(input)) return [];
  const paths = typeof input.path === 'string' ? [input.path] : [];
  if (Array.isArray(input.edits)) for (const edit of input.edits) if (isRecord(edit) && typeof edit.path === 'string') paths.push(edit.path);
  return paths.map((file) => path.posix.normalize(file.replace(/\\/g, '/')));
}

function mapStrings(value: unknown, map: (text: string) => string): unknown {
  if (typeof value === 'string') return map(value);
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, map));
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, mapStrings(item, map)]));
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
