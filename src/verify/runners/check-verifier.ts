// The `typecheck`, `lint`, `build` and `command` verifiers: run a command (configured, or detected for
// the first three), parse its diagnostics, and reward 1 when it exits 0 with no errors. Otherwise
// reward = 1 / (1 + errors): one error 0.5, three 0.25, nine 0.1 — fewer errors is closer to done;
// a failing exit with no error the parsers recognise (or a timeout) is 0. Warnings never cost reward.
import { SummonError } from '../../core/errors.js';
import type { SpawnPort } from '../../core/tool.js';
import type { Verdict, Verifier, VerifyTarget } from '../../core/verify.js';
import { formatCommandLine, runCommandLine, splitCommandLine, type CommandLine } from './command.js';
import { detectCheckCommand, type CheckKind } from './detect.js';
import { parseDiagnostics } from './parse-diagnostics.js';
import { describeDiagnostics, exitText, outputTail, relativePath } from './report.js';
import type { Diagnostic } from './types.js';

export type CheckVerifierKind = CheckKind | 'command';

export interface CheckVerifierOptions {
  kind: CheckVerifierKind;
  /** Required for kind 'command'; detected for the others when absent. */
  command?: string;
  spawn: SpawnPort;
  /** Default 10 minutes. */
  timeoutMs?: number;
  env?: Readonly<Record<string, string | undefined>>;
  weight?: number;
  name?: string;
}

export interface CheckVerdictDetails {
  command: string;
  exitCode: number | null;
  timedOut: boolean;
  durationMs: number;
  errors: number;
  warnings: number;
  diagnostics: Diagnostic[];
  outputTail: string;
}

export function createCheckVerifier(options: CheckVerifierOptions): Verifier {
  const timeoutMs = options.timeoutMs ?? 600_000;
  const name = options.name ?? options.kind;
  if (options.kind === 'command' && options.command === undefined) {
    throw new SummonError('config-invalid', `verifier "${name}" of kind "command" needs a command`, { hint: 'add "command": "…" to the verify entry' });
  }
  return {
    name,
    weight: options.weight ?? 1,
    async run(target: VerifyTarget, signal: AbortSignal): Promise<Verdict> {
      const line = resolveCommand(options, target.workspace);
      if (!line) return { reward: 0, passed: false, summary: `${name}: no ${options.kind} command found for this project`, details: { error: 'no-command' } };
      const result = await runCommandLine(line, { workspace: target.workspace, spawn: options.spawn, signal, timeoutMs, ...(options.env ? { env: options.env } : {}) });
      if (signal.aborted) throw new SummonError('interrupted', 'verification interrupted');
      const diagnostics = parseDiagnostics(`${result.stdout}\n${result.stderr}`).map((item) => ({ ...item, file: relativePath(item.file, target.workspace) }));
      const errors = diagnostics.filter((item) => item.severity === 'error').length;
      const warnings = diagnostics.length - errors;
      const exitOk = result.exitCode === 0 && !result.timedOut;
      const reward = checkReward(exitOk, errors, result.timedOut);
      const commandText = formatCommandLine(line);
      const counts = `${errors} error${errors === 1 ? '' : 's'}${warnings ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}`;
      const head = `${name}: ${reward === 1 ? 'passed' : 'failed'}, ${counts} (\`${commandText}\`, ${exitText(result, timeoutMs)})`;
      const body = diagnostics.length > 0 ? describeDiagnostics(diagnostics) : reward < 1 ? outputTail(result).split('\n').map((text) => `  ${text}`) : [];
      const details: CheckVerdictDetails = { command: commandText, exitCode: result.exitCode, timedOut: result.timedOut, durationMs: result.durationMs, errors, warnings, diagnostics, outputTail: outputTail(result) };
      return { reward, passed: reward === 1, summary: [head, ...body].join('\n'), details };
    },
  };
}

export function checkReward(exitOk: boolean, errors: number, timedOut: boolean): number {
  if (timedOut) return 0;
  if (exitOk && errors === 0) return 1;
  if (errors === 0) return 0;
  return 1 / (1 + errors);
}

function resolveCommand(options: CheckVerifierOptions, workspace: string): CommandLine | undefined {
  if (options.command !== undefined) return splitCommandLine(options.command);
  if (options.kind === 'command') return undefined;
  return detectCheckCommand(options.kind, workspace)?.line;
}
