// What stands between tools and the model, in both directions. Out: every result has its secrets
// replaced by placeholders, is scanned for injected instructions, and is wrapped as data with its
// origin (spotlighting). In: placeholders the model writes are restored to their values locally,
// file tools may not touch protected paths, and once untrusted content was flagged, commands that
// reach the network need an approval a headless run cannot give (the lethal trifecta).
import path from 'node:path';
import picomatch from 'picomatch';
import type { AgentEventBody } from '../core/events.js';
import type { ToolCallPart } from '../core/messages.js';
import type { ToolKind } from '../core/tool.js';
import { scanInjection, type InjectionSource } from '../safety/injection/index.js';
import type { Redactor } from '../safety/secrets/index.js';
import { spotlight } from '../safety/spotlight.js';

/** Paths in the workspace the agent's file tools may not write: hooks, its own policy, IDE settings, env files. */
export const PROTECTED_PATHS = ['.git/**', '.summon/**', '.husky/**', '.vscode/**', '.idea/**', '**/.env', '**/.env.*'];

const NETWORK_COMMAND = /(^|[\s;&|(`$])(git\s+push|curl|wget|ssh|scp|rsync|nc|ncat|telnet|ftp|npm\s+publish)(\s|$)/;

export interface ToolGuardOptions {
  redactor: Redactor;
  emit: (event: AgentEventBody) => void;
  /** Extra protected folders, e.g. the one git's core.hooksPath names. */
  protectedPaths?: readonly string[];
}

export interface GuardedCall {
  call: ToolCallPart;
  /** Set when the call must not run; the text goes back to the model as the error result. */
  refusal?: string;
  /** Said to the model after the result (e.g. placeholders that were never issued). */
  notes: string[];
}

export interface ToolGuard {
  beforeCall(call: ToolCallPart, kind: ToolKind | undefined): GuardedCall;
  afterCall(call: ToolCallPart, output: string): { forModel: string; forEvents: string };
  /** Redacts text from the user or project files before it reaches the model. */
  redactText(text: string, origin: string): string;
  readonly tainted: boolean;
}

export function createToolGuard(options: ToolGuardOptions): ToolGuard {
  const isProtected = picomatch([...PROTECTED_PATHS, ...(options.protectedPaths ?? []).map((dir) => `${dir.replace(/\/+$/, '')}/**`)], { dot: true });
  let tainted: string | undefined;

  const redactText = (text: string, origin: string): string => {
    const { text: redacted, findings } = options.redactor.redact(text, origin);
    if (findings.length > 0) {
      // The journal learns what was redacted and where, never the value.
      options.emit({ type: 'secret-redacted', origin, findings: findings.map(({ kind, placeholder, rule, line }) => ({ kind, placeholder, rule, line })) });
    }
    return redacted;
  };

  return {
    get tainted() {
      return tainted !== undefined;
    },
    redactText,
    beforeCall(call, kind) {
      const notes: string[] = [];
      const unknown = new Set<string>();
      const input = mapStrings(call.input, (text) => {
        const restored = options.redactor.restore(text);
        for (const placeholder of restored.unknown) unknown.add(placeholder);
        return restored.text;
      });
      if (unknown.size > 0) {
        const list = [...unknown].join(', ');
        notes.push(`note: ${list} ${unknown.size === 1 ? 'is not a placeholder' : 'are not placeholders'} summon issued; left as written.`);
        options.emit({ type: 'notice', message: `the model used unknown secret placeholder(s) ${list} in ${call.name}; left as is` });
      }
      const restoredCall = { ...call, input };
      if (kind === 'write') {
        const blocked = writtenPaths(input).find((file) => isProtected(file.replace(/^\.\//, '')));
        if (blocked) return { call: restoredCall, notes, refusal: `error [permission-denied]: ${blocked} is a protected path (git hooks and config, .summon/, IDE folders, .env files); summon does not let the agent change it\nhint: ask the user to make this change` };
      }
      if (tainted && (kind === 'net' || (call.name === 'bash' && NETWORK_COMMAND.test(commandOf(input))))) {
        return {
          call: restoredCall,
          notes,
          refusal: `error [permission-denied]: earlier tool output (${tainted}) contained injected instructions, so network access and git push now need the user's approval, which this run cannot ask for\nhint: finish without it and tell the user what you would have run`,
        };
      }
      return { call: restoredCall, notes };
    },
    afterCall(call, output) {
      const origin = originOf(call);
      const redacted = redactText(output, origin.path ? `${call.name}:${origin.path}` : call.name);
      const scan = scanInjection(redacted, sourceOf(call.name), origin.path ? { path: origin.path } : {});
      if (scan.flagged) {
        tainted ??= origin.path ? `${call.name} ${origin.path}` : call.name;
        options.emit({ type: 'injection-flagged', origin: origin.path ? `${call.name}:${origin.path}` : call.name, score: scan.score, rules: [...new Set(scan.findings.map((finding) => finding.rule))] });
      }
      return { forModel: spotlight(redacted, origin, scan), forEvents: scan.sanitized };
    },
  };
}

function sourceOf(tool: string): InjectionSource {
  if (tool === 'bash') return 'command_output';
  if (tool === 'read') return 'file';
  return 'tool_result';
}

function originOf(call: ToolCallPart): { tool: string; path?: string; command?: string } {
  const input = isRecord(call.input) ? call.input : {};
  return {
    tool: call.name,
    ...(typeof input.path === 'string' ? { path: input.path } : {}),
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
