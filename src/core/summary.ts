// A run's outcome, as its `done` event carries it: every consumer (headless output, group sampling,
// the eval harness) reads the same fields from the same event.
import { SummonError, type ErrorCode } from './errors.js';
import type { AgentEvent, AuditFinding, ExitReason, Usage, Verification } from './events.js';

export type DoneEvent = Extract<AgentEvent, { type: 'done' }>;

export interface RunSummary {
  sessionId: string;
  reason: ExitReason;
  result: string;
  turns: number;
  usage: Usage;
  costUsd: number;
  changedFiles: string[];
  durationMs: number;
  verification?: Verification;
  /** Security findings in the changed code that remained after the model was asked to fix them. */
  auditFindings?: AuditFinding[];
  error?: SummonError;
}

export function summaryOf(done: DoneEvent): RunSummary {
  return {
    sessionId: done.sessionId,
    reason: done.reason,
    result: done.result,
    turns: done.turns,
    usage: done.usage,
    costUsd: done.costUsd,
    changedFiles: done.changedFiles,
    durationMs: done.durationMs,
    ...(done.verification ? { verification: done.verification } : {}),
    ...(done.auditFindings ? { auditFindings: done.auditFindings } : {}),
    ...(done.error ? { error: new SummonError(done.error.code as ErrorCode, done.error.message, { ...(done.error.hint ? { hint: done.error.hint } : {}), retryable: done.error.retryable }) } : {}),
  };
}
