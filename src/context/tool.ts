// The `context` tool: the model searches the repository index (ranked files with reasons).
// The index is opened once per workspace and brought up to date before each search.
import { z } from 'zod';
import { defineTool, type Tool } from '../core/tool.js';
import type { ContextIndex } from './context-index.js';
import type { RankedFile } from './rank.js';
import description from './tool.md?raw';

const inputSchema = z.object({
  query: z.string().min(1).describe('what to look for: behaviour in plain words, identifiers, or paths'),
  top: z.number().int().min(1).max(30).optional().describe('how many files (default 10)'),
});
type ContextInput = z.infer<typeof inputSchema>;

export interface ContextToolOptions {
  /** Folder holding index databases, e.g. defaultIndexCacheDir(env). */
  cacheDir: string;
  historyCommits?: number;
}

export function createContextTool(options: ContextToolOptions): Tool {
  const open = new Map<string, Promise<ContextIndex>>();
  // The engine (tree-sitter, SQLite) loads on the first search, not when the tool list is built.
  const indexFor = async (workspace: string): Promise<ContextIndex> => {
    const { openIndex, updateIndex } = await import('./build.js');
    const known = open.get(workspace);
    if (known) {
      const index = await known;
      await updateIndex(index);
      return index;
    }
    const opening = openIndex({ cwd: workspace, cacheDir: options.cacheDir, ...(options.historyCommits !== undefined ? { historyCommits: options.historyCommits } : {}) }).then(
      ({ index }) => index,
    );
    open.set(workspace, opening);
    opening.catch(() => open.delete(workspace));
    return opening;
  };
  return defineTool<ContextInput>({
    name: 'context',
    description,
    input: inputSchema,
    kind: 'read',
    async execute(input, ctx) {
      const index = await indexFor(ctx.workspace);
      ctx.signal.throwIfAborted();
      const { rankContext } = await import('./rank.js');
      const ranked = rankContext(index, input.query, { top: input.top ?? 10 });
      return { output: ranked.length === 0 ? 'no file matches the query; try other words or grep' : renderForModel(ranked) };
    },
  });
}

function renderForModel(ranked: readonly RankedFile[]): string {
  return ranked
    .map((entry, at) => {
      const symbols = entry.symbols.length > 0 ? `\n   symbols: ${entry.symbols.join(', ')}` : '';
      return `${at + 1}. ${entry.path} (score ${entry.score})${symbols}\n   why: ${entry.reasons.join('; ')}`;
    })
    .join('\n');
}
