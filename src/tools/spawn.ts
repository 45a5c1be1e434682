// The default SpawnPort: runs a process in its own process group, with a timeout, abort and a memory cap.
import type * as ChildProcesses from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { lazyBuiltin } from '../core/lazy-builtin.js';
import { SummonError } from '../core/errors.js';
import type { SpawnPort, SpawnRequest, SpawnResult } from '../core/tool.js';

const childProcess = lazyBuiltin<typeof ChildProcesses>('node:child_process');

/** Time between SIGTERM and SIGKILL for a group being stopped. */
const KILL_GRACE_MS = 2000;
/** After the leader exits, how long to wait for its pipes to close (grandchildren may hold them open). */
const DRAIN_MS = 250;
/** setTimeout fires at once for delays past 2^31-1 ms; clamp instead. */
const MAX_TIMER_MS = 2_147_483_647;

/** Live process groups by leader pid, each with the function that stops it. */
const running = new Map<number, () => void>();

/** Stops every command still running (SIGTERM to each group, SIGKILL after a grace); returns how many. */
export function killAllRunning(): number {
  const stops = [...running.values()];
  for (const stop of stops) stop();
  return stops.length;
}

/** How many commands are running now. */
export function runningCount(): number {
  return running.size;
}

/**
 * Output is held as head + tail per stream, each stream within half of maxOutputBytes, so a command
 * printing gigabytes costs no more memory than that. A group that outlives a normal exit of its leader
 * (`server &`) is left running; one stopped by timeout or abort is killed whole.
 */
export const defaultSpawn: SpawnPort = (request) => {
  const started = Date.now();
  return new Promise<SpawnResult>((resolve, reject) => {
    let child: ChildProcess;
    try {
      child = childProcess().spawn(request.command, request.args, {
        cwd: request.cwd,
        env: request.env ?? process.env,
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (error) {
      reject(startError(request, error));
      return;
    }
    const perStream = Math.max(0, Math.floor(request.maxOutputBytes / 2));
    const stdout = new HeadTailBuffer(perStream);
    const stderr = new HeadTailBuffer(perStream);
    const onOutput = request.onOutput;
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout.push(chunk);
      onOutput?.(chunk);
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr.push(chunk);
      onOutput?.(chunk);
    });

    let timedOut = false;
    let stopping = false;
    let settled = false;
    let exit: { code: number | null; signal: string | null } | undefined;
    let killTimer: NodeJS.Timeout | undefined;
    let drainTimer: NodeJS.Timeout | undefined;
    const pid = child.pid;

    const stopGroup = (): void => {
      if (stopping || pid === undefined) return;
      stopping = true;
      signalGroup(pid, 'SIGTERM');
      killTimer = setTimeout(() => signalGroup(pid, 'SIGKILL'), KILL_GRACE_MS);
    };
    const onAbort = (): void => stopGroup();
    const timeout = setTimeout(() => {
      timedOut = true;
      stopGroup();
    }, Math.min(request.timeoutMs, MAX_TIMER_MS));

    const finish = (): void => {
      // A process that never started is settled by the 'error' handler instead.
      if (settled || pid === undefined) return;
      settled = true;
      clearTimeout(timeout);
      clearTimeout(drainTimer);
      request.signal.removeEventListener('abort', onAbort);
      if (pid !== undefined) running.delete(pid);
      // Once the whole group is gone there is nothing left for SIGKILL, and the pid may be reused.
      if (killTimer && pid !== undefined && !groupExists(pid)) clearTimeout(killTimer);
      child.stdout?.destroy();
      child.stderr?.destroy();
      resolve({
        exitCode: exit?.code ?? null,
        signal: exit?.signal ?? null,
        stdout: stdout.text(),
        stderr: stderr.text(),
        timedOut,
        droppedBytes: stdout.droppedBytes + stderr.droppedBytes,
        durationMs: Date.now() - started,
      });
    };

    child.on('error', (error) => {
      if (pid === undefined && !settled) {
        settled = true;
        clearTimeout(timeout);
        request.signal.removeEventListener('abort', onAbort);
        reject(startError(request, error));
      }
    });
    child.on('exit', (code, signal) => {
      exit = { code, signal };
      if (pid !== undefined) running.delete(pid);
      drainTimer = setTimeout(finish, DRAIN_MS);
    });
    child.on('close', finish);

    if (pid === undefined) return;
    running.set(pid, stopGroup);
    if (request.signal.aborted) stopGroup();
    else request.signal.addEventListener('abort', onAbort, { once: true });
  });
};

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}

function groupExists(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

function startError(request: SpawnRequest, error: unknown): SummonError {
  const message = error instanceof Error ? error.message : String(error);
  return new SummonError('tool-failed', `could not start "${request.command}": ${message}`, { cause: error });
}

/** Keeps the first and last `limit / 2` bytes of a stream and counts what falls between. */
class HeadTailBuffer {
  private readonly headLimit: number;
  private readonly tailLimit: number;
  private readonly head: Buffer[] = [];
  private headBytes = 0;
  private tail: Buffer[] = [];
  private tailBytes = 0;
  private totalBytes = 0;

  constructor(limit: number) {
    this.headLimit = Math.ceil(limit / 2);
    this.tailLimit = Math.floor(limit / 2);
  }

  push(chunk: Buffer): void {
    this.totalBytes += chunk.length;
    let rest = chunk;
    if (this.headBytes < this.headLimit) {
      const take = Math.min(rest.length, this.headLimit - this.headBytes);
      this.head.push(rest.subarray(0, take));
      this.headBytes += take;
      rest = rest.subarray(take);
    }
    if (rest.length === 0 || this.tailLimit === 0) return;
    // Copy, so a small tail slice never pins a large chunk.
    this.tail.push(Buffer.from(rest));
    this.tailBytes += rest.length;
    while (this.tail.length > 1 && this.tailBytes - (this.tail[0]?.length ?? 0) >= this.tailLimit) {
      this.tailBytes -= this.tail.shift()?.length ?? 0;
    }
  }

  get droppedBytes(): number {
    return this.totalBytes - this.headBytes - Math.min(this.tailBytes, this.tailLimit);
  }

  text(): string {
    const head = Buffer.concat(this.head).toString('utf8');
    const tailBuffer = Buffer.concat(this.tail);
    const tail = tailBuffer.subarray(Math.max(0, tailBuffer.length - this.tailLimit)).toString('utf8');
    const dropped = this.droppedBytes;
    return dropped > 0 ? `${head}\n[… ${dropped} bytes dropped …]\n${tail}` : head + tail;
  }
}
