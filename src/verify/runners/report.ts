// Words for the model: failing tests and diagnostics as a few lines each, with file:line, paths
// relative to the workspace, capped so a thousand failures still make a short summary.
import path from 'node:path';
import type { SpawnResult } from '../../core/tool.js';
import type { Diagnostic, TestFailure } from './types.js';

const MAX_ITEMS = 10;

/** Absolute paths (and file:// URLs) inside the workspace become relative; others stay as they are. */
export function relativePath(file: string, workspace: string): string {
  const bare = file.replace(/^file:\/\//, '');
  if (!path.isAbsolute(bare)) return bare;
  const relative = path.relative(workspace, bare);
  return relative.startsWith('..') ? bare : relative;
}

export function where(item: { file?: string; line?: number; column?: number }): string {
  if (!item.file) return '';
  return `${item.file}${item.line ? `:${item.line}` : ''}${item.line && item.column ? `:${item.column}` : ''}`;
}

export function describeFailures(failures: readonly TestFailure[]): string[] {
  const lines = failures.slice(0, MAX_ITEMS).flatMap((failure) => {
    const location = where(failure);
    const message = failure.message.split('\n').map((line) => `    ${line}`);
    return [`  ✗ ${failure.name}${location ? ` (${location})` : ''}`, ...message];
  });
  if (failures.length > MAX_ITEMS) lines.push(`  … and ${failures.length - MAX_ITEMS} more failing tests`);
  return lines;
}

export function describeDiagnostics(diagnostics: readonly Diagnostic[]): string[] {
  const errorsFirst = [...diagnostics].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  const lines = errorsFirst.slice(0, MAX_ITEMS).map((item) => `  ${where(item)}: ${item.severity}${item.code ? ` ${item.code}` : ''}: ${item.message}`);
  if (diagnostics.length > MAX_ITEMS) lines.push(`  … and ${diagnostics.length - MAX_ITEMS} more`);
  return lines;
}

/** The last lines of a command's output, for failures no parser understood. */
export function outputTail(result: SpawnResult, maxLines = 15): string {
  const text = `${result.stdout}\n${result.stderr}`.trim();
  return text.split('\n').slice(-maxLines).join('\n');
}

/** "exit 1", "timed out", "killed by SIGTERM". */
export function exitText(result: SpawnResult, timeoutMs: number): string {
  if (result.timedOut) return `timed out after ${Math.round(timeoutMs / 1000)}s`;
  if (result.exitCode === null) return `killed by ${result.signal ?? 'a signal'}`;
  return `exit ${result.exitCode}`;
}
