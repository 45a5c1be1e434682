// The one stream of events a run produces. Headless output, the journal and (later) the TUI,
// group sampling and trajectory export all consume this; the loop knows none of them.
// The zod schema is the documented stream-json contract: a test validates real output against it.
import { z } from 'zod';
import { messageSchema } from './messages.js';

export { messageSchema };

export const usageSchema = z.object({
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
  reasoningTokens: z.number().int().nonnegative(),
  cachedInputTokens: z.number().int().nonnegative(),
  /** Input tokens written to the provider's prompt cache (Anthropic bills them above the input price); part of inputTokens. */
  cacheWriteTokens: z.number().int().nonnegative().default(0),
});
export type Usage = z.infer<typeof usageSchema>;

export const exitReasonSchema = z.enum(['completed', 'verify-failed', 'max-turns', 'max-cost', 'timeout', 'interrupted', 'error']);
export type ExitReason = z.infer<typeof exitReasonSchema>;

/** Every event: when, and which session. A sub-agent's events, passed on in its parent's stream, also name the parent. */
const base = { ts: z.string(), sessionId: z.string(), parentSessionId: z.string().optional() };

export const verifierResultSchema = z.object({ name: z.string(), reward: z.number().min(0).max(1), passed: z.boolean(), weight: z.number(), summary: z.string() });
/** The verifiers' judgement of one attempt at being done: each verifier and the weighted total. */
export const verificationSchema = z.object({ reward: z.number().min(0).max(1), passed: z.boolean(), verifiers: z.array(verifierResultSchema) });
export type Verification = z.infer<typeof verificationSchema>;

export const auditFindingSchema = z.object({ file: z.string(), line: z.number(), rule: z.string(), cwe: z.string(), message: z.string(), fix: z.string() });
export type AuditFinding = z.infer<typeof auditFindingSchema>;

const errorFields = { code: z.string(), message: z.string(), hint: z.string().optional(), retryable: z.boolean() };

export const agentEventSchema = z.discriminatedUnion('type', [
  /** The first event of every run of a session; `run` counts the session's runs from 1, `resumed` marks a session rebuilt from its journal. */
  z.object({
    ...base,
    type: z.literal('session-start'),
    task: z.string(),
    model: z.string(),
    cwd: z.string(),
    version: z.string(),
    run: z.number().int().positive().optional(),
    resumed: z.boolean().optional(),
  }),
  z.object({ ...base, type: z.literal('turn-start'), turn: z.number().int().positive() }),
  z.object({ ...base, type: z.literal('message'), message: messageSchema }),
  z.object({ ...base, type: z.literal('notice'), message: z.string() }),
  /** `id` names one model request (`turn.attempt`): deltas of a request that failed and was retried carry the old id, so a consumer can drop them. */
  z.object({ ...base, type: z.literal('text-delta'), id: z.string(), turn: z.number().int().nonnegative(), text: z.string() }),
  z.object({ ...base, type: z.literal('reasoning-delta'), id: z.string(), turn: z.number().int().nonnegative(), text: z.string() }),
  z.object({ ...base, type: z.literal('tool-call'), id: z.string(), name: z.string(), input: z.unknown() }),
  z.object({
    ...base,
    type: z.literal('tool-result'),
    id: z.string(),
    name: z.string(),
    output: z.string(),
    isError: z.boolean(),
    durationMs: z.number().nonnegative(),
  }),
  /** Complete lines a running command printed so far (secrets redacted); the tool-result holds the whole output. */
  z.object({ ...base, type: z.literal('tool-progress'), id: z.string(), name: z.string(), output: z.string() }),
  z.object({
    ...base,
    type: z.literal('todo-update'),
    items: z.array(z.object({ content: z.string(), status: z.enum(['pending', 'in_progress', 'completed']) })),
  }),
  z.object({ ...base, type: z.literal('usage'), turn: z.number().int().positive(), usage: usageSchema, costUsd: z.number().nonnegative() }),
  z.object({ ...base, type: z.literal('verify-result'), round: z.number().int().positive(), verification: verificationSchema }),
  z.object({
    ...base,
    type: z.literal('secret-redacted'),
    origin: z.string(),
    findings: z.array(z.object({ kind: z.string(), placeholder: z.string(), rule: z.string(), line: z.number() })),
  }),
  z.object({ ...base, type: z.literal('injection-flagged'), origin: z.string(), score: z.number(), rules: z.array(z.string()) }),
  z.object({ ...base, type: z.literal('permission'), tool: z.string(), decision: z.enum(['allow', 'ask', 'deny']), reason: z.string(), rule: z.string().optional() }),
  /** The user is asked (through the session's approve callback); answered by the permission-answered event with the same id. */
  z.object({
    ...base,
    type: z.literal('permission-asked'),
    id: z.string(),
    source: z.enum(['policy', 'guard', 'network']),
    tool: z.string(),
    kind: z.enum(['read', 'write', 'exec', 'net']),
    input: z.unknown(),
    reason: z.string(),
    rule: z.string().optional(),
    toolCallId: z.string().optional(),
  }),
  z.object({ ...base, type: z.literal('permission-answered'), id: z.string(), answer: z.enum(['allow', 'allow-always', 'deny']), reason: z.string().optional() }),
  z.object({ ...base, type: z.literal('audit-result'), round: z.number().int().positive(), findings: z.array(auditFindingSchema) }),
  z.object({
    ...base,
    type: z.literal('context-pack'),
    tokens: z.number().int().nonnegative(),
    budget: z.number().int().nonnegative(),
    items: z.array(z.object({ kind: z.string(), path: z.string(), lines: z.tuple([z.number(), z.number()]).optional(), tokens: z.number(), why: z.string() })),
  }),
  z.object({ ...base, type: z.literal('retry'), attempt: z.number().int().positive(), delayMs: z.number().nonnegative(), reason: z.string() }),
  /** `cacheTokensLost`: estimated tokens after the first rewritten message, which the next request sends again uncached (the prompt cache holds the old prefix). */
  z.object({
    ...base,
    type: z.literal('compaction'),
    strategy: z.enum(['elide-tool-output', 'summarize']),
    dropped: z.string(),
    tokensBefore: z.number(),
    tokensAfter: z.number(),
    cacheTokensLost: z.number().int().nonnegative().optional(),
  }),
  /** The history was rewritten (compaction): `messages` is the whole new history, what the model sees from now on. */
  z.object({ ...base, type: z.literal('history-replaced'), reason: z.literal('compaction'), messages: z.array(messageSchema) }),
  z.object({ ...base, type: z.literal('error'), ...errorFields }),
  z.object({
    ...base,
    type: z.literal('done'),
    reason: exitReasonSchema,
    result: z.string(),
    turns: z.number().int().nonnegative(),
    usage: usageSchema,
    costUsd: z.number().nonnegative(),
    changedFiles: z.array(z.string()),
    durationMs: z.number().nonnegative(),
    verification: verificationSchema.optional(),
    /** Security findings in the changed code that remained after the model was asked to fix them. */
    auditFindings: z.array(auditFindingSchema).optional(),
    /** Why the run failed, when reason is "error" (or a provider error ended it). */
    error: z.object(errorFields).optional(),
  }),
]);

export type AgentEvent = z.infer<typeof agentEventSchema>;
export type AgentEventType = AgentEvent['type'];
/** An event as the loop emits it, before the stream stamps time and session. */
export type AgentEventBody = AgentEvent extends infer E ? (E extends AgentEvent ? Omit<E, 'ts' | 'sessionId'> : never) : never;

export function emptyUsage(): Usage {
  return { inputTokens: 0, outputTokens: 0, reasoningTokens: 0, cachedInputTokens: 0, cacheWriteTokens: 0 };
}

export function addUsage(a: Usage, b: Usage): Usage {
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    reasoningTokens: a.reasoningTokens + b.reasoningTokens,
    cachedInputTokens: a.cachedInputTokens + b.cachedInputTokens,
    cacheWriteTokens: a.cacheWriteTokens + b.cacheWriteTokens,
  };
}

/** Stamps an event body with its time and session: the one place events get both. */
export function stampEvent(body: AgentEventBody, sessionId: string, now = new Date()): AgentEvent {
  return { ...body, ts: now.toISOString(), sessionId } as AgentEvent;
}
