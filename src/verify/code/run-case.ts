// Runs one code case: each test in a fresh strict sandbox, a verdict per test, the worst one for the case.
import { randomBytes } from 'node:crypto';
import { SummonError } from '../../core/errors.js';
import type { ProcessResult } from '../../safety/sandbox/run-process.js';
import { seccompFilter } from '../../safety/sandbox/seccomp.js';
import { outputMatches, takeSentinel } from './compare.js';
import { javascriptHarness, javascriptMain, pythonHarness } from './harness.js';
import { DEFAULT_OUTPUT_BYTES, EXIT_HARNESS_SEAL, interpreterFor, requireSandbox, runSandboxed, stopReason, stripTypes, type SandboxOptions } from './sandbox-run.js';
import { worstVerdict, type CodeCase, type CodeResult, type CodeTest, type CodeTestResult, type CodeVerdict } from './types.js';

export interface RunCodeOptions extends SandboxOptions {
  /** Bytes of output kept per stream; more is an error (default 1 MB). */
  maxOutputBytes?: number;
}

const STORED_OUTPUT_CHARS = 10_000;

export async function runCodeCase(input: CodeCase, options: RunCodeOptions = {}): Promise<CodeResult> {
  const started = performance.now();
  await requireSandbox(options, 'verify code');
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
  const interpreter = interpreterFor(input.language, options);
  if (input.language !== 'typescript') return { kind: 'ready', interpreter, program: input.program };
  try {
    return { kind: 'ready', interpreter, program: await stripTypes(input.program) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { kind: 'error', result: { verdict: 'error', stdout: '', stderr: message, elapsed_ms: 0 } };
  }
}

async function runTest(input: CodeCase, test: CodeTest, prepared: { interpreter: string; program: string }, options: RunCodeOptions): Promise<CodeTestResult> {
  const sentinel = `@@summon-done-${randomBytes(16).toString('hex')}@@`;
  const key = `__summon_tests_${randomBytes(8).toString('hex')}`;
  let asserts = '';
  if ('assert' in test) asserts = input.language === 'typescript' ? await stripTypes(test.assert).catch(() => test.assert) : test.assert;
  const python = input.language === 'python';
  const result = await runSandboxed(
    {
      language: input.language,
      interpreter: prepared.interpreter,
      entry: python ? 'harness.py' : 'harness.cjs',
      files: python
        ? [
            { name: 'harness.py', data: pythonHarness(seccompFilter(['exec']).toString('hex'), key) },
            { name: 'main.py', data: prepared.program },
            { name: 'tests.py', data: asserts },
          ]
        : [
            { name: 'harness.cjs', data: javascriptHarness(asserts, key) },
            { name: 'main.cjs', data: javascriptMain(prepared.program, asserts, key) },
          ],
      secret: sentinel,
      stdin: 'stdin' in test ? (test.stdin ?? '') : '',
      ...(input.time_limit_s === undefined ? {} : { timeLimitS: input.time_limit_s }),
      ...(input.memory_limit_mb === undefined ? {} : { memoryMb: input.memory_limit_mb }),
      maxOutputBytes: options.maxOutputBytes ?? DEFAULT_OUTPUT_BYTES,
      killOnOverflow: true,
    },
    options,
  );
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
  const stopped = stopReason(result);
  if (stopped) return stopped;
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

function clip(text: string): string {
  return text.length > STORED_OUTPUT_CHARS ? `${text.slice(0, STORED_OUTPUT_CHARS)}\n[… clipped …]` : text;
}
