// Runs a program once on stdin in the same strict sandbox and limits as a test run, and reports what
// it did: how it ended, its exit status and its output. No asserts, no sentinel, nothing judged.
import { z } from 'zod';
import { SummonError } from '../../core/errors.js';
import { seccompFilter } from '../../safety/sandbox/seccomp.js';
import { pythonHarness } from './harness.js';
import { DEFAULT_OUTPUT_BYTES, EXIT_HARNESS_SEAL, interpreterFor, requireSandbox, runSandboxed, stopReason, stripTypes, type SandboxOptions } from './sandbox-run.js';
import { codeCaseSchema } from './types.js';

export const programInputSchema = codeCaseSchema.pick({ language: true, program: true, time_limit_s: true, memory_limit_mb: true }).extend({
  stdin: z.string().optional(),
});

export type ProgramInput = z.infer<typeof programInputSchema>;

export interface RunProgramOptions extends SandboxOptions {
  /** Bytes of output kept per stream; the rest is dropped and `truncated` set (default 1 MB). */
  maxOutputBytes?: number;
}

export interface ProgramOutput {
  /**
   * `exited`: the program ended by itself, see exitCode (TypeScript that does not compile exits 1
   * with the compiler's message on stderr); `timeout`: past the time limit (wall or CPU);
   * `blocked`: killed for trying to start a process or use the network; `error`: the sandbox could
   * not run it as asked (stderr says why).
   */
  outcome: 'exited' | 'timeout' | 'blocked' | 'error';
  /** The exit status; null when the program did not exit by itself. */
  exitCode: number | null;
  /** The signal that ended the sandbox, when one did. */
  signal: string | null;
  stdout: string;
  stderr: string;
  elapsed_ms: number;
  /** Some output passed maxOutputBytes and was dropped. */
  truncated: boolean;
}

export async function runProgram(input: ProgramInput, options: RunProgramOptions = {}): Promise<ProgramOutput> {
  const parsed = programInputSchema.safeParse(input);
  if (!parsed.success) throw new SummonError('tool-invalid-input', `invalid program run: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`).join('; ')}`);
  const run = parsed.data;
  await requireSandbox(options, 'run code');
  if (options.signal?.aborted) throw new SummonError('interrupted', 'code run interrupted');
  const interpreter = interpreterFor(run.language, options);
  let program = run.program;
  if (run.language === 'typescript') {
    try {
      program = await stripTypes(run.program);
    } catch (error) {
      if (error instanceof SummonError) throw error;
      const message = error instanceof Error ? error.message : String(error);
      return { outcome: 'exited', exitCode: 1, signal: null, stdout: '', stderr: `${message}\n`, elapsed_ms: 0, truncated: false };
    }
  }
  const limit = Math.max(1, Math.floor(options.maxOutputBytes ?? DEFAULT_OUTPUT_BYTES));
  const stdout = new BoundedOutput(limit);
  const stderr = new BoundedOutput(limit);
  const python = run.language === 'python';
  // Python starts under the harness only for its seal (no execve, installed once the interpreter
  // runs); with no asserts it runs the program and adds nothing. Node.js runs the program directly.
  const result = await runSandboxed(
    {
      language: run.language,
      interpreter,
      entry: python ? 'harness.py' : 'main.cjs',
      files: python
        ? [
            { name: 'harness.py', data: pythonHarness(seccompFilter(['exec']).toString('hex'), '__summon_unused') },
            { name: 'main.py', data: program },
            { name: 'tests.py', data: '' },
          ]
        : [{ name: 'main.cjs', data: program }],
      stdin: run.stdin ?? '',
      ...(run.time_limit_s === undefined ? {} : { timeLimitS: run.time_limit_s }),
      ...(run.memory_limit_mb === undefined ? {} : { memoryMb: run.memory_limit_mb }),
      maxOutputBytes: limit,
      killOnOverflow: false,
      onStdout: (chunk) => stdout.push(chunk),
      onStderr: (chunk) => stderr.push(chunk),
    },
    options,
  );
  if (options.signal?.aborted) throw new SummonError('interrupted', 'code run interrupted');
  const stopped = stopReason(result);
  const sealFailed = python && result.exitCode === EXIT_HARNESS_SEAL && stderr.text().includes('summon harness: could not install');
  const outcome = stopped ?? (sealFailed ? 'error' : result.exitCode === null ? 'error' : 'exited');
  return {
    outcome,
    exitCode: outcome === 'timeout' ? null : result.exitCode,
    signal: result.signal,
    stdout: stdout.text(),
    stderr: stderr.text(),
    elapsed_ms: Math.round(result.durationMs),
    truncated: stdout.dropped > 0 || stderr.dropped > 0,
  };
}

/** The first `limit` bytes of a stream, counting what was dropped. */
class BoundedOutput {
  private readonly chunks: Buffer[] = [];
  private kept = 0;
  dropped = 0;

  constructor(private readonly limit: number) {}

  push(chunk: Buffer): void {
    const take = Math.max(0, Math.min(chunk.length, this.limit - this.kept));
    if (take > 0) {
      this.chunks.push(chunk.subarray(0, take));
      this.kept += take;
    }
    this.dropped += chunk.length - take;
  }

  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}
