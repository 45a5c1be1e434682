// Runs one process in its own group with stdin, extra input pipes (fd 3, 4, …), streaming callbacks,
// a wall-time limit, an output cap and abort; the whole group is killed on timeout, abort or overflow.
import { spawn, type ChildProcess } from 'node:child_process';
import type { Writable } from 'node:stream';
import { SummonError } from '../../core/errors.js';

export interface ProcessRequest {
  command: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  timeoutMs: number;
  /** Bytes kept per stream; past this the group is killed when killOnOverflow, else the rest is dropped. */
  maxOutputBytes: number;
  killOnOverflow?: boolean;
  signal?: AbortSignal;
  stdin?: string;
  /** Data written to extra pipes: the first becomes fd 3 in the child, the next fd 4, … */
  extraInputs?: Buffer[];
  onStdout?: (chunk: Buffer) => void;
  onStderr?: (chunk: Buffer) => void;
}

export interface ProcessResult {
  exitCode: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  overflowed: boolean;
  durationMs: number;
}

const KILL_GRACE_MS = 500;
const MAX_TIMER_MS = 2_147_483_647;

export function runProcess(request: ProcessRequest): Promise<ProcessResult> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const extra = request.extraInputs ?? [];
    let child: ChildProcess;
    try {
      child = spawn(request.command, request.args, {
        cwd: request.cwd,
        env: request.env,
        detached: true,
        stdio: [request.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe', ...extra.map(() => 'pipe' as const)],
      });
    } catch (error) {
      reject(startError(request.command, error));
      return;
    }
    const out = new Capture(request.maxOutputBytes);
    const err = new Capture(request.maxOutputBytes);
    let timedOut = false;
    let overflowed = false;
    let settled = false;
    let killTimer: NodeJS.Timeout | undefined;
    const pid = child.pid;

    const stopGroup = (): void => {
      if (pid === undefined || killTimer) return;
      signalGroup(pid, 'SIGKILL');
      killTimer = setTimeout(() => signalGroup(pid, 'SIGKILL'), KILL_GRACE_MS);
    };
    const onData = (capture: Capture, callback: ((chunk: Buffer) => void) | undefined) => (chunk: Buffer) => {
      callback?.(chunk);
      if (!capture.push(chunk) && request.killOnOverflow) {
        overflowed = true;
        stopGroup();
      }
    };
    child.stdout?.on('data', onData(out, request.onStdout));
    child.stderr?.on('data', onData(err, request.onStderr));
    const onAbort = (): void => stopGroup();
    const timer = setTimeout(() => {
      timedOut = true;
      stopGroup();
    }, Math.min(Math.max(1, request.timeoutMs), MAX_TIMER_MS));

    child.on('error', (error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', onAbort);
      reject(startError(request.command, error));
    });
    child.on('close', (code, signal) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(killTimer);
      request.signal?.removeEventListener('abort', onAbort);
      // Anything the leader left behind in its group goes too: a verifier run leaves nothing running.
      if (pid !== undefined) signalGroup(pid, 'SIGKILL');
      resolve({
        exitCode: code,
        signal,
        stdout: out.text(),
        stderr: err.text(),
        timedOut,
        overflowed,
        durationMs: performance.now() - started,
      });
    });

    if (pid === undefined) return;
    feed(child.stdin, request.stdin === undefined ? undefined : Buffer.from(request.stdin));
    extra.forEach((data, index) => feed(child.stdio[3 + index] as Writable | null, data));
    if (request.signal?.aborted) stopGroup();
    else request.signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Writes data and closes the pipe; a child that exits without reading is not an error. */
function feed(stream: Writable | null | undefined, data: Buffer | undefined): void {
  if (!stream || data === undefined) return;
  stream.on('error', () => undefined);
  stream.end(data);
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}

function startError(command: string, error: unknown): SummonError {
  const message = error instanceof Error ? error.message : String(error);
  return new SummonError('tool-failed', `could not start "${command}": ${message}`, { cause: error });
}

/** Keeps the first `limit` bytes of a stream; push returns false once something was dropped. */
class Capture {
  private readonly chunks: Buffer[] = [];
  private bytes = 0;
  dropped = 0;

  constructor(private readonly limit: number) {}

  push(chunk: Buffer): boolean {
    const take = Math.min(chunk.length, this.limit - this.bytes);
    if (take > 0) {
      this.chunks.push(chunk.subarray(0, take));
      this.bytes += take;
    }
    this.dropped += chunk.length - Math.max(0, take);
    return this.dropped === 0;
  }

  text(): string {
    const head = Buffer.concat(this.chunks).toString('utf8');
    return this.dropped > 0 ? `${head}\n[… ${this.dropped} bytes dropped …]` : head;
  }
}
