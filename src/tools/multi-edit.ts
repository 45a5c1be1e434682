// The multi_edit tool: several exact replacements across files, all applied or none.
import { z } from 'zod';
import { SummonError } from '../core/errors.js';
import type { FileSystemPort } from '../core/fs-port.js';
import { defineTool } from '../core/tool.js';
import { editInputSchema } from './edit.js';
import { applyEdit } from './edit-apply.js';
import { fileError } from './fs-errors.js';
import description from './multi-edit.md?raw';
import { displayPath, resolveInWorkspace } from './paths.js';
import { decodeUtf8 } from './real-fs.js';

const inputSchema = z.object({
  edits: z.array(editInputSchema).min(1),
});
type MultiEditInput = z.infer<typeof inputSchema>;

interface PendingFile {
  shown: string;
  original: string;
  /** The bytes read, put back as they were if a later write fails. */
  originalBytes: Uint8Array;
  content: string;
  replacements: number;
}

export const multiEditTool = defineTool<MultiEditInput>({
  name: 'multi_edit',
  description,
  input: inputSchema,
  kind: 'write',
  async execute(input, ctx) {
    const files = new Map<string, PendingFile>();
    for (const [index, edit] of input.edits.entries()) {
      const label = `edit ${index + 1} of ${input.edits.length} (${edit.path})`;
      try {
        const file = await resolveInWorkspace(ctx.workspace, edit.path);
        let pending = files.get(file);
        if (!pending) {
          const shown = displayPath(ctx.workspace, file);
          const originalBytes = await ctx.fs.readFile(file).catch((error: unknown) => {
            throw fileError(error, shown);
          });
          const original = decodeUtf8(originalBytes);
          pending = { shown, original, originalBytes, content: original, replacements: 0 };
          files.set(file, pending);
        }
        const outcome = applyEdit(pending.content, edit, pending.shown);
        pending.content = outcome.content;
        pending.replacements += outcome.replacements;
      } catch (error) {
        const cause = error instanceof SummonError ? error : undefined;
        const message = error instanceof Error ? error.message : String(error);
        throw new SummonError(cause?.code ?? 'tool-failed', `${label} failed, so no file was changed: ${message}`, {
          ...(cause?.hint ? { hint: cause.hint } : {}),
          cause: error,
        });
      }
    }
    await writeAllOrRestore(ctx.fs, files);
    const lines = [...files.values()].map((file) => `  ${file.shown}: ${file.replacements} replacement${file.replacements === 1 ? '' : 's'}`);
    for (const file of files.values()) if (file.content !== file.original) ctx.report({ type: 'file-changed', path: file.shown });
    return { output: `applied ${input.edits.length} edit${input.edits.length === 1 ? '' : 's'} to ${files.size} file${files.size === 1 ? '' : 's'}:\n${lines.join('\n')}` };
  },
});

/** If a later write fails (disk full, permissions), put back the files already written. */
async function writeAllOrRestore(fs: FileSystemPort, files: Map<string, PendingFile>): Promise<void> {
  const written: [string, PendingFile][] = [];
  for (const entry of files) {
    const [file, pending] = entry;
    if (pending.content === pending.original) continue;
    try {
      await fs.writeFile(file, pending.content);
      written.push(entry);
    } catch (error) {
      for (const [doneFile, done] of written) await fs.writeFile(doneFile, done.originalBytes).catch(() => undefined);
      const reason = fileError(error, pending.shown);
      const message = reason instanceof Error ? reason.message : String(reason);
      throw new SummonError('tool-failed', `writing ${pending.shown} failed, so no file was changed: ${message}`, { cause: error });
    }
  }
}
