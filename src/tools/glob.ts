// The glob tool: files whose paths match a pattern, newest first.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { z } from 'zod';
import { SummonError } from '../core/errors.js';
import { defineTool } from '../core/tool.js';
import { listFiles } from './file-walk.js';
import description from './glob.md?raw';
import { displayPath, resolveInWorkspace } from './paths.js';

const MAX_FILES = 200;

const inputSchema = z.object({
  pattern: z.string().min(1),
  path: z.string().optional(),
});
type GlobInput = z.infer<typeof inputSchema>;

export const globTool = defineTool<GlobInput>({
  name: 'glob',
  description,
  input: inputSchema,
  kind: 'read',
  async execute(input, ctx) {
    const root = await resolveInWorkspace(ctx.workspace, input.path ?? '.');
    const shownRoot = displayPath(ctx.workspace, root);
    const stat = await fs.stat(root).catch(() => undefined);
    if (!stat?.isDirectory()) throw new SummonError('tool-failed', `${shownRoot} is not a directory`, { hint: 'give a folder as path' });
    const matches = picomatch(input.pattern.replace(/^\.\//, ''), { dot: true });
    const candidates = (await listFiles(ctx, root)).filter((file) => matches(path.relative(root, path.join(ctx.workspace, file)).split(path.sep).join('/')));
    if (candidates.length === 0) {
      const recursiveHint = input.pattern.includes('/') ? '' : `; to search subfolders too, use "**/${input.pattern}"`;
      return { output: `no files match ${input.pattern} in ${shownRoot}${recursiveHint}` };
    }
    const dated = await Promise.all(
      candidates.map(async (file) => ({ file, mtime: (await fs.stat(path.join(ctx.workspace, file)).catch(() => undefined))?.mtimeMs ?? 0 })),
    );
    dated.sort((a, b) => b.mtime - a.mtime || (a.file < b.file ? -1 : 1));
    const shown = dated.slice(0, MAX_FILES).map((entry) => entry.file);
    const note = dated.length > MAX_FILES ? `\n(showing the ${MAX_FILES} newest of ${dated.length} files; use a narrower pattern or path)` : '';
    return { output: shown.join('\n') + note };
  },
});
