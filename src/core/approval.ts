// The one way summon asks the user: every "ask" decision (a permission rule, the guard's refusals,
// a network domain the sandbox's proxy does not know) becomes an ApprovalRequest, answered by
// whoever the user talks through: a TUI, a web page, an MCP client. Without an answerer (headless
// runs) an ask is a deny, reported with the rule or flag that would allow it.
import type { ToolKind } from './tool.js';

export type ApprovalSource = 'policy' | 'guard' | 'network';

export interface ApprovalRequest {
  /** Unique within the session; `permission-asked` and `permission-answered` events carry it. */
  id: string;
  /** policy: a permission rule or the mode said "ask"; guard: a protected path, or network after injected content; network: a host the sandbox's allow-list does not name. */
  source: ApprovalSource;
  tool: string;
  kind: ToolKind;
  /** The tool call's input as the model wrote it (secrets stay placeholders); for network, `{ host, port, method }`. */
  input: unknown;
  /** Why it is asked, in a sentence. */
  reason: string;
  /** The rule that asked, when one did. */
  rule?: string;
  /** The tool call this is about, when there is one. */
  toolCallId?: string;
}

/** Once, always for this session (the exact sub-commands, paths or host are granted), no, or no with a reason the model reads. */
export type ApprovalAnswer = 'allow' | 'allow-always' | 'deny' | { deny: string };

export type Approve = (request: ApprovalRequest) => Promise<ApprovalAnswer>;

/** The answer as one word and an optional reason, as events carry it. */
export function answerParts(answer: ApprovalAnswer): { answer: 'allow' | 'allow-always' | 'deny'; reason?: string } {
  if (typeof answer === 'object') return { answer: 'deny', reason: answer.deny };
  return { answer };
}
