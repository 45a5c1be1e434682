// The edit tool: one exact search-and-replace in one file.
import { z } from 'zod';
import { defineTool } from '../core/tool.js';
import description from './edit.md?raw';
import { applyEdit, snippetAround } from './edit-apply.js';
import { fileError } from './fs-errors.js';
import { displayPath, resolveInWorkspace } from './paths.js';
import { decodeUtf8 } from './real-fs.js';

export const editInputSchema = z.object({
  path: z.string().min(1),
  old_string: z.string(),
  new_string: z.string(),
  replace_all: z.boolean().optional(),
});
type EditInput = z.infer<typeof editInputSchema>;

export const editTool = defineTool<EditInput>({
  name: 'edit',
  description,
  input: editInputSchema,
  kind: 'write',
  async execute(input, ctx) {
    const file = await resolveInWorkspace(ctx.workspace, input.path);
    const shown = displayPath(ctx.workspace, file);
    const content = decodeUtf8(
      await ctx.fs.readFile(file).catch((error: unknown) => {
        throw fileError(error, shown);
      }),
    );
    const outcome = applyEdit(content, input, shown);
    await ctx.fs.writeFile(file, outcome.content);
    ctx.report({ type: 'file-changed', path: shown });
    const summary = `edited ${shown}: replaced ${outcome.replacements} occurrence${outcome.replacements === 1 ? '' : 's'}`;
    if (outcome.replacements > 1) return { output: summary };
    return { output: `${summary}\n${snippetAround(outcome.content, outcome.firstLine, outcome.newLineCount)}` };
  },
});
