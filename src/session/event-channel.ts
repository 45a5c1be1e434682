// Turns the loop's callback events into the AsyncIterable a session's run() returns: events are
// buffered until the consumer reads them, so a slow consumer never loses one.
import type { AgentEvent } from '../core/events.js';

export interface EventChannel {
  push(event: AgentEvent): void;
  /** No more events; a pending read ends (or throws `error`). */
  end(error?: unknown): void;
  iterable: AsyncIterable<AgentEvent>;
}

export function createEventChannel(onReturn: () => void): EventChannel {
  const buffer: AgentEvent[] = [];
  let ended = false;
  let failure: { error: unknown } | undefined;
  let wake: (() => void) | undefined;
  let taken = false;
  const notify = (): void => {
    const resolve = wake;
    wake = undefined;
    resolve?.();
  };
  const iterable: AsyncIterable<AgentEvent> = {
    [Symbol.asyncIterator]() {
      if (taken) throw new Error('a run can be iterated once');
      taken = true;
      return {
        async next(): Promise<IteratorResult<AgentEvent>> {
          for (;;) {
            const event = buffer.shift();
            if (event) return { value: event, done: false };
            if (failure) throw failure.error;
            if (ended) return { value: undefined, done: true };
            await new Promise<void>((resolve) => (wake = resolve));
          }
        },
        // A consumer that stops reading (break, throw) interrupts the run.
        async return(): Promise<IteratorResult<AgentEvent>> {
          if (!ended) onReturn();
          // Nobody reads on: what the interrupted run still emits is dropped (the journal has it).
          ended = true;
          buffer.length = 0;
          return { value: undefined, done: true };
        },
      };
    },
  };
  return {
    push(event) {
      if (ended) return;
      buffer.push(event);
      notify();
    },
    end(error) {
      if (ended) return;
      ended = true;
      if (error !== undefined) failure = { error };
      notify();
    },
    iterable,
  };
}
