// The `task` tool: a sub-agent is a child session with a fresh context, a task, a tool subset
// (read-only unless its definition says otherwise) and its own turn budget; its final answer and
// the files it looked at come back as the tool result. Several run at once (at most three). Its
// events pass into the parent's stream and journal marked with the parent's id; its cost counts in
// the parent's. It has the parent's config and approvals, so it never gets more permissions.
import { z } from 'zod';
import type { ConfigLayer } from '../core/config.js';
import { SummonError } from '../core/errors.js';
import type { AgentEvent } from '../core/events.js';
import { defineTool, type Tool } from '../core/tool.js';
import { DEFAULT_AGENT, type AgentDefinition } from './agents.js';

/** How a session opens a child: the session core's createSession with the parent's options. */
export type OpenChild = (child: { id: string; tools: string[]; config: ConfigLayer; model?: string }) => Promise<{
  run(task: string, options: { signal: AbortSignal }): AsyncIterable<AgentEvent>;
  close(): Promise<void>;
}>;

export interface TaskToolOptions {
  parentId: string;
  open: OpenChild;
  agents: readonly AgentDefinition[];
  /** Delivers a child's event into the parent's stream (journal, printer, consumers). */
  forward: (event: AgentEvent) => void;
  /** Turns a sub-agent gets unless the call says otherwise. */
  maxTurns?: number;
}

const CONCURRENCY = 3;
const DEFAULT_TURNS = 20;
const LOOKED_AT = new Set(['read', 'grep', 'glob', 'ls']);

const inputSchema = z.object({
  description: z.string().min(1).max(120).describe('what the sub-agent does, in a few words'),
  prompt: z.string().min(1).describe('the whole task: the sub-agent sees nothing else'),
  agent: z.string().optional().describe('which agent (default explore)'),
  max_turns: z.number().int().min(1).max(100).optional(),
});
type TaskInput = z.infer<typeof inputSchema>;

export function createTaskTool(options: TaskToolOptions): Tool {
  const agents = new Map([[DEFAULT_AGENT.name, DEFAULT_AGENT], ...options.agents.map((agent) => [agent.name, agent] as const)]);
  const custom = options.agents.map((agent) => `${agent.name} (${agent.description}; tools: ${agent.tools.join(', ')})`);
  let started = 0;
  let running = 0;
  const waiting: Array<() => void> = [];
  const acquire = async (): Promise<void> => {
    while (running >= CONCURRENCY) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
  };
  const release = (): void => {
    running--;
    waiting.shift()?.();
  };

  return defineTool<TaskInput>({
    name: 'task',
    description:
      'Start a sub-agent with a fresh context for a self-contained question (e.g. find where something is handled, across many files); it returns its answer and the files it read, keeping your context clean. ' +
      'Give the whole task in `prompt`. Several task calls in one reply run in parallel. ' +
      `Agents: explore (default; read-only: read, grep, glob, ls, context, web_fetch)${custom.length > 0 ? `; ${custom.join('; ')}` : ''}.`,
    input: inputSchema,
    // It only delegates: what the sub-agent may do is decided by its own tools and the same permission rules.
    kind: 'read',
    async execute(input, ctx) {
      const agent = agents.get(input.agent ?? DEFAULT_AGENT.name);
      if (!agent) throw new SummonError('tool-invalid-input', `no agent "${input.agent}"`, { hint: `agents: ${[...agents.keys()].join(', ')}` });
      await acquire();
      try {
        const id = `${options.parentId}.${agent.name}-${++started}`;
        const child = await options.open({
          id,
          tools: agent.tools.filter((tool) => tool !== 'task'),
          config: { maxTurns: input.max_turns ?? options.maxTurns ?? DEFAULT_TURNS },
          ...(agent.model ? { model: agent.model } : {}),
        });
        const task = agent.instructions ? `${agent.instructions}\n\n## Your task\n${input.prompt}` : input.prompt;
        const files = new Set<string>();
        let done: Extract<AgentEvent, { type: 'done' }> | undefined;
        try {
          for await (const event of child.run(task, { signal: ctx.signal })) {
            options.forward({ ...event, parentSessionId: options.parentId });
            if (event.type === 'tool-call' && LOOKED_AT.has(event.name)) {
              const target = typeof event.input === 'object' && event.input !== null ? (event.input as { path?: unknown }).path : undefined;
              if (typeof target === 'string') files.add(target);
            } else if (event.type === 'done') done = event;
          }
        } finally {
          await child.close();
        }
        if (!done) throw new SummonError('tool-failed', `sub-agent ${agent.name} ended without an answer`);
        ctx.report({ type: 'usage', usage: done.usage, costUsd: done.costUsd });
        return { output: resultText(agent.name, input.description, done, [...files]), isError: done.reason === 'error' || done.reason === 'interrupted' };
      } finally {
        release();
      }
    },
  });
}

function resultText(name: string, description: string, done: Extract<AgentEvent, { type: 'done' }>, files: string[]): string {
  const head = `sub-agent ${name} (${description}): ${done.reason}, ${done.turns} turn${done.turns === 1 ? '' : 's'}, $${done.costUsd.toFixed(4)}`;
  const answer = done.result.trim() || '(no answer)';
  const body = done.reason === 'completed' ? answer : `It stopped before finishing (${done.reason}${done.error ? `: ${done.error.message}` : ''}). Its last findings:\n${answer}`;
  const looked = files.length > 0 ? `\n\nFiles it looked at: ${files.slice(0, 50).join(', ')}${files.length > 50 ? ', …' : ''}` : '';
  return `${head}\n\n${body}${looked}`;
}
