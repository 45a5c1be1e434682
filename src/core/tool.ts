// The contract every tool implements, and the ports tools use for side effects.
import type { z } from 'zod';
import type { Usage } from './events.js';
import type { FileSystemPort } from './fs-port.js';

export type ToolKind = 'read' | 'write' | 'exec' | 'net';

export interface SpawnRequest {
  command: string;
  args: string[];
  cwd: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs: number;
  maxOutputBytes: number;
  signal: AbortSignal;
  /** Output as it arrives (stdout and stderr interleaved), for progress; the result still holds it all. */
  onOutput?: (chunk: Uint8Array) => void;
}

export interface SpawnResult {
  exitCode: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  /** Bytes the command printed beyond maxOutputBytes (dropped, never held in memory). */
  droppedBytes: number;
  durationMs: number;
}

/** Runs one process; the sandbox and tests swap this without touching a tool. */
export type SpawnPort = (request: SpawnRequest) => Promise<SpawnResult>;

export interface TodoItem {
  content: string;
  status: 'pending' | 'in_progress' | 'completed';
}

export interface ToolContext {
  /** Absolute, real (symlink-resolved) path of the workspace root. */
  workspace: string;
  signal: AbortSignal;
  spawn: SpawnPort;
  /**
   * Every read, write and stat of a file the model names goes through this (read, write, edit,
   * multi_edit); each change is announced before it happens, which checkpoints and undo build on.
   * Listing and searching (ls, glob, grep) walk the real disk directly, and so does resolving
   * symlinks in a path (resolveInWorkspace).
   */
  fs: FileSystemPort;
  /** Hard cap on a result's characters; the registry truncates with a note past it. */
  maxOutputChars: number;
  /** Default timeout for commands, in ms. */
  commandTimeoutMs: number;
  /**
   * Whether the permission rules let the model read this file (absolute path) without asking. Tools
   * that search many files (grep) leave out the ones it may not; absent, every file is readable.
   */
  readable?: (absolutePath: string) => boolean;
  /**
   * The session's network rules, for tools that fetch (web_fetch): `permit` decides a URL as the
   * permission policy decides a net call (a redirect hop is decided again); `names` says whether an
   * allow rule names this exact host (only then may it resolve to a private or loopback address).
   */
  net?: {
    permit(url: string): Promise<{ allow: true } | { allow: false; reason: string }>;
    names(host: string): boolean;
  };
  /** Output of a long-running command as it arrives; the loop shows it as tool-progress events. */
  progress?: (chunk: Uint8Array) => void;
  /** Tools report side information (changed files, plan updates) through this. */
  report: (update: ToolUpdate) => void;
}

export type ToolUpdate =
  | { type: 'file-changed'; path: string }
  | { type: 'todo'; items: TodoItem[] }
  /** Model use a tool paid for (a sub-agent's turns): counted in the run's cost and --max-cost. */
  | { type: 'usage'; usage: Usage; costUsd: number };

export interface ToolResult {
  output: string;
  isError?: boolean;
}

export interface Tool<I = unknown> {
  name: string;
  /** What the model reads; lives in a .md file beside the tool. */
  description: string;
  input: z.ZodType<I>;
  kind: ToolKind;
  execute(input: I, ctx: ToolContext): Promise<ToolResult>;
}

/** Erases a tool's input type so tools of different inputs share one list. */
export function defineTool<I>(tool: Tool<I>): Tool<unknown> {
  return tool as unknown as Tool<unknown>;
}
