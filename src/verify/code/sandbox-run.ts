// The one sandboxed execution under both the test runs (runCodeCase) and the raw runs (runProgram):
// the interpreter in the strict profile with its CPU, memory, file and fd limits, the job files on
// inherited pipes, a wall-time limit and an output cap; plus how a finished run ended.
import { createRequire } from 'node:module';
import { existsSync, realpathSync } from 'node:fs';
import { SummonError } from '../../core/errors.js';
import { probeSandbox } from '../../safety/sandbox/probe.js';
import { runProcess, type ProcessResult } from '../../safety/sandbox/run-process.js';
import { seccompFilter } from '../../safety/sandbox/seccomp.js';
import { profileCommand } from './profile.js';
import type { CodeLanguage } from './types.js';

export const DEFAULT_TIME_LIMIT_S = 5;
export const DEFAULT_MEMORY_MB = 512;
export const DEFAULT_OUTPUT_BYTES = 1024 * 1024;
/** Wall time allowed beyond the limit for the sandbox and the interpreter to start. */
const STARTUP_ALLOWANCE_MS = 1000;
/** V8 reserves address space far beyond its heap; the heap itself is capped with --max-old-space-size. */
const NODE_RESERVE_BYTES = 1536 * 1024 * 1024;
const PYTHON_RESERVE_BYTES = 64 * 1024 * 1024;
const EXIT_BLOCKED = 128 + 31; // SIGSYS from the seccomp filter, as bwrap reports it
const EXIT_CPU = [128 + 24, 128 + 9]; // SIGXCPU at the soft CPU limit, SIGKILL at the hard one
/** The Python harness could not install its no-execve filter. */
export const EXIT_HARNESS_SEAL = 121;

export interface SandboxOptions {
  signal?: AbortSignal;
  /** Interpreter paths (default: /usr/bin/python3, this Node.js). */
  python?: string;
  node?: string;
  bwrapPath?: string;
}

export interface SandboxJob {
  language: CodeLanguage;
  interpreter: string;
  /** The file under /job the interpreter runs. */
  entry: string;
  /** Files placed read-only under /job. */
  files: Array<{ name: string; data: string }>;
  /** Delivered on fd 3 (the harness's sentinel nonce); empty when none. */
  secret?: string;
  stdin: string;
  timeLimitS?: number;
  memoryMb?: number;
  maxOutputBytes: number;
  /** Kill the run when a stream passes maxOutputBytes (else the rest is dropped and the run goes on). */
  killOnOverflow: boolean;
  onStdout?: (chunk: Buffer) => void;
  onStderr?: (chunk: Buffer) => void;
}

/** Fails closed (a SummonError) when bubblewrap cannot build a sandbox here. */
export async function requireSandbox(options: SandboxOptions, what: string): Promise<void> {
  const probe = await probeSandbox({ bwrapPath: options.bwrapPath });
  if (!probe.ok) throw new SummonError('tool-failed', `cannot ${what}: ${probe.reason}`, { hint: probe.hint });
}

/** The interpreter for a language, resolved to its real path. */
export function interpreterFor(language: CodeLanguage, options: SandboxOptions): string {
  return realInterpreter(language === 'python' ? (options.python ?? '/usr/bin/python3') : (options.node ?? process.execPath));
}

/** Runs one job in a fresh strict sandbox. */
export function runSandboxed(job: SandboxJob, options: SandboxOptions): Promise<ProcessResult> {
  const timeLimitS = job.timeLimitS ?? DEFAULT_TIME_LIMIT_S;
  const memoryMb = job.memoryMb ?? DEFAULT_MEMORY_MB;
  const python = job.language === 'python';
  // fd 3: the secret; 4: the seccomp program; 5…: the job files.
  const interpreterArgs = python
    ? ['-I', '-B', `/job/${job.entry}`]
    : [`--max-old-space-size=${memoryMb}`, '--disallow-code-generation-from-strings', '--stack-size=8000', `/job/${job.entry}`];
  const command = profileCommand({
    interpreter: job.interpreter,
    args: interpreterArgs,
    jobFiles: job.files.map((file, index) => ({ name: file.name, fd: 5 + index })),
    seccompFd: 4,
    cpuSeconds: Math.max(1, Math.ceil(timeLimitS)),
    addressSpaceBytes: memoryMb * 1024 * 1024 + (python ? PYTHON_RESERVE_BYTES : NODE_RESERVE_BYTES),
    bwrapPath: options.bwrapPath,
  });
  return runProcess({
    command: command.command,
    args: command.args,
    cwd: '/',
    env: command.env,
    timeoutMs: Math.round(timeLimitS * 1000) + STARTUP_ALLOWANCE_MS,
    maxOutputBytes: job.maxOutputBytes,
    killOnOverflow: job.killOnOverflow,
    signal: options.signal,
    stdin: job.stdin,
    extraInputs: [Buffer.from(job.secret ?? ''), seccompFilter(['fork', 'net']), ...job.files.map((file) => Buffer.from(file.data))],
    ...(job.onStdout ? { onStdout: job.onStdout } : {}),
    ...(job.onStderr ? { onStderr: job.onStderr } : {}),
  });
}

/** Killed by the seccomp filter (`blocked`), past the time limit (`timeout`), or neither. */
export function stopReason(result: ProcessResult): 'blocked' | 'timeout' | undefined {
  if (result.exitCode === EXIT_BLOCKED || result.signal === 'SIGSYS') return 'blocked';
  if (result.timedOut || (result.exitCode !== null && EXIT_CPU.includes(result.exitCode))) return 'timeout';
  return undefined;
}

function realInterpreter(interpreter: string): string {
  return existsSync(interpreter) ? realpathSync(interpreter) : interpreter;
}

/** TypeScript to CommonJS JavaScript with esbuild (a dev dependency: absent, TypeScript is an error). */
export async function stripTypes(source: string): Promise<string> {
  let esbuild: typeof import('esbuild');
  try {
    // require, not import(): the CLI bundle runs through vm.Script, where Node 20 allows no import().
    esbuild = createRequire(import.meta.url)('esbuild') as typeof import('esbuild');
  } catch {
    throw new SummonError('tool-failed', 'TypeScript cases need the esbuild package, which is not installed', { hint: 'npm install esbuild' });
  }
  const output = await esbuild.transform(source, { loader: 'ts', format: 'cjs', target: 'node20' });
  return output.code;
}
