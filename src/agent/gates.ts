// The done gates summon ships: ground-truth verification (tests, type checks, …) and the security
// audit of the changed code. Each is one entry of the loop's doneGates list.
import type { Verifier } from '../core/verify.js';
import { runVerifiers, toVerification } from '../verify/registry.js';
import { auditChanges, auditFeedback } from './audit-step.js';
import type { DoneGate } from './hooks.js';
import { verificationFeedback } from './verification.js';

/** Runs the verifiers each time the model says it is done; failures go back to the model. */
export function verificationGate(verifiers: readonly Verifier[]): DoneGate {
  let round = 0;
  return {
    name: 'verify',
    async check(context) {
      round++;
      const verification = toVerification(await runVerifiers(verifiers, { workspace: context.workspace, response: context.response }, context.signal));
      context.emit({ type: 'verify-result', round, verification });
      // The model claimed done but ground truth disagrees: show it why and go on.
      return verification.passed ? { pass: true, report: { verification } } : { pass: false, feedback: verificationFeedback(verification), report: { verification } };
    },
  };
}

/** Audits the changed code; the model gets one chance to fix the findings, what remains is reported. */
export function auditGate(): DoneGate {
  let round = 0;
  return {
    name: 'audit',
    async check(context) {
      const files = await context.changedFiles();
      if (files.length === 0) return { pass: true };
      round++;
      const findings = await auditChanges(context.workspace, files);
      context.emit({ type: 'audit-result', round, findings });
      if (findings.length > 0 && round === 1) return { pass: false, feedback: auditFeedback(findings) };
      return { pass: true, report: findings.length > 0 ? { auditFindings: findings } : {} };
    },
  };
}
