import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SummonError } from '../../src/core/errors.js';
import { defineTool } from '../../src/core/tool.js';
import { builtinTools, createToolRegistry, truncateOutput } from '../../src/tools/index.js';
import { makeContext, makeWorkspace, removeWorkspace, type TestContext } from './helpers.js';

const echo = defineTool<{ text: string; times?: number | undefined }>({
  name: 'echo',
  description: 'Echo text.',
  input: z.object({ text: z.string(), times: z.number().int().positive().optional() }),
  kind: 'read',
  async execute(input) {
    return { output: input.text.repeat(input.times ?? 1) };
  },
});
const failing = defineTool<{ kind: string }>({
  name: 'fail',
  description: 'Fails.',
  input: z.object({ kind: z.string() }),
  kind: 'exec',
  async execute(input) {
    if (input.kind === 'summon') throw new SummonError('tool-failed', 'it broke', { hint: 'try again differently' });
    throw new TypeError('plain failure');
  },
});

const registry = createToolRegistry([echo, failing, ...builtinTools]);
let workspace: string;
let ctx: TestContext;
beforeEach(async () => {
  workspace = await makeWorkspace();
  ctx = makeContext(workspace);
});
afterEach(() => removeWorkspace(workspace));

describe('tool registry', () => {
  it('runs a tool with parsed input', async () => {
    expect(await registry.execute({ id: '1', name: 'echo', input: { text: 'hi', times: 2 } }, ctx)).toEqual({ output: 'hihi', isError: false });
  });

  it('parses arguments sent as a JSON string', async () => {
    expect(await registry.execute({ id: '1', name: 'echo', input: '{"text":"from json"}' }, ctx)).toEqual({ output: 'from json', isError: false });
  });

  it('turns malformed JSON into an error result', async () => {
    const result = await registry.execute({ id: '1', name: 'echo', input: '{"text": "unterminated' }, ctx);
    expect(result.isError).toBe(true);
    expect(result.output).toMatch(/^error \[tool-invalid-input\]: arguments were not valid JSON: .+; send a JSON object matching the schema$/);
  });

  it('lists the available tools for an unknown name', async () => {
    const result = await registry.execute({ id: '1', name: 'search', input: {} }, ctx);
    expect(result.isError).toBe(true);
    expect(result.output).toBe(
      'error [tool-unknown]: unknown tool "search"\nhint: available tools: echo, fail, read, grep, glob, ls, edit, multi_edit, write, bash, todo',
    );
  });

  it('names each bad field and what was expected', async () => {
    const result = await registry.execute({ id: '1', name: 'echo', input: { times: 0 } }, ctx);
    expect(result.isError).toBe(true);
    expect(result.output).toContain('invalid arguments for echo:');
    expect(result.output).toContain('- text: missing (expected string)');
    expect(result.output).toMatch(/- times: .*>0/);
    const nested = await registry.execute({ id: '2', name: 'multi_edit', input: { edits: [{ path: 'a', old_string: 'x', new_string: 1 }] } }, ctx);
    expect(nested.output).toContain('- edits[0].new_string: Invalid input: expected string, received number');
    const wrongRoot = await registry.execute({ id: '3', name: 'echo', input: [1] }, ctx);
    expect(wrongRoot.output).toContain('- (arguments): Invalid input: expected object, received array');
  });

  it('turns thrown errors into error results with message and hint', async () => {
    expect(await registry.execute({ id: '1', name: 'fail', input: { kind: 'summon' } }, ctx)).toEqual({
      output: 'error [tool-failed]: it broke\nhint: try again differently',
      isError: true,
    });
    expect(await registry.execute({ id: '2', name: 'fail', input: { kind: 'plain' } }, ctx)).toEqual({
      output: 'error [tool-failed]: plain failure',
      isError: true,
    });
  });

  it('truncates long output centrally, keeping head and tail, with a note', async () => {
    const text = Array.from({ length: 2000 }, (_, i) => `line ${i}`).join('\n');
    const result = await registry.execute({ id: '1', name: 'echo', input: { text } }, { ...ctx, maxOutputChars: 2000 });
    expect(result.output.length).toBeLessThanOrEqual(2000);
    expect(result.output.startsWith('line 0\nline 1\n')).toBe(true);
    expect(result.output.endsWith('line 1998\nline 1999')).toBe(true);
    expect(result.output).toMatch(/\[… \d+ of \d+ characters cut from the middle\. To see them, read a narrower range \(read with offset and limit\), search with grep/);
  });

  it('asks a permission hook before running', async () => {
    const guarded = createToolRegistry([echo], { permit: ({ input }) => (JSON.stringify(input).includes('rm') ? { allow: false, reason: 'no removing' } : { allow: true }) });
    expect((await guarded.execute({ id: '1', name: 'echo', input: { text: 'ok' } }, ctx)).output).toBe('ok');
    expect(await guarded.execute({ id: '2', name: 'echo', input: { text: 'rm -rf' } }, ctx)).toEqual({
      output: 'error [permission-denied]: permission denied: no removing',
      isError: true,
    });
  });

  it('knows which tools are read-only', () => {
    expect(['read', 'grep', 'glob', 'ls', 'todo'].every((name) => registry.isReadOnly(name))).toBe(true);
    expect(['write', 'edit', 'multi_edit', 'bash', 'nope'].some((name) => registry.isReadOnly(name))).toBe(false);
    expect(Object.fromEntries(builtinTools.map((tool) => [tool.name, tool.kind]))).toEqual({
      read: 'read',
      grep: 'read',
      glob: 'read',
      ls: 'read',
      edit: 'write',
      multi_edit: 'write',
      write: 'write',
      bash: 'exec',
      todo: 'read',
    });
  });

  it('refuses two tools with one name', () => {
    expect(() => createToolRegistry([echo, echo])).toThrow('two tools are named "echo"');
  });
});

describe('truncateOutput', () => {
  it('leaves short text alone', () => {
    expect(truncateOutput('short', 100)).toBe('short');
  });
});

describe('todo', () => {
  it('replaces the plan, reports it and renders a checklist', async () => {
    const items = [
      { content: 'read the code', status: 'completed' },
      { content: 'fix the bug', status: 'in_progress' },
      { content: 'run the tests', status: 'pending' },
    ] as const;
    const result = await registry.execute({ id: '1', name: 'todo', input: { items } }, ctx);
    expect(result).toEqual({ output: '[x] read the code\n[~] fix the bug\n[ ] run the tests\n(1/3 completed)', isError: false });
    expect(ctx.updates).toEqual([{ type: 'todo', items }]);
  });
});

describe('tool definitions', () => {
  it('keep descriptions and schemas lean (well under 2,500 tokens in all)', () => {
    const payload = builtinTools.map((tool) => JSON.stringify({ name: tool.name, description: tool.description, parameters: z.toJSONSchema(tool.input) }));
    const approximateTokens = Math.ceil(payload.join('').length / 4);
    expect(approximateTokens).toBeLessThan(2000);
    for (const tool of builtinTools) {
      const words = tool.description.split(/\s+/).length;
      expect(words, tool.name).toBeLessThan(130);
      expect(tool.description).not.toMatch(/You are/);
    }
  });
});
