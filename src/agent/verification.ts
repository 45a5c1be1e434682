// Runs the configured verifiers when the model says it is done, and turns failures into feedback
// the model can act on. A verifier that throws counts as failed: its error is the summary.
import type { Verification } from '../core/events.js';
import type { Verifier, VerifyTarget } from '../core/verify.js';

export async function verify(verifiers: readonly Verifier[], target: VerifyTarget, signal: AbortSignal): Promise<Verification> {
  const results = [];
  // One after another: test suites and type checkers compete for the same cores and files.
  for (const verifier of verifiers) {
    const weight = verifier.weight ?? 1;
    try {
      const verdict = await verifier.run(target, signal);
      const reward = Math.min(1, Math.max(0, verdict.reward));
      results.push({ name: verifier.name, reward, passed: verdict.passed, weight, summary: verdict.summary });
    } catch (error) {
      if (signal.aborted) throw error;
      results.push({ name: verifier.name, reward: 0, passed: false, weight, summary: `verifier failed to run: ${error instanceof Error ? error.message : String(error)}` });
    }
  }
  const totalWeight = results.reduce((sum, result) => sum + result.weight, 0);
  const reward = totalWeight > 0 ? results.reduce((sum, result) => sum + result.reward * result.weight, 0) / totalWeight : 1;
  return { reward, passed: results.every((result) => result.passed), verifiers: results };
}

const MAX_FEEDBACK_CHARS = 6_000;

export function verificationFeedback(verification: Verification): string {
  const failed = verification.verifiers.filter((result) => !result.passed);
  const sections = failed.map((result) => `## ${result.name} (reward ${result.reward.toFixed(2)})\n${result.summary.trim()}`);
  const body = sections.join('\n\n');
  const clipped = body.length > MAX_FEEDBACK_CHARS ? `${body.slice(0, MAX_FEEDBACK_CHARS)}\n[… ${body.length - MAX_FEEDBACK_CHARS} more characters of verifier output]` : body;
  return `Verification failed, so the task is not done yet. Fix the problems below, then check again.\n\n${clipped}`;
}
