// The verifiers the reward server calls, as small injectable ports with the real ones by default:
// math (judge an answer), code (run a code case in the sandbox) and program (run code once on
// stdin and report what it did, for the SandboxFusion-compatible endpoint).
import { runCodeCase, runProgram, type CodeCase, type CodeLanguage, type CodeResult } from '../code/index.js';
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
  /**
   * `exited`: the program ended by itself (see exitCode); `timeout`: past the time limit; `blocked`:
   * killed for trying to escape the sandbox; `error`: the sandbox could not run it (stderr says why).
   */
  outcome: 'exited' | 'timeout' | 'blocked' | 'error';
  /** The exit status; null when unknown (timeout, error). */
  exitCode: number | null;
  stdout: string;
  stderr: string;
  elapsedMs: number;
  /** Output past the per-stream cap was dropped. */
  truncated?: boolean;
}

export type ProgramPort = (run: ProgramRun, signal: AbortSignal) => Promise<ProgramResult>;

export interface RewardVerifiers {
  math?: MathPort;
  code?: CodePort;
  /** Default: the code verifier's runProgram (the real exit status and output, up to 1 MB a stream). */
  program?: ProgramPort;
}

export type ResolvedVerifiers = Required<RewardVerifiers>;

export const realMath: MathPort = (prediction, gold) => verifyMath(prediction, gold);
export const realCode: CodePort = (input, signal) => runCodeCase(input, { signal });

/** One run through the code verifier's runProgram: the sandbox and limits of a test run, no judging. */
export const realProgram: ProgramPort = async (run, signal) => {
  const result = await runProgram(
    {
      language: run.language,
      program: run.program,
      stdin: run.stdin,
      ...(run.timeLimitS === undefined ? {} : { time_limit_s: run.timeLimitS }),
      ...(run.memoryLimitMb === undefined ? {} : { memory_limit_mb: run.memoryLimitMb }),
    },
    { signal },
  );
  return { outcome: result.outcome, exitCode: result.exitCode, stdout: result.stdout, stderr: result.stderr, elapsedMs: result.elapsed_ms, truncated: result.truncated };
};

export function resolveVerifiers(verifiers: RewardVerifiers = {}): ResolvedVerifiers {
  return { math: verifiers.math ?? realMath, code: verifiers.code ?? realCode, program: verifiers.program ?? realProgram };
}
