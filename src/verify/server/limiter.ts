// Bounded concurrency with a bounded wait queue: at most `concurrency` verifications run at once,
// the rest wait in FIFO order; the server refuses new requests (429) once `queueLimit` are waiting.
import { SummonError } from '../../core/errors.js';

interface Waiter {
  start: () => void;
  cancel: () => void;
}

/** Weight of the newest task duration in the moving average behind Retry-After. */
const DURATION_SMOOTHING = 0.2;

export class WorkLimiter {
  readonly concurrency: number;
  readonly queueLimit: number;
  private running = 0;
  private readonly queue: Waiter[] = [];
  private averageTaskSeconds = 0;

  constructor(concurrency: number, queueLimit: number) {
    this.concurrency = concurrency;
    this.queueLimit = queueLimit;
  }

  get inFlight(): number {
    return this.running;
  }

  get waiting(): number {
    return this.queue.length;
  }

  /**
   * Whether a new request may be admitted: fewer than `queueLimit` verifications wait. An admitted
   * request queues all of its items, so one large batch is never refused for its size alone.
   */
  hasRoom(): boolean {
    return this.running < this.concurrency || this.queue.length < this.queueLimit;
  }

  /** Seconds a refused client should wait: the queue's expected drain time, 1 to 60. */
  retryAfterSeconds(): number {
    const drain = (this.averageTaskSeconds * (this.queue.length + this.running)) / this.concurrency;
    return Math.min(60, Math.max(1, Math.ceil(drain)));
  }

  /** Runs `task` when a slot is free; rejects without running it if `signal` aborts while it waits. */
  async run<T>(task: () => T | Promise<T>, signal?: AbortSignal): Promise<T> {
    if (this.running >= this.concurrency) await this.waitForSlot(signal);
    else this.running++;
    const started = performance.now();
    try {
      return await task();
    } finally {
      const seconds = (performance.now() - started) / 1000;
      this.averageTaskSeconds = this.averageTaskSeconds === 0 ? seconds : this.averageTaskSeconds + DURATION_SMOOTHING * (seconds - this.averageTaskSeconds);
      this.release();
    }
  }

  private waitForSlot(signal: AbortSignal | undefined): Promise<void> {
    if (signal?.aborted) return Promise.reject(interrupted());
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => waiter.cancel();
      const waiter: Waiter = {
        // The slot is handed over by release(): `running` is not decremented in between.
        start: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        cancel: () => {
          const index = this.queue.indexOf(waiter);
          if (index >= 0) this.queue.splice(index, 1);
          reject(interrupted());
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(waiter);
    });
  }

  private release(): void {
    const next = this.queue.shift();
    if (next) next.start();
    else this.running--;
  }
}

function interrupted(): SummonError {
  return new SummonError('interrupted', 'the client went away before its verification started');
}
