// The `test` verifier: runs the project's test command (configured, or detected) in the workspace and
// turns the parsed results into a reward. Reward = passed / (passed + failed), skipped tests ignored;
// 1 only when every test passed and the command exited 0. A command that fails although no test did
// (a file that does not load, a crashed runner) counts as one more failure; no tests, a timeout or
// output no parser recognises give 0 unless the command exited 0 (then an unparsed success is 1).
import { SummonError } from '../../core/errors.js';
import type { SpawnPort } from '../../core/tool.js';
import type { Verdict, Verifier, VerifyTarget } from '../../core/verify.js';
import { formatCommandLine, runCommandLine, splitCommandLine, type CommandLine } from './command.js';
import { detectTestCommand, runnerOf } from './detect.js';
import { parseTestOutput } from './parse-tests.js';
import { describeFailures, exitText, outputTail, relativePath } from './report.js';
import type { TestReport, TestRunnerName } from './types.js';

export interface TestVerifierOptions {
  /** The command line to run ("npm test"); detected from the project when absent. */
  command?: string;
  spawn: SpawnPort;
  /** Default 10 minutes. */
  timeoutMs?: number;
  env?: Readonly<Record<string, string | undefined>>;
  weight?: number;
  name?: string;
}

export interface TestVerdictDetails {
  command: string;
  exitCode: number | null;
  timedOut: boolean;
  durationMs: number;
  report?: TestReport;
  outputTail: string;
}

export function createTestVerifier(options: TestVerifierOptions): Verifier {
  const timeoutMs = options.timeoutMs ?? 600_000;
  return {
    name: options.name ?? 'test',
    weight: options.weight ?? 1,
    async run(target: VerifyTarget, signal: AbortSignal): Promise<Verdict> {
      const resolved = resolveCommand(options.command, target.workspace);
      if (!resolved) {
        return {
          reward: 0,
          passed: false,
          summary: 'tests: no test command found (no package.json test script, pytest project, go.mod or Cargo.toml)',
          details: { error: 'no-test-command' },
        };
      }
      const result = await runCommandLine(resolved.line, { workspace: target.workspace, spawn: options.spawn, signal, timeoutMs, ...(options.env ? { env: options.env } : {}) });
      if (signal.aborted) throw new SummonError('interrupted', 'verification interrupted');
      const parsed = parseTestOutput(`${result.stdout}\n${result.stderr}`, resolved.runner);
      const report = parsed ? { ...parsed, failures: parsed.failures.map((failure) => ({ ...failure, ...(failure.file ? { file: relativePath(failure.file, target.workspace) } : {}) })) } : undefined;
      const exitOk = result.exitCode === 0 && !result.timedOut;
      const commandText = formatCommandLine(resolved.line);
      const details: TestVerdictDetails = { command: commandText, exitCode: result.exitCode, timedOut: result.timedOut, durationMs: result.durationMs, ...(report ? { report } : {}), outputTail: outputTail(result) };
      const reward = testReward(report, exitOk, result.timedOut);
      const passed = reward === 1;
      const head = report
        ? `tests: ${report.passed}/${report.passed + report.failed} passed${report.skipped ? `, ${report.skipped} skipped` : ''} (${report.runner}, \`${commandText}\`, ${exitText(result, timeoutMs)})`
        : `tests: \`${commandText}\` ${passed ? 'passed' : 'failed'} (${exitText(result, timeoutMs)}; no test summary recognised in its output)`;
      const body = report && report.failures.length > 0 ? describeFailures(report.failures) : !passed ? outputTail(result).split('\n').map((line) => `  ${line}`) : [];
      return { reward, passed, summary: [head, ...body].join('\n'), details };
    },
  };
}

export function testReward(report: TestReport | undefined, exitOk: boolean, timedOut: boolean): number {
  if (timedOut) return 0;
  if (!report) return exitOk ? 1 : 0;
  const failed = report.failed + (!exitOk && report.failed === 0 ? 1 : 0);
  const total = report.passed + failed;
  if (report.passed + report.failed === 0) return 0;
  if (exitOk && failed === 0) return 1;
  return report.passed / total;
}

function resolveCommand(command: string | undefined, workspace: string): { line: CommandLine; runner?: TestRunnerName } | undefined {
  if (command !== undefined) return { line: splitCommandLine(command), ...runnerOf(command) };
  return detectTestCommand(workspace);
}
