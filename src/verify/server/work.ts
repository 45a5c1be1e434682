// One verification through the limiter: waits for a slot, calls the port, records the verdict
// and its duration. Every endpoint goes through here, so the bounds and metrics hold for all.
import type { CodeCase, CodeResult } from '../code/index.js';
import { HttpError } from './http.js';
import type { WorkLimiter } from './limiter.js';
import type { RewardMetrics } from './metrics.js';
import type { MathOutcome, ProgramResult, ProgramRun, ResolvedVerifiers } from './ports.js';

export interface WorkContext {
  verifiers: ResolvedVerifiers;
  limiter: WorkLimiter;
  metrics: RewardMetrics;
  /** Aborted when the client goes away or the server stops: queued work is dropped, running code killed. */
  signal: AbortSignal;
}

/** Refuses the request (429 with Retry-After) when the queue is full. Call once per request, after parsing. */
export function admit(context: WorkContext): void {
  if (context.limiter.hasRoom()) return;
  const seconds = context.limiter.retryAfterSeconds();
  throw new HttpError(429, 'overloaded', `the reward server is busy: ${context.limiter.inFlight} verifications running, ${context.limiter.waiting} waiting`, {
    hint: `retry after ${seconds} s, or add replicas behind the load balancer`,
    headers: { 'retry-after': String(seconds) },
  });
}

export function judgeMath(context: WorkContext, prediction: string, gold: string): Promise<MathOutcome> {
  return measured(context, 'math', () => context.verifiers.math(prediction, gold), (outcome) => (outcome.correct ? 'correct' : 'wrong'));
}

export function runCode(context: WorkContext, input: CodeCase): Promise<CodeResult> {
  return measured(context, 'code', () => context.verifiers.code(input, context.signal), (result) => result.verdict);
}

export function runProgram(context: WorkContext, run: ProgramRun): Promise<ProgramResult> {
  return measured(context, 'run_code', () => context.verifiers.program(run, context.signal), (result) =>
    result.outcome === 'exited' ? (result.exitCode === 0 ? 'success' : 'failed') : result.outcome,
  );
}

function measured<T>(context: WorkContext, kind: string, task: () => T | Promise<T>, verdictOf: (value: T) => string): Promise<T> {
  return context.limiter.run(async () => {
    const started = performance.now();
    try {
      const value = await task();
      context.metrics.recordVerification(kind, verdictOf(value), (performance.now() - started) / 1000);
      return value;
    } catch (error) {
      if (!context.signal.aborted) context.metrics.recordVerification(kind, 'server_error', (performance.now() - started) / 1000);
      throw error;
    }
  }, context.signal);
}
