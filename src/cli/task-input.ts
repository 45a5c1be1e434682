// The task text of `summon -p` / `summon run`. `-` reads the task from standard input; with a task
// given, input piped in (a pipe or a file, never a terminal) is attached below it, so
// `git diff | summon -p "review this change"` works as it does with `claude -p`.
import { SummonError } from '../core/errors.js';
import type { CliIo } from './io.js';
import { readStream } from './read-stream.js';

/** Piped input beyond this is cut, with a note: it goes into the model's window. */
export const MAX_PIPED_BYTES = 1024 * 1024;

export async function resolveTask(task: string | undefined, io: CliIo): Promise<string> {
  if (task === '-') {
    const input = await readInput(io);
    if (input.trim() === '') throw new SummonError('usage', 'no task given: standard input was empty', { hint: 'pipe the task in (echo "fix the test" | summon -p -) or pass it: summon -p "TASK"' });
    return input;
  }
  if (task === undefined || task.trim() === '') {
    throw new SummonError('usage', 'no task given', { hint: 'pass the task: summon -p "fix the failing test" (or summon run "…", or summon -p - to read it from standard input)' });
  }
  if (!io.stdinPiped) return task;
  const input = await readInput(io);
  return input.trim() === '' ? task : `${task}\n\n<stdin>\n${input.replace(/\n$/, '')}\n</stdin>`;
}

async function readInput(io: CliIo): Promise<string> {
  if (!io.stdin) return '';
  const bytes = await readStream(io.stdin, MAX_PIPED_BYTES);
  if (bytes.length <= MAX_PIPED_BYTES) return bytes.toString('utf8');
  // Cut at a line end where there is one, so the model sees whole lines.
  const text = bytes.subarray(0, MAX_PIPED_BYTES).toString('utf8');
  const cut = text.lastIndexOf('\n');
  return `${cut > 0 ? text.slice(0, cut + 1) : text}[standard input cut at ${MAX_PIPED_BYTES.toLocaleString('en-US')} bytes]\n`;
}
