// The read tool: a file's lines, numbered like `cat -n`, a window at a time.
import { z } from 'zod';
import { SummonError } from '../core/errors.js';
import { defineTool } from '../core/tool.js';
import { fileError } from './fs-errors.js';
import { displayPath, resolveInWorkspace } from './paths.js';
import { decodeUtf8 } from './real-fs.js';
import description from './read.md?raw';

export const DEFAULT_READ_LIMIT = 2000;
const MAX_LINE_CHARS = 2000;
const BINARY_SNIFF_BYTES = 8192;
const MAX_READ_BYTES = 256 * 1_048_576;

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
    const stat = await ctx.fs.stat(file).catch((error: unknown) => {
      throw fileError(error, shown);
    });
    if (!stat) throw fileError(Object.assign(new Error(`ENOENT: no such file or directory, stat '${file}'`), { code: 'ENOENT' }), shown);
    if (stat.isDirectory) {
      throw new SummonError('tool-failed', `${shown} is a directory, not a file`, { hint: `use ls with path "${shown}" to list it` });
    }
    // The port reads files whole: past this size, a window of lines is bash's job.
    if (stat.size > MAX_READ_BYTES) {
      throw new SummonError('tool-failed', `${shown} is ${Math.round(stat.size / 1_048_576)} MB, more than read takes whole (${MAX_READ_BYTES / 1_048_576} MB)`, {
        hint: `look at parts of it with bash: sed -n '1,200p' ${shown}, tail -n 200 ${shown}, or grep`,
      });
    }
    const bytes = await ctx.fs.readFile(file).catch((error: unknown) => {
      throw fileError(error, shown);
    });
    ctx.signal.throwIfAborted();
    if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) {
      throw new SummonError('tool-failed', `binary file, ${stat.size} bytes: ${shown}`, { hint: 'inspect it with bash (e.g. file, xxd | head) instead' });
    }
    return { output: numberedWindow(bytes, input.offset ?? 1, input.limit ?? DEFAULT_READ_LIMIT, ctx.maxOutputChars, ctx.signal) };
  },
});

/**
 * Walks the lines without decoding the whole file into one string (a huge file would pass V8's
 * string limit), decoding only the lines shown; counts every line for the "of N" note. Lines end at
 * \n, \r\n or a lone \r, as node's readline splits them.
 */
function numberedWindow(bytes: Uint8Array, offset: number, limit: number, maxChars: number, signal: AbortSignal): string {
  const shownLines: string[] = [];
  const budget = Math.max(1000, maxChars - 200);
  let used = 0;
  let total = 0;
  let last = offset - 1;
  let full = false;
  for (const [start, end] of lineRanges(bytes)) {
    total += 1;
    if (full || total < offset) {
      if (total % 65_536 === 0) signal.throwIfAborted();
      continue;
    }
    const line = decodeUtf8(bytes.subarray(start, end));
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

const LF = 0x0a;
const CR = 0x0d;

/** [start, end) byte ranges of the lines, without their line endings; no empty line after a final ending. */
function* lineRanges(bytes: Uint8Array): Generator<[number, number]> {
  let start = 0;
  let lf = bytes.indexOf(LF);
  let cr = bytes.indexOf(CR);
  while (start < bytes.length) {
    if (lf !== -1 && lf < start) lf = bytes.indexOf(LF, start);
    if (cr !== -1 && cr < start) cr = bytes.indexOf(CR, start);
    if (cr !== -1 && (lf === -1 || cr < lf)) {
      yield [start, cr];
      start = bytes[cr + 1] === LF ? cr + 2 : cr + 1;
    } else if (lf !== -1) {
      yield [start, lf];
      start = lf + 1;
    } else {
      yield [start, bytes.length];
      start = bytes.length;
    }
  }
}
