// Builds the configured verifiers (`verify: [...]` in the config, plus ad-hoc `--verify "npm test"`),
// runs them one after another on a workspace, and combines their verdicts into one weighted reward.
import { SummonError, toSummonError } from '../core/errors.js';
import type { Verification } from '../core/events.js';
import type { SpawnPort } from '../core/tool.js';
import type { Verdict, Verifier, VerifierSpec, VerifyTarget } from '../core/verify.js';
import { createCheckVerifier, createTestVerifier, runnerOf } from './runners/index.js';

export { verifierSpecSchema, verifyConfigSchema, type VerifierSpec } from '../core/verify.js';

export interface BuildVerifiersOptions {
  spawn: SpawnPort;
  /** Ad-hoc command lines (`--verify "npm test"`): test verifiers when they look like tests, else commands. */
  adhoc?: readonly string[];
  env?: Readonly<Record<string, string | undefined>>;
  /** Verifiers built elsewhere (math, format, code), appended as they are. */
  extra?: readonly Verifier[];
}

export function buildVerifiers(specs: readonly VerifierSpec[], options: BuildVerifiersOptions): Verifier[] {
  const all: VerifierSpec[] = [...specs, ...(options.adhoc ?? []).map(adhocSpec)];
  const used = new Set<string>((options.extra ?? []).map((verifier) => verifier.name));
  const verifiers = all.map((spec) => {
    const name = uniqueName(spec.name ?? spec.kind, used);
    const common = {
      name,
      spawn: options.spawn,
      ...(spec.command !== undefined ? { command: spec.command } : {}),
      ...(spec.weight !== undefined ? { weight: spec.weight } : {}),
      ...(spec.timeoutSec !== undefined ? { timeoutMs: spec.timeoutSec * 1000 } : {}),
      ...(options.env ? { env: options.env } : {}),
    };
    return spec.kind === 'test' ? createTestVerifier(common) : createCheckVerifier({ ...common, kind: spec.kind });
  });
  return [...verifiers, ...(options.extra ?? [])];
}

export function adhocSpec(command: string): VerifierSpec {
  const looksLikeTests = runnerOf(command).runner !== undefined || /\btests?\b/.test(command);
  return { kind: looksLikeTests ? 'test' : 'command', command };
}

function uniqueName(base: string, used: Set<string>): string {
  let name = base;
  for (let index = 2; used.has(name); index++) name = `${base}-${index}`;
  used.add(name);
  return name;
}

export interface CombinedVerdict {
  /** Weighted mean of the rewards, 0..1 (0 when there is no verifier or every weight is 0). */
  reward: number;
  /** Every verifier passed. */
  passed: boolean;
  rewards: Record<string, number>;
  /** One block per verifier, for the model and the user. */
  report: string;
}

/** Weighted mean reward: Σ wᵢ·rᵢ / Σ wᵢ, weights default 1. */
export function combineVerdicts(verdicts: Readonly<Record<string, Verdict>>, weights: Readonly<Record<string, number>> = {}): CombinedVerdict {
  const names = Object.keys(verdicts);
  let weighted = 0;
  let total = 0;
  const rewards: Record<string, number> = {};
  for (const name of names) {
    const verdict = verdicts[name]!;
    const weight = weights[name] ?? 1;
    const reward = Math.min(1, Math.max(0, Number.isFinite(verdict.reward) ? verdict.reward : 0));
    rewards[name] = reward;
    weighted += weight * reward;
    total += weight;
  }
  const passed = names.length > 0 && names.every((name) => verdicts[name]!.passed);
  const report = names.map((name) => `[${verdicts[name]!.passed ? 'pass' : 'FAIL'} ${rewards[name]!.toFixed(2)}] ${verdicts[name]!.summary}`).join('\n');
  return { reward: total > 0 ? weighted / total : 0, passed, rewards, report };
}

export interface VerificationResult extends CombinedVerdict {
  verdicts: Record<string, Verdict>;
  weights: Record<string, number>;
  durationMs: number;
}

/** The `verification` payload of a `verify-result` event (src/core/events.ts). */
export function toVerification(result: VerificationResult): Verification {
  return {
    reward: result.reward,
    passed: result.passed,
    verifiers: Object.entries(result.verdicts).map(([name, verdict]) => ({ name, reward: result.rewards[name] ?? 0, passed: verdict.passed, weight: result.weights[name] ?? 1, summary: verdict.summary })),
  };
}

/** Runs the verifiers in order (they share the workspace and the CPU); a verifier that throws scores 0. */
export async function runVerifiers(verifiers: readonly Verifier[], target: VerifyTarget, signal: AbortSignal): Promise<VerificationResult> {
  const started = Date.now();
  const verdicts: Record<string, Verdict> = {};
  const weights: Record<string, number> = {};
  for (const verifier of verifiers) {
    if (signal.aborted) throw new SummonError('interrupted', 'verification interrupted');
    weights[verifier.name] = verifier.weight ?? 1;
    try {
      verdicts[verifier.name] = await verifier.run(target, signal);
    } catch (thrown) {
      const error = toSummonError(thrown);
      if (error.code === 'interrupted' || signal.aborted) throw error;
      verdicts[verifier.name] = { reward: 0, passed: false, summary: `${verifier.name}: could not run: ${error.message}`, details: { error: error.toJSON() } };
    }
  }
  return { ...combineVerdicts(verdicts, weights), verdicts, weights, durationMs: Date.now() - started };
}
