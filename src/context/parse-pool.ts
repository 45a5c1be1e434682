// Parses files on worker threads when there are enough of them to pay for starting workers (each
// loads web-tree-sitter and its grammars once), else on the main thread. The worker is its own
// bundle, dist/context-worker.cjs, beside the CLI and library bundles; running from sources (tsx,
// vitest) there is none and everything is parsed on the main thread. A worker that fails hands its
// files back to the main thread.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { analyzeFile, type FileAnalysis } from './analyze.js';

export interface ParseSettings {
  /** The worker bundle; null for none (main thread only); undefined to look beside this module. */
  workerFile: string | null | undefined;
  /** Fewest files to parse before workers are started. */
  minFiles: number;
  /** How many workers (default: available cores, at most 4). */
  workers: number | undefined;
}

const settings: ParseSettings = { workerFile: undefined, minFiles: 200, workers: undefined };

/** Overrides how files are parsed (tests and benchmarks). */
export function configureParsing(changes: Partial<ParseSettings>): ParseSettings {
  const before = { ...settings };
  Object.assign(settings, changes);
  return before;
}

export const WORKER_BUNDLE = 'context-worker.cjs';

/** The worker bundle next to this code when it runs bundled (dist/cli.cjs, dist/index.js). */
export function workerFile(): string | undefined {
  if (settings.workerFile !== undefined) return settings.workerFile ?? undefined;
  try {
    const file = path.join(path.dirname(fileURLToPath(import.meta.url)), WORKER_BUNDLE);
    return existsSync(file) ? file : undefined;
  } catch {
    return undefined;
  }
}

export interface Parsing {
  /** How many workers parse (0: the main thread). */
  readonly workers: number;
  analyze(file: string, bytes: Buffer): Promise<FileAnalysis>;
  close(): Promise<void>;
}

export interface WorkerRequest {
  id: number;
  path: string;
  bytes: Uint8Array;
}

export type WorkerReply = { id: number; result: FileAnalysis } | { id: number; error: string };

const mainThread: Parsing = {
  workers: 0,
  analyze: (file, bytes) => analyzeFile(file, bytes.toString('utf8')),
  close: async () => {},
};

/** Whether `count` files are enough to start parse workers (and there is a worker bundle). */
export function workersWorthIt(count: number): boolean {
  return count >= settings.minFiles && workerFile() !== undefined;
}

/** A parser for `count` files: worker threads when worthwhile and available, else the main thread. */
export function openParsing(count: number): Parsing {
  const file = count >= settings.minFiles ? workerFile() : undefined;
  if (!file) return mainThread;
  const size = Math.max(1, Math.min(settings.workers ?? Math.min(4, availableParallelism()), Math.ceil(count / 50)));
  return new WorkerPool(file, size);
}

interface Pending {
  resolve: (result: FileAnalysis) => void;
  reject: (error: Error) => void;
}

interface Lane {
  worker: Worker;
  pending: Map<number, Pending>;
  broken: boolean;
}

class WorkerPool implements Parsing {
  private readonly lanes: Lane[] = [];
  private nextId = 0;
  private closed = false;

  constructor(file: string, readonly workers: number) {
    for (let n = 0; n < workers; n++) {
      // The bundle needs nothing from this process's flags: a module loader given with --import or
      // --require (tsx when running from sources) would otherwise start again in every worker.
      const worker = new Worker(file, { stdout: true, stderr: true, execArgv: [] });
      const lane: Lane = { worker, pending: new Map(), broken: false };
      lane.worker.on('message', (reply: WorkerReply) => {
        const waiting = lane.pending.get(reply.id);
        if (!waiting) return;
        lane.pending.delete(reply.id);
        if ('result' in reply) waiting.resolve(reply.result);
        else waiting.reject(new Error(reply.error));
      });
      const fail = (error: Error): void => {
        lane.broken = true;
        for (const waiting of lane.pending.values()) waiting.reject(error);
        lane.pending.clear();
      };
      lane.worker.on('error', fail);
      lane.worker.on('exit', (code) => fail(new Error(`parse worker exited with code ${code}`)));
      // Nothing a worker prints belongs on the user's terminal.
      lane.worker.stdout.resume();
      lane.worker.stderr.resume();
      this.lanes.push(lane);
    }
  }

  async analyze(file: string, bytes: Buffer): Promise<FileAnalysis> {
    const lane = this.pick();
    if (!lane) return mainThread.analyze(file, bytes);
    try {
      return await new Promise<FileAnalysis>((resolve, reject) => {
        const id = this.nextId++;
        lane.pending.set(id, { resolve, reject });
        lane.worker.postMessage({ id, path: file, bytes } satisfies WorkerRequest);
      });
    } catch (error) {
      if (this.closed) throw error;
      return mainThread.analyze(file, bytes);
    }
  }

  /** The working lane with the fewest files in flight. */
  private pick(): Lane | undefined {
    let best: Lane | undefined;
    for (const lane of this.lanes) if (!lane.broken && (!best || lane.pending.size < best.pending.size)) best = lane;
    return best;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all(this.lanes.map((lane) => lane.worker.terminate()));
  }
}
