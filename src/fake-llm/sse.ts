// Server-sent events on a node:http response: framing, pacing between chunks, and cutting a stream short.
import type { ServerResponse } from 'node:http';
import { pause } from './pause.js';

export interface SseEvent {
  /** The `event:` line; OpenAI Chat Completions sends none. */
  event?: string;
  /** Already serialised: JSON text, or `[DONE]`. */
  data: string;
}

export const sseEvent = (data: unknown, event?: string): SseEvent =>
  event === undefined ? { data: JSON.stringify(data) } : { event, data: JSON.stringify(data) };

export const frameSse = (event: SseEvent): string =>
  `${event.event === undefined ? '' : `event: ${event.event}\n`}data: ${event.data}\n\n`;

export interface SseOptions {
  chunkDelayMs: number;
  /** Destroy the socket after this many events instead of finishing the stream. */
  cutAfter?: number;
  signal: AbortSignal;
  headers?: Record<string, string>;
}

export async function writeSse(res: ServerResponse, events: SseEvent[], options: SseOptions): Promise<void> {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    ...options.headers,
  });
  res.flushHeaders();
  for (const [position, event] of events.entries()) {
    if (options.cutAfter !== undefined && position >= options.cutAfter) {
      res.destroy();
      return;
    }
    if (position > 0 && options.chunkDelayMs > 0) await pause(options.chunkDelayMs, options.signal);
    if (options.signal.aborted || res.destroyed) return;
    await write(res, frameSse(event));
  }
  res.end();
}

/** Resolves once the chunk is handed to the socket, so a following cut cannot swallow it. */
export function write(res: ServerResponse, chunk: string): Promise<void> {
  return new Promise((resolve) => {
    res.write(chunk, () => resolve());
  });
}
