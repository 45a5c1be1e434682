// POST /run_code: SandboxFusion's single-run API, so verl's sandbox_fusion reward (and any other
// SandboxFusion client) can use summon's sandbox. Runs the code once on stdin; Python, Node.js and
// TypeScript only. Statuses as SandboxFusion reports them: Success, Failed (non-zero exit or time
// limit), SandboxError (the sandbox could not run it); run_result.status Finished | TimeLimitExceeded,
// with the program's real exit status, its output (up to 1 MB a stream) and its run time.
import { z } from 'zod';
import { toSummonError } from '../../core/errors.js';
import { parseWith } from './http.js';
import { codeLanguageOf, SUPPORTED_LANGUAGES } from './labels.js';
import type { ProgramResult } from './ports.js';
import { admit, runProgram, type WorkContext } from './work.js';

/** SandboxFusion's defaults: 10 s to run, no memory limit (-1: we use the verifier's own default). */
const DEFAULT_RUN_TIMEOUT_S = 10;
const MAX_RUN_TIMEOUT_S = 300;
const MIN_MEMORY_MB = 16;
const MAX_MEMORY_MB = 16_384;

export const runCodeRequestSchema = z.looseObject({
  code: z.string(),
  language: z.string(),
  stdin: z.string().nullish(),
  run_timeout: z.number().positive().optional(),
  compile_timeout: z.number().optional(),
  memory_limit_MB: z.number().optional(),
  files: z.record(z.string(), z.string().nullable()).optional(),
  fetch_files: z.array(z.string()).optional(),
});

export interface CommandRunResult {
  status: 'Finished' | 'TimeLimitExceeded' | 'Error';
  execution_time: number | null;
  return_code: number | null;
  stdout: string | null;
  stderr: string | null;
}

export interface RunCodeResponse {
  status: 'Success' | 'Failed' | 'SandboxError';
  message: string;
  compile_result: CommandRunResult | null;
  run_result: CommandRunResult | null;
  files: Record<string, string>;
}

export async function handleRunCode(body: unknown, context: WorkContext): Promise<RunCodeResponse> {
  const request = parseWith(runCodeRequestSchema, body);
  const language = codeLanguageOf(request.language);
  if (language === undefined) return sandboxError(`language "${request.language}" is not supported by summon's sandbox; use one of ${SUPPORTED_LANGUAGES}`);
  if (Object.keys(request.files ?? {}).length > 0) return sandboxError('"files" is not supported by summon\'s sandbox: the program runs in an empty working folder');
  admit(context);
  const memory = request.memory_limit_MB;
  let result: ProgramResult;
  try {
    result = await runProgram(context, {
      language,
      program: request.code,
      stdin: request.stdin ?? '',
      timeLimitS: Math.min(MAX_RUN_TIMEOUT_S, request.run_timeout ?? DEFAULT_RUN_TIMEOUT_S),
      ...(memory === undefined || memory <= 0 ? {} : { memoryLimitMb: Math.min(MAX_MEMORY_MB, Math.max(MIN_MEMORY_MB, Math.round(memory))) }),
    });
  } catch (error) {
    if (context.signal.aborted) throw error;
    const summon = toSummonError(error);
    return sandboxError(summon.hint ? `${summon.message} (${summon.hint})` : summon.message);
  }
  if (result.outcome === 'error') return sandboxError(result.stderr.trim() || 'the sandbox could not run the program');
  const finished = result.outcome !== 'timeout';
  const stderr = result.outcome === 'blocked' ? `${result.stderr}${result.stderr.endsWith('\n') || result.stderr === '' ? '' : '\n'}summon: killed: the program tried to start a process or use the network\n` : result.stderr;
  return {
    status: finished && result.exitCode === 0 ? 'Success' : 'Failed',
    message: '',
    compile_result: null,
    run_result: {
      status: finished ? 'Finished' : 'TimeLimitExceeded',
      execution_time: result.elapsedMs / 1000,
      return_code: result.exitCode,
      stdout: result.stdout,
      stderr,
    },
    files: {},
  };
}

function sandboxError(message: string): RunCodeResponse {
  return { status: 'SandboxError', message, compile_result: null, run_result: null, files: {} };
}
