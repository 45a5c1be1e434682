// The todo tool: the agent's plan, replaced whole on each call and shown to the user.
import { z } from 'zod';
import { defineTool } from '../core/tool.js';
import description from './todo.md?raw';

const inputSchema = z.object({
  items: z.array(
    z.object({
      content: z.string().min(1),
      status: z.enum(['pending', 'in_progress', 'completed']),
    }),
  ),
});
type TodoInput = z.infer<typeof inputSchema>;

const MARKS = { pending: '[ ]', in_progress: '[~]', completed: '[x]' } as const;

export const todoTool = defineTool<TodoInput>({
  name: 'todo',
  description,
  input: inputSchema,
  kind: 'read',
  async execute(input, ctx) {
    ctx.report({ type: 'todo', items: input.items });
    if (input.items.length === 0) return { output: 'plan cleared' };
    const done = input.items.filter((item) => item.status === 'completed').length;
    const lines = input.items.map((item) => `${MARKS[item.status]} ${item.content}`);
    return { output: `${lines.join('\n')}\n(${done}/${input.items.length} completed)` };
  },
});
