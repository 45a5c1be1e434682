// The verifier contract: ground truth (tests, compilers, math checkers, sandboxed programs) turned
// into a reward in 0..1. Agent runs, group sampling, the reward server and export all use it.

export interface VerifyTarget {
  /** Absolute path of the workspace the work happened in. */
  workspace: string;
  /** The model's final answer, for verifiers that judge text (math, format). */
  response?: string;
}

export interface Verdict {
  /** 0..1; 1 only when the check fully passes. */
  reward: number;
  passed: boolean;
  /** One or a few lines the model can act on (failing tests with file:line, diagnostics). */
  summary: string;
  details?: unknown;
}

export interface Verifier {
  /** Unique within a run, e.g. "test", "typecheck", "math". */
  name: string;
  /** Weight in the combined reward (default 1). */
  weight?: number;
  run(target: VerifyTarget, signal: AbortSignal): Promise<Verdict>;
}
