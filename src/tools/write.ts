// The write tool: creates or replaces a whole file, atomically.
import { z } from 'zod';
import { SummonError } from '../core/errors.js';
import { defineTool } from '../core/tool.js';
import { fileError } from './fs-errors.js';
import { displayPath, resolveInWorkspace } from './paths.js';
import description from './write.md?raw';

const inputSchema = z.object({
  path: z.string().min(1),
  content: z.string(),
});
type WriteInput = z.infer<typeof inputSchema>;

export const writeTool = defineTool<WriteInput>({
  name: 'write',
  description,
  input: inputSchema,
  kind: 'write',
  async execute(input, ctx) {
    const file = await resolveInWorkspace(ctx.workspace, input.path);
    const shown = displayPath(ctx.workspace, file);
    const existing = await ctx.fs.stat(file).catch(() => undefined);
    if (existing?.isDirectory) {
      throw new SummonError('tool-failed', `${shown} is a directory`, { hint: 'give a file path inside it' });
    }
    await ctx.fs.writeFile(file, input.content).catch((error: unknown) => {
      throw fileError(error, shown);
    });
    ctx.report({ type: 'file-changed', path: shown });
    const lines = input.content === '' ? 0 : input.content.split('\n').length - (input.content.endsWith('\n') ? 1 : 0);
    const bytes = Buffer.byteLength(input.content);
    return { output: `${existing ? 'overwrote' : 'created'} ${shown} (${lines} lines, ${bytes} bytes)` };
  },
});
