// The loop's extension points. Each phase of a turn has a list of hooks; the guard, the permission
// check, verification, the audit and compaction are entries of these lists, and user hooks and MCP
// will be too. A new gate is a list entry, not another branch inside the loop.
import type { AgentEventBody, AuditFinding, Verification } from '../core/events.js';
import type { Message, ToolCallPart } from '../core/messages.js';
import type { ToolKind } from '../core/tool.js';

/** A tool call whose arguments parsed and validated against the tool's schema. */
export interface PreparedToolCall {
  id: string;
  name: string;
  kind: ToolKind;
  /** The validated input; hooks may replace it (the guard restores secret placeholders). */
  input: unknown;
  /** The call as the model sent it. */
  original: ToolCallPart;
}

export interface HookContext {
  workspace: string;
  signal: AbortSignal;
  emit: (event: AgentEventBody) => void;
}

/**
 * Runs before a validated call executes, in list order. Return `input` to change what runs, `block`
 * to refuse (the text is the error result the model reads), `notes` to add lines after the result.
 */
export type BeforeToolCall = (call: PreparedToolCall, context: HookContext) => Promise<BeforeToolCallResult | undefined> | BeforeToolCallResult | undefined;
export interface BeforeToolCallResult {
  input?: unknown;
  block?: string;
  notes?: readonly string[];
}

/** What a tool call produced: `output` goes to the model, `display` into events (and the journal). */
export interface ToolOutcome {
  output: string;
  display: string;
  isError: boolean;
}

/** Runs after every call (refused and invalid ones too), in list order; returns the outcome to keep. */
export type AfterToolCall = (call: ToolCallPart, outcome: ToolOutcome, context: HookContext) => Promise<ToolOutcome> | ToolOutcome;

export interface GateContext extends HookContext {
  /** The model's final answer of this turn. */
  response: string;
  /** Files changed since the run began (tools and commands). */
  changedFiles(): Promise<string[]>;
}

/** What a gate adds to the run's summary. */
export interface GateReport {
  verification?: Verification;
  auditFindings?: AuditFinding[];
}

/** Not done yet: `feedback` goes to the model as a user message and the loop goes on. */
export type GateVerdict = { pass: true; report?: GateReport } | { pass: false; feedback: string; report?: GateReport };

/** Checked in order when the model answers without tool calls; the first that does not pass sends its feedback back. */
export interface DoneGate {
  name: string;
  check(context: GateContext): Promise<GateVerdict>;
}

export interface HistoryContext extends HookContext {
  turn: number;
  /** Input tokens the provider reported for the previous request (0 before the first). */
  lastInputTokens: number;
  /** The model's window in tokens. */
  contextWindow: number;
  /** Estimated tokens of a request with these messages (system prompt and tool schemas included). */
  measure(messages: readonly Message[]): number;
  /** One request to the model without tools (e.g. to summarise); its usage and cost count for the run. */
  complete(request: { system: string; prompt: string; maxOutputTokens: number }): Promise<string>;
}

/**
 * Runs before each model request, in list order. Returning messages replaces the history (the loop
 * emits `history-replaced` with them); returning undefined keeps it.
 */
export type TransformHistory = (messages: readonly Message[], context: HistoryContext) => Promise<Message[] | undefined>;

export interface LoopHooks {
  beforeToolCall?: readonly BeforeToolCall[];
  afterToolCall?: readonly AfterToolCall[];
  doneGates?: readonly DoneGate[];
  transformHistory?: readonly TransformHistory[];
}
