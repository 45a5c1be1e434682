// JSON Lines in, one JSON line out per input line, in input order, for the batch verify commands.
// Up to `concurrency` lines are handled at once; each result is written as soon as it and every
// line before it are done, so a long-lived process serves a stream without waiting for EOF.
import { createInterface } from 'node:readline';
import { ZodError } from 'zod';
import { isSummonError } from '../core/errors.js';

export interface JsonLinesOptions {
  /** Lines handled at once (default 8). */
  concurrency?: number;
}

interface Pending {
  done: boolean;
  output: string;
}

/**
 * Reads JSON Lines from `input`, calls `handle` per non-blank line and writes each result as one
 * JSON text ending in "\n" (so `write` can be a raw stdout writer). A bad line — invalid JSON, or
 * `handle` throwing — yields `{"error", "line", "id"?}` and the stream goes on.
 */
export async function processJsonLines(
  input: NodeJS.ReadableStream,
  handle: (value: unknown, lineNumber: number) => Promise<Record<string, unknown>>,
  write: (line: string) => void,
  options?: { concurrency?: number },
): Promise<{ lines: number; errors: number }> {
  const concurrency = Math.max(1, Math.floor(options?.concurrency ?? 8));
  const queue: Pending[] = [];
  let inFlight = 0;
  let lines = 0;
  let errors = 0;
  let wakeReader: (() => void) | undefined;

  const flush = (): void => {
    while (queue.length > 0 && queue[0]!.done) write(queue.shift()!.output);
  };

  const start = (text: string, lineNumber: number): void => {
    const entry: Pending = { done: false, output: '' };
    queue.push(entry);
    inFlight++;
    void run(text, lineNumber).then(({ result, failed }) => {
      if (failed) errors++;
      entry.output = `${JSON.stringify(result)}\n`;
      entry.done = true;
      inFlight--;
      flush();
      wakeReader?.();
    });
  };

  const run = async (text: string, lineNumber: number): Promise<{ result: Record<string, unknown>; failed: boolean }> => {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      return { result: errorLine(`invalid JSON: ${(error as Error).message}`, lineNumber, undefined), failed: true };
    }
    try {
      return { result: await handle(value, lineNumber), failed: false };
    } catch (error) {
      return { result: errorLine(describe(error), lineNumber, value), failed: true };
    }
  };

  const reader = createInterface({ input, crlfDelay: Infinity });
  let lineNumber = 0;
  for await (const text of reader) {
    lineNumber++;
    if (text.trim() === '') continue;
    lines++;
    // Backpressure: wait for a free slot before taking the next line.
    while (inFlight >= concurrency) await new Promise<void>((resolve) => (wakeReader = resolve));
    wakeReader = undefined;
    start(text, lineNumber);
  }
  while (inFlight > 0) await new Promise<void>((resolve) => (wakeReader = resolve));
  flush();
  return { lines, errors };
}

function errorLine(message: string, line: number, value: unknown): Record<string, unknown> {
  const id = typeof value === 'object' && value !== null && 'id' in value ? (value as { id: unknown }).id : undefined;
  return { error: message, line, ...(typeof id === 'string' || typeof id === 'number' ? { id } : {}) };
}

function describe(error: unknown): string {
  if (error instanceof ZodError) return error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`).join('; ');
  if (isSummonError(error)) return error.hint ? `${error.message} (${error.hint})` : error.message;
  return error instanceof Error ? error.message : String(error);
}
