// The ls tool: a directory as an indented tree, .gitignore respected.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { SummonError } from '../core/errors.js';
import { defineTool } from '../core/tool.js';
import { IgnoreRules, readDirectory } from './file-walk.js';
import description from './ls.md?raw';
import { displayPath, resolveInWorkspace } from './paths.js';

const MAX_ENTRIES = 500;
const DEFAULT_DEPTH = 2;

const inputSchema = z.object({
  path: z.string().optional(),
  depth: z.number().int().min(1).max(10).optional(),
});
type LsInput = z.infer<typeof inputSchema>;

export const lsTool = defineTool<LsInput>({
  name: 'ls',
  description,
  input: inputSchema,
  kind: 'read',
  async execute(input, ctx) {
    const root = await resolveInWorkspace(ctx.workspace, input.path ?? '.');
    const shownRoot = displayPath(ctx.workspace, root);
    const stat = await fs.stat(root).catch(() => undefined);
    if (!stat) throw new SummonError('tool-failed', `no such directory: ${shownRoot}`, { hint: 'check the path with glob, or ls its parent' });
    if (!stat.isDirectory()) throw new SummonError('tool-failed', `${shownRoot} is a file, not a directory`, { hint: 'use read to see its content' });
    const lines: string[] = [`${shownRoot}/`];
    let truncated = false;
    const visit = async (directory: string, rules: IgnoreRules, level: number): Promise<void> => {
      const entries = (await visibleEntries(directory, rules)).sort((a, b) => Number(b.isDirectory) - Number(a.isDirectory));
      for (const entry of entries) {
        if (lines.length > MAX_ENTRIES) {
          truncated = true;
          return;
        }
        const indent = '  '.repeat(level);
        if (!entry.isDirectory) {
          lines.push(`${indent}${entry.name}`);
          continue;
        }
        const childRules = await rules.enter(entry.absolute);
        if (level < (input.depth ?? DEFAULT_DEPTH)) {
          lines.push(`${indent}${entry.name}/`);
          await visit(entry.absolute, childRules, level + 1);
        } else {
          const count = (await visibleEntries(entry.absolute, childRules)).length;
          lines.push(`${indent}${entry.name}/${count > 0 ? ` (${count} entries)` : ''}`);
        }
      }
    };
    await visit(root, await IgnoreRules.forDirectory(ctx.workspace, root), 1);
    if (lines.length === 1) lines.push('  (empty)');
    if (truncated) lines.push(`(stopped at ${MAX_ENTRIES} entries; list a subfolder or use a smaller depth)`);
    return { output: lines.join('\n') };
  },
});

async function visibleEntries(directory: string, rules: IgnoreRules): Promise<{ name: string; absolute: string; isDirectory: boolean }[]> {
  const entries = await readDirectory(directory).catch(() => []);
  return entries
    .map((entry) => ({ name: entry.name, absolute: path.join(directory, entry.name), isDirectory: entry.isDirectory() }))
    .filter((entry) => !rules.ignores(entry.absolute, entry.isDirectory));
}
