// The verifiers the reward server calls, as small injectable ports with the real ones by default:
// math (judge an answer), code (run a code case in the sandbox) and program (run code once on
// stdin and report what it did, for the SandboxFusion-compatible endpoint).
import { runCodeCase, type CodeCase, type CodeLanguage, type CodeResult } from '../code/index.js';
import { verifyMath } from '../math/index.js';

export interface MathOutcome {
  correct: boolean;
  reward: number;
  /** The extracted final answer ('' when none was found). */
  extracted: string;
}

export type MathPort = (prediction: string, gold: string) => MathOutcome | Promise<MathOutcome>;
export type CodePort = (input: CodeCase, signal: AbortSignal) => Promise<CodeResult>;

export interface ProgramRun {
  language: CodeLanguage;
  program: string;
  stdin: string;
  timeLimitS?: number;
  memoryLimitMb?: number;
}

export interface ProgramResult {
  /** `exited`: the program ended by itself (see exitCode); `blocked`: killed for trying to escape the sandbox. */
  outcome: 'exited' | 'timeout' | 'blocked';
  /** The exit status; null when unknown (timeout). */
  exitCode: number | null;
  stdout: string;
  stderr: string;
  elapsedMs: number;
}

export type ProgramPort = (run: ProgramRun, signal: AbortSignal) => Promise<ProgramResult>;

export interface RewardVerifiers {
  math?: MathPort;
  code?: CodePort;
  /** Default: an adapter over `code` (one stdin test, its output not checked). */
  program?: ProgramPort;
}

export type ResolvedVerifiers = Required<RewardVerifiers>;

export const realMath: MathPort = (prediction, gold) => verifyMath(prediction, gold);
export const realCode: CodePort = (input, signal) => runCodeCase(input, { signal });

/** SIGSYS as bwrap reports it: the seccomp filter killed the program. */
const BLOCKED_EXIT = 128 + 31;

/**
 * Runs a program once through the code port. The code verifier does not expose the exit status, so
 * it is inferred from the verdict: pass/fail ⇒ 0 (the program exited 0 and only its output was
 * judged), error ⇒ 1 (a non-zero exit, a crash or an output overflow).
 */
export function programOverCode(code: CodePort): ProgramPort {
  return async (run, signal) => {
    const result = await code(
      {
        language: run.language,
        program: run.program,
        tests: [{ stdin: run.stdin, expected_stdout: '' }],
        ...(run.timeLimitS === undefined ? {} : { time_limit_s: run.timeLimitS }),
        ...(run.memoryLimitMb === undefined ? {} : { memory_limit_mb: run.memoryLimitMb }),
      },
      signal,
    );
    const test = result.tests[0];
    const base = { stdout: test?.stdout ?? result.stdout, stderr: test?.stderr ?? '', elapsedMs: test?.elapsed_ms ?? result.elapsed_ms };
    switch (result.verdict) {
      case 'pass':
      case 'fail':
        return { ...base, outcome: 'exited', exitCode: 0 };
      case 'error':
        return { ...base, outcome: 'exited', exitCode: 1 };
      case 'timeout':
        return { ...base, outcome: 'timeout', exitCode: null };
      case 'blocked':
        return { ...base, outcome: 'blocked', exitCode: BLOCKED_EXIT };
    }
  };
}

export function resolveVerifiers(verifiers: RewardVerifiers = {}): ResolvedVerifiers {
  const code = verifiers.code ?? realCode;
  return { math: verifiers.math ?? realMath, code, program: verifiers.program ?? programOverCode(code) };
}
