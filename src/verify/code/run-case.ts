// Runs one code case: each test in a fresh strict sandbox, a verdict per test, the worst one for the case.
import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import { existsSync, realpathSync } from 'node:fs';
import { SummonError } from '../../core/errors.js';
import { probeSandbox } from '../../safety/sandbox/probe.js';
import { runProcess, type ProcessResult } from '../../safety/sandbox/run-process.js';
import { seccompFilter } from '../../safety/sandbox/seccomp.js';
import { outputMatches, takeSentinel } from './compare.js';
import { javascriptHarness, javascriptMain, pythonHarness } from './harness.js';
import { profileCommand } from './profile.js';
import { worstVerdict, type CodeCase, type CodeResult, type CodeTest, type CodeTestResult, type CodeVerdict } from './types.js';

export interface RunCodeOptions {
  signal?: AbortSignal;
  /** Interpreter paths (default: /usr/bin/python3, this Node.js). */
  python?: string;
  node?: string;
  /** Bytes of output kept per stream; more is an error (default 1 MB). */
  maxOutputBytes?: number;
  bwrapPath?: string;
}

const DEFAULT_TIME_LIMIT_S = 5;
const DEFAULT_MEMORY_MB = 512;
const DEFAULT_OUTPUT_BYTES = 1024 * 1024;
/** Wall time allowed beyond the limit for the sandbox and the interpreter to start. */
const STARTUP_ALLOWANCE_MS = 1000;
/** V8 reserves address space far beyond its heap; the heap itself is capped with --max-old-space-size. */
const NODE_RESERVE_BYTES = 1536 * 1024 * 1024;
const PYTHON_RESERVE_BYTES = 64 * 1024 * 1024;
const EXIT_BLOCKED = 128 + 31; // SIGSYS from the seccomp filter, as bwrap reports it
const EXIT_CPU = [128 + 24, 128 + 9]; // SIGXCPU at the soft CPU limit, SIGKILL at the hard one
const EXIT_HARNESS_SEAL = 121;
const STORED_OUTPUT_CHARS = 10_000;

export async function runCodeCase(input: CodeCase, options: RunCodeOptions = {}): Promise<CodeResult> {
  const started = performance.now();
  const probe = await probeSandbox({ bwrapPath: options.bwrapPath });
  if (!probe.ok) throw new SummonError('tool-failed', `cannot verify code: ${probe.reason}`, { hint: probe.hint });
  const prepared = await prepare(input, options);
  const tests: CodeTestResult[] = [];
  for (const test of input.tests) {
    if (options.signal?.aborted) throw new SummonError('interrupted', 'code verification interrupted');
    const result = prepared.kind === 'error' ? prepared.result : await runTest(input, test, prepared, options);
    tests.push(result);
    // A program that tried to escape is not given another go.
    if (result.verdict === 'blocked') break;
  }
  const verdict = worstVerdict(tests.map((test) => test.verdict));
  const shown = tests.find((test) => test.verdict !== 'pass') ?? tests[0];
  return {
    ...(input.id === undefined ? {} : { id: input.id }),
    verdict,
    reward: verdict === 'pass' ? 1 : 0,
    stdout: shown?.stdout ?? '',
    elapsed_ms: Math.round(performance.now() - started),
    tests,
  };
}

type Prepared =
  | { kind: 'ready'; interpreter: string; program: string }
  | { kind: 'error'; result: CodeTestResult };

async function prepare(input: CodeCase, options: RunCodeOptions): Promise<Prepared> {
  if (input.language === 'python') return { kind: 'ready', interpreter: realInterpreter(options.python ?? '/usr/bin/python3'), program: input.program };
  const node = realInterpreter(options.node ?? process.execPath);
  if (input.language === 'javascript') return { kind: 'ready', interpreter: node, program: input.program };
  try {
    return { kind: 'ready', interpreter: node, program: await stripTypes(input.program) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { kind: 'error', result: { verdict: 'error', stdout: '', stderr: message, elapsed_ms: 0 } };
  }
}

async function runTest(input: CodeCase, test: CodeTest, prepared: { interpreter: string; program: string }, options: RunCodeOptions): Promise<CodeTestResult> {
  const timeLimitS = input.time_limit_s ?? DEFAULT_TIME_LIMIT_S;
  const memoryMb = input.memory_limit_mb ?? DEFAULT_MEMORY_MB;
  const sentinel = `@@summon-done-${randomBytes(16).toString('hex')}@@`;
  const key = `__summon_tests_${randomBytes(8).toString('hex')}`;
  let asserts = '';
  if ('assert' in test) asserts = input.language === 'typescript' ? await stripTypes(test.assert).catch(() => test.assert) : test.assert;
  const python = input.language === 'python';
  const files: Array<{ name: string; data: string }> = python
    ? [
        { name: 'harness.py', data: pythonHarness(seccompFilter(['exec']).toString('hex'), key) },
        { name: 'main.py', data: prepared.program },
        { name: 'tests.py', data: asserts },
      ]
    : [
        { name: 'harness.cjs', data: javascriptHarness(asserts, key) },
        { name: 'main.cjs', data: javascriptMain(prepared.program, asserts, key) },
      ];
  // fd 3: the sentinel; 4: the seccomp program; 5…: the job files.
  const interpreterArgs = python
    ? ['-I', '-B', '/job/harness.py']
    : [`--max-old-space-size=${memoryMb}`, '--disallow-code-generation-from-strings', '--stack-size=8000', '/job/harness.cjs'];
  const command = profileCommand({
    interpreter: prepared.interpreter,
    args: interpreterArgs,
    jobFiles: files.map((file, index) => ({ name: file.name, fd: 5 + index })),
    seccompFd: 4,
    cpuSeconds: Math.max(1, Math.ceil(timeLimitS)),
    addressSpaceBytes: memoryMb * 1024 * 1024 + (python ? PYTHON_RESERVE_BYTES : NODE_RESERVE_BYTES),
    bwrapPath: options.bwrapPath,
  });
  const result = await runProcess({
    command: command.command,
    args: command.args,
    cwd: '/',
    env: command.env,
    timeoutMs: Math.round(timeLimitS * 1000) + STARTUP_ALLOWANCE_MS,
    maxOutputBytes: options.maxOutputBytes ?? DEFAULT_OUTPUT_BYTES,
    killOnOverflow: true,
    signal: options.signal,
    stdin: 'stdin' in test ? (test.stdin ?? '') : '',
    extraInputs: [Buffer.from(sentinel), seccompFilter(['fork', 'net']), ...files.map((file) => Buffer.from(file.data))],
  });
  if (options.signal?.aborted) throw new SummonError('interrupted', 'code verification interrupted');
  return judge(test, result, sentinel);
}

function judge(test: CodeTest, result: ProcessResult, sentinel: string): CodeTestResult {
  const { found, stdout } = 'assert' in test ? takeSentinel(result.stdout, sentinel) : { found: false, stdout: result.stdout };
  const verdict = verdictOf(test, result, found, stdout);
  const stderr = verdict === 'error' && result.overflowed ? `${result.stderr}\noutput limit exceeded` : result.stderr;
  return { verdict, stdout: clip(stdout), stderr: clip(stderr), elapsed_ms: Math.round(result.durationMs) };
}

function verdictOf(test: CodeTest, result: ProcessResult, sentinelFound: boolean, stdout: string): CodeVerdict {
  if (result.exitCode === EXIT_BLOCKED || result.signal === 'SIGSYS') return 'blocked';
  if (result.timedOut || (result.exitCode !== null && EXIT_CPU.includes(result.exitCode))) return 'timeout';
  if (result.overflowed || result.exitCode === EXIT_HARNESS_SEAL) return 'error';
  if ('assert' in test) {
    if (sentinelFound) return result.exitCode === 0 ? 'pass' : 'error';
    // No sentinel: the asserts did not all run. A failed assert, an early exit or a swallowed error is a fail.
    if (result.exitCode === 0 || /AssertionError|ended before its asserts ran/.test(result.stderr)) return 'fail';
    return 'error';
  }
  if (result.exitCode !== 0) return 'error';
  return outputMatches(stdout, test.expected_stdout) ? 'pass' : 'fail';
}

function realInterpreter(interpreter: string): string {
  return existsSync(interpreter) ? realpathSync(interpreter) : interpreter;
}

/** TypeScript to CommonJS JavaScript with esbuild (a dev dependency: absent, TypeScript is an error). */
async function stripTypes(source: string): Promise<string> {
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

function clip(text: string): string {
  return text.length > STORED_OUTPUT_CHARS ? `${text.slice(0, STORED_OUTPUT_CHARS)}\n[… clipped …]` : text;
}
