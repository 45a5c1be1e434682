// The bash tool: runs a shell command in the workspace through the SpawnPort.
import { z } from 'zod';
import { defineTool, type SpawnResult } from '../core/tool.js';
import description from './bash.md?raw';

const MAX_TIMEOUT_SEC = 3600;

const inputSchema = z.object({
  command: z.string().min(1),
  timeout_sec: z.number().positive().max(MAX_TIMEOUT_SEC).optional(),
  description: z.string().optional().describe('what it does, in a few words'),
});
type BashInput = z.infer<typeof inputSchema>;

export const bashTool = defineTool<BashInput>({
  name: 'bash',
  description,
  input: inputSchema,
  kind: 'exec',
  async execute(input, ctx) {
    const timeoutMs = input.timeout_sec === undefined ? ctx.commandTimeoutMs : Math.round(input.timeout_sec * 1000);
    const result = await ctx.spawn({
      command: 'bash',
      args: ['-c', input.command],
      cwd: ctx.workspace,
      // No pager or credential prompt can wait for input that never comes.
      env: { ...process.env, PAGER: 'cat', GIT_PAGER: 'cat', GIT_TERMINAL_PROMPT: '0' },
      timeoutMs,
      // Leave room for the labels, so the registry need not cut the output a second time.
      maxOutputBytes: Math.max(1000, ctx.maxOutputChars - 1000),
      signal: ctx.signal,
      ...(ctx.progress ? { onOutput: ctx.progress } : {}),
    });
    return { output: formatResult(result, timeoutMs, ctx.signal.aborted), isError: false };
  },
});

function formatResult(result: SpawnResult, timeoutMs: number, aborted: boolean): string {
  const parts = [status(result, timeoutMs, aborted)];
  if (result.stdout !== '') parts.push(`[stdout]\n${trimEnd(result.stdout)}`);
  if (result.stderr !== '') parts.push(`[stderr]\n${trimEnd(result.stderr)}`);
  if (result.stdout === '' && result.stderr === '') parts.push('(no output)');
  if (result.droppedBytes > 0) {
    parts.push(`[${result.droppedBytes} bytes of output dropped from the middle; redirect the output to a file and grep or read it to see all of it]`);
  }
  return parts.join('\n');
}

function status(result: SpawnResult, timeoutMs: number, aborted: boolean): string {
  if (result.timedOut) return `timed out after ${formatSeconds(timeoutMs)} (process group killed)`;
  if (aborted) return 'interrupted (process group killed)';
  if (result.exitCode !== null) return `exit code ${result.exitCode}`;
  return `killed by signal ${result.signal ?? 'unknown'}`;
}

function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))}s`;
}

function trimEnd(text: string): string {
  return text.endsWith('\n') ? text.slice(0, -1) : text;
}
