// The verifier contract: ground truth (tests, compilers, math checkers, sandboxed programs) turned
// into a reward in 0..1. Agent runs, group sampling, the reward server and export all use it.
import { z } from 'zod';

/** One configured verifier: `verify: [{ "kind": "test" }, { "kind": "typecheck", "weight": 0.5 }]`. */
export const verifierSpecSchema = z
  .object({
    kind: z.enum(['test', 'typecheck', 'lint', 'build', 'command']),
    /** The command line; detected from the project when absent (required for "command"). */
    command: z.string().min(1).optional(),
    /** Weight in the combined reward (default 1). */
    weight: z.number().nonnegative().optional(),
    /** Name in reports and rewards (default: the kind, numbered when repeated). */
    name: z.string().regex(/^[\w.-]+$/).optional(),
    timeoutSec: z.number().positive().optional(),
  })
  .strict()
  .refine((spec) => spec.kind !== 'command' || spec.command !== undefined, { message: 'a verifier of kind "command" needs "command"', path: ['command'] });
export type VerifierSpec = z.infer<typeof verifierSpecSchema>;

export const verifyConfigSchema = z.array(verifierSpecSchema);

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
