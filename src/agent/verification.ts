// Turns a failed verification into feedback the model can act on. (Running the verifiers is
// src/verify/registry.ts's runVerifiers; the loop calls it when the model says it is done.)
import type { Verification } from '../core/events.js';

const MAX_FEEDBACK_CHARS = 6_000;

export function verificationFeedback(verification: Verification): string {
  const failed = verification.verifiers.filter((result) => !result.passed);
  const sections = failed.map((result) => `## ${result.name} (reward ${result.reward.toFixed(2)})\n${result.summary.trim()}`);
  const body = sections.join('\n\n');
  const clipped = body.length > MAX_FEEDBACK_CHARS ? `${body.slice(0, MAX_FEEDBACK_CHARS)}\n[… ${body.length - MAX_FEEDBACK_CHARS} more characters of verifier output]` : body;
  return `Verification failed, so the task is not done yet. Fix the problems below, then check again.\n\n${clipped}`;
}
