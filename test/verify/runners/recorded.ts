// Runs of real tools, recorded by test/verify/fixtures/real/<tool>/make.sh (see the README there):
// their output as a verifier reads it, and a spawn port that replays a run instead of the tool, so
// the tests need none of the tools installed.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { SpawnPort } from '../../../src/core/tool.js';

const ROOT = path.resolve(import.meta.dirname, '../fixtures/real');

export interface RecordedRun {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export function recorded(tool: string, name: string): RecordedRun {
  const file = (suffix: string): string => path.join(ROOT, tool, `${name}.${suffix}.txt`);
  // make.sh drops empty stdout/stderr files; the exit code is always there.
  const read = (suffix: string): string => (existsSync(file(suffix)) ? readFileSync(file(suffix), 'utf8') : '');
  return { stdout: read('stdout'), stderr: read('stderr'), exitCode: Number(readFileSync(file('exit'), 'utf8').trim()) };
}

/** stdout, then stderr: what the verifiers hand their parsers. */
export function combined(run: RecordedRun): string {
  return `${run.stdout}\n${run.stderr}`;
}

export function replay(run: RecordedRun): SpawnPort {
  return async () => ({ exitCode: run.exitCode, signal: null, stdout: run.stdout, stderr: run.stderr, timedOut: false, droppedBytes: 0, durationMs: 1 });
}
