// The read tool: a file's lines, numbered like `cat -n`, a window at a time.
import { createReadStream, promises as fs } from 'node:fs';
import type * as Readline from 'node:readline';
import { lazyBuiltin } from '../core/lazy-builtin.js';
import { z } from 'zod';
import { SummonError } from '../core/errors.js';
import { defineTool } from '../core/tool.js';
import { fileError } from './fs-errors.js';
import { displayPath, resolveInWorkspace } from './paths.js';
import description from './read.md?raw';

const readline = lazyBuiltin<typeof Readline>('node:readline');

export const DEFAULT_READ_LIMIT = 2000;
const MAX_LINE_CHARS = 2000;
const BINARY_SNIFF_BYTES = 8192;

const inputSchema = z.object({
  path: z.string().min(1),
  offset: z.number().int().min(1).optional().describe('1-based first line'),
  limit: z.number().int().min(1).optional(),
});
type ReadInput = z.infer<typeof inputSchema>;

export const readTool = defineTool<ReadInput>({
  name: 'read',
  description,
  input: inputSchema,
  kind: 'read',
  async execute(input, ctx) {
    const file = await resolveInWorkspace(ctx.workspace, input.path);
    const shown = displayPath(ctx.workspace, file);
    const stat = await fs.stat(file).catch((error: unknown) => {
      throw fileError(error, shown);
    });
    if (stat.isDirectory()) {
      throw new SummonError('tool-failed', `${shown} is a directory, not a file`, { hint: `use ls with path "${shown}" to list it` });
    }
    if (await looksBinary(file)) {
      throw new SummonError('tool-failed', `binary file, ${stat.size} bytes: ${shown}`, { hint: 'inspect it with bash (e.g. file, xxd | head) instead' });
    }
    return { output: await numberedWindow(file, input.offset ?? 1, input.limit ?? DEFAULT_READ_LIMIT, ctx.maxOutputChars, ctx.signal) };
  },
});

async function looksBinary(file: string): Promise<boolean> {
  const handle = await fs.open(file, 'r');
  try {
    const buffer = Buffer.alloc(BINARY_SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, BINARY_SNIFF_BYTES, 0);
    return buffer.subarray(0, bytesRead).includes(0);
  } finally {
    await handle.close();
  }
}

/** Streams the file so a huge one is never held whole; counts every line for the "of N" note. */
async function numberedWindow(file: string, offset: number, limit: number, maxChars: number, signal: AbortSignal): Promise<string> {
  const lines = readline().createInterface({ input: createReadStream(file, { encoding: 'utf8', signal }), crlfDelay: Infinity });
  const shownLines: string[] = [];
  const budget = Math.max(1000, maxChars - 200);
  let used = 0;
  let total = 0;
  let last = offset - 1;
  let full = false;
  for await (const line of lines) {
    total += 1;
    if (full || total < offset) continue;
    const text = line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS)}… [line cut at ${MAX_LINE_CHARS} chars]` : line;
    const numbered = `${String(total).padStart(6)}\t${text}`;
    if (shownLines.length > 0 && used + numbered.length + 1 > budget) {
      full = true;
      continue;
    }
    shownLines.push(numbered);
    used += numbered.length + 1;
    last = total;
    if (shownLines.length >= limit) full = true;
  }
  if (total === 0) return '(empty file)';
  if (offset > total) {
    throw new SummonError('tool-failed', `offset ${offset} is past the end of the file (${total} lines)`, { hint: `use an offset from 1 to ${total}` });
  }
  const body = shownLines.join('\n');
  if (offset === 1 && last === total) return body;
  return `${body}\n\n(showing lines ${offset}-${last} of ${total}${last < total ? `; use offset=${last + 1} to see more` : ''})`;
}
