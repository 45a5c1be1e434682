// The one wrapper every tool call goes through: parse and validate the arguments, ask permission,
// execute, turn any failure into a result the model can act on, and cut oversized output.
import type { z } from 'zod';
import { isSummonError } from '../core/errors.js';
import type { Tool, ToolContext, ToolKind } from '../core/tool.js';

export interface ToolCall {
  id: string;
  name: string;
  /** Parsed arguments, or the raw string the model sent. */
  input: unknown;
}

export interface ToolCallOutcome {
  output: string;
  isError: boolean;
}

export type PermissionDecision = { allow: true } | { allow: false; reason: string };

export interface ToolRegistryOptions {
  /** Consulted after validation, before execution; a refusal becomes an error result with the reason. */
  permit?: (request: { name: string; kind: ToolKind; input: unknown }) => PermissionDecision | Promise<PermissionDecision>;
}

/** A call whose tool exists and whose arguments validated, or the error result the model reads. */
export type PreparedCall = { ok: true; tool: Tool; input: unknown } | { ok: false; error: string };

export interface ToolRegistry {
  list(): readonly Tool[];
  get(name: string): Tool | undefined;
  /** Whether the tool only reads, so several such calls may run in parallel. Unknown names are not. */
  isReadOnly(name: string): boolean;
  /** Finds the tool and validates the arguments; never throws. */
  prepare(call: ToolCall): PreparedCall;
  /** Runs a prepared call (no permission check: the caller made it); never throws. */
  run(name: string, input: unknown, ctx: ToolContext): Promise<ToolCallOutcome>;
  /** prepare, permit, run. Never throws: every failure is an `isError` result. */
  execute(call: ToolCall, ctx: ToolContext): Promise<ToolCallOutcome>;
}

export function createToolRegistry(tools: readonly Tool[], options: ToolRegistryOptions = {}): ToolRegistry {
  const byName = new Map<string, Tool>();
  for (const tool of tools) {
    if (byName.has(tool.name)) throw new Error(`two tools are named "${tool.name}"`);
    byName.set(tool.name, tool);
  }
  const prepare = (call: ToolCall): PreparedCall => {
    const tool = byName.get(call.name);
    if (!tool) return { ok: false, error: failure(`unknown tool "${call.name}"`, `available tools: ${[...byName.keys()].join(', ')}`, 'tool-unknown').output };
    const raw = parseArguments(call.input);
    if (!raw.ok) return { ok: false, error: failure(`arguments were not valid JSON: ${raw.error}; send a JSON object matching the schema`, undefined, 'tool-invalid-input').output };
    const parsed = tool.input.safeParse(raw.value);
    if (!parsed.success) {
      return { ok: false, error: failure(`invalid arguments for ${tool.name}:\n${describeIssues(parsed.error)}`, `fix these fields and call ${tool.name} again`, 'tool-invalid-input').output };
    }
    return { ok: true, tool, input: parsed.data };
  };
  const run = async (name: string, input: unknown, ctx: ToolContext): Promise<ToolCallOutcome> => {
    const tool = byName.get(name);
    if (!tool) return failure(`unknown tool "${name}"`, undefined, 'tool-unknown');
    try {
      const result = await tool.execute(input, ctx);
      const output = result.output === '' ? '(no output)' : result.output;
      return { output: truncateOutput(output, ctx.maxOutputChars), isError: result.isError ?? false };
    } catch (error) {
      return caught(error, ctx);
    }
  };
  return {
    list: () => tools,
    get: (name) => byName.get(name),
    isReadOnly: (name) => byName.get(name)?.kind === 'read',
    prepare,
    run,
    async execute(call, ctx) {
      const prepared = prepare(call);
      if (!prepared.ok) return { output: prepared.error, isError: true };
      try {
        const decision = (await options.permit?.({ name: prepared.tool.name, kind: prepared.tool.kind, input: prepared.input })) ?? { allow: true };
        if (!decision.allow) return failure(`permission denied: ${decision.reason}`, undefined, 'permission-denied');
      } catch (error) {
        return caught(error, ctx);
      }
      return run(prepared.tool.name, prepared.input, ctx);
    },
  };
}

function caught(error: unknown, ctx: ToolContext): ToolCallOutcome {
  if (ctx.signal.aborted) return failure('interrupted before the tool finished', undefined, 'interrupted');
  if (isSummonError(error)) return failure(truncateOutput(error.message, ctx.maxOutputChars), error.hint, error.code);
  return failure(error instanceof Error ? error.message : String(error), undefined, 'tool-failed');
}

function failure(message: string, hint: string | undefined, code: string): ToolCallOutcome {
  return { output: `error [${code}]: ${message}${hint ? `\nhint: ${hint}` : ''}`, isError: true };
}

/** Models sometimes send arguments as a JSON string, or an empty string for "no arguments". */
function parseArguments(input: unknown): { ok: true; value: unknown } | { ok: false; error: string } {
  if (input === undefined || input === null) return { ok: true, value: {} };
  if (typeof input !== 'string') return { ok: true, value: input };
  if (input.trim() === '') return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(input) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** One line per bad field, e.g. `- edits[1].old_string: missing (expected string)`. */
function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const where = issue.path.length === 0 ? '(arguments)' : formatPath(issue.path);
      const missing = issue.code === 'invalid_type' && issue.message.endsWith('received undefined');
      return `- ${where}: ${missing ? `missing (expected ${issue.expected})` : issue.message}`;
    })
    .join('\n');
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`)).join('');
}

/** Keeps the head and tail of an over-long output, with a note on what was cut and how to see it. */
export function truncateOutput(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const budget = Math.max(200, maxChars - 300);
  let headEnd = Math.ceil(budget / 2);
  let tailStart = text.length - Math.floor(budget / 2);
  // Cut at line boundaries when one is near, so no line is shown half.
  const lineEnd = text.lastIndexOf('\n', headEnd);
  if (lineEnd > headEnd * 0.8) headEnd = lineEnd + 1;
  const lineStart = text.indexOf('\n', tailStart);
  if (lineStart !== -1 && lineStart < tailStart + budget * 0.1) tailStart = lineStart + 1;
  const dropped = tailStart - headEnd;
  const note =
    `\n[… ${dropped} of ${text.length} characters cut from the middle. To see them, read a narrower range ` +
    '(read with offset and limit), search with grep, or send command output to a file and read parts of it.]\n';
  return text.slice(0, headEnd) + note + text.slice(tailStart);
}
