import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createToolRegistry, editTool, multiEditTool } from '../../src/tools/index.js';
import { makeContext, makeWorkspace, removeWorkspace, type TestContext } from './helpers.js';

const registry = createToolRegistry([editTool, multiEditTool]);
let workspace: string;
let ctx: TestContext;
beforeEach(async () => {
  workspace = await makeWorkspace({
    'src/math.ts': ['export function add(a: number, b: number): number {', '  return a + b;', '}', '', 'export const answer = 42;', ''].join('\n'),
    'src/repeat.ts': 'log();\nwork();\nlog();\nlog();\n',
    'src/other.ts': 'import { add } from "./math";\nadd(1, 2);\n',
  });
  ctx = makeContext(workspace);
});
afterEach(() => removeWorkspace(workspace));

const run = (name: string, input: unknown) => registry.execute({ id: 'call', name, input }, ctx);
const read = (file: string) => fs.readFile(path.join(workspace, file), 'utf8');

describe('edit', () => {
  it('replaces a unique match, reports the change and shows the edited region', async () => {
    const result = await run('edit', { path: 'src/math.ts', old_string: '  return a + b;', new_string: '  return a + b + 0;' });
    expect(result.isError).toBe(false);
    expect(result.output).toContain('edited src/math.ts: replaced 1 occurrence');
    expect(result.output).toContain('     2\t  return a + b + 0;');
    expect(await read('src/math.ts')).toContain('  return a + b + 0;\n}');
    expect(ctx.updates).toEqual([{ type: 'file-changed', path: 'src/math.ts' }]);
    expect((await fs.readdir(path.join(workspace, 'src'))).sort()).toEqual(['math.ts', 'other.ts', 'repeat.ts']);
  });

  it('refuses a match that is not unique, saying how many and what to do', async () => {
    const result = await run('edit', { path: 'src/repeat.ts', old_string: 'log();', new_string: 'trace();' });
    expect(result.isError).toBe(true);
    expect(result.output).toContain('old_string matches 3 places in src/repeat.ts (lines 1, 3, 4)');
    expect(result.output).toContain('replace_all');
    expect(await read('src/repeat.ts')).toBe('log();\nwork();\nlog();\nlog();\n');
  });

  it('replaces every match with replace_all, literally (no $ patterns)', async () => {
    const result = await run('edit', { path: 'src/repeat.ts', old_string: 'log();', new_string: "trace('$&');", replace_all: true });
    expect(result.output).toBe('edited src/repeat.ts: replaced 3 occurrences');
    expect(await read('src/repeat.ts')).toBe("trace('$&');\nwork();\ntrace('$&');\ntrace('$&');\n");
  });

  it('shows the closest region with line numbers when old_string is not found', async () => {
    const result = await run('edit', {
      path: 'src/math.ts',
      old_string: 'export function add(a: number, b: number) {\n  return a - b;\n}',
      new_string: 'x',
    });
    expect(result.isError).toBe(true);
    expect(result.output).toContain('old_string was not found in src/math.ts. Closest match, lines 1-3');
    expect(result.output).toContain('     1\texport function add(a: number, b: number): number {');
    expect(result.output).toContain('     2\t  return a + b;');
  });

  it('finds the closest region in a large file quickly', async () => {
    const body = Array.from({ length: 30_000 }, (_, i) => `  const value${i} = compute(${i}, 'item-${i}');`);
    await fs.writeFile(path.join(workspace, 'large.ts'), body.join('\n'));
    const wanted = body.slice(20_000, 20_050).map((line) => line.replace('compute', 'calculate')).join('\n');
    const started = Date.now();
    const result = await run('edit', { path: 'large.ts', old_string: wanted, new_string: 'x' });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(result.output).toContain('Closest match, lines 20001-20050');
  });

  it('says when the only difference is whitespace', async () => {
    const result = await run('edit', { path: 'src/math.ts', old_string: '    return a  +  b;', new_string: 'x' });
    expect(result.output).toContain('Closest match, lines 2-2 (differs only in whitespace)');
  });

  it('matches \\n edits against \\r\\n files', async () => {
    await fs.writeFile(path.join(workspace, 'win.txt'), 'one\r\ntwo\r\nthree\r\n');
    const result = await run('edit', { path: 'win.txt', old_string: 'one\ntwo', new_string: 'uno\ndos' });
    expect(result.isError).toBe(false);
    expect(await read('win.txt')).toBe('uno\r\ndos\r\nthree\r\n');
  });

  it('refuses identical strings, empty old_string and missing files', async () => {
    expect((await run('edit', { path: 'src/math.ts', old_string: 'a', new_string: 'a' })).output).toContain('identical');
    expect((await run('edit', { path: 'src/math.ts', old_string: '', new_string: 'a' })).output).toContain('old_string is empty');
    expect((await run('edit', { path: 'nope.ts', old_string: 'a', new_string: 'b' })).output).toContain('file not found: nope.ts');
    expect(ctx.updates).toEqual([]);
  });
});

describe('multi_edit', () => {
  it('applies edits in order across files and reports each changed file', async () => {
    const result = await run('multi_edit', {
      edits: [
        { path: 'src/math.ts', old_string: 'export function add(', new_string: 'export function sum(' },
        { path: 'src/other.ts', old_string: 'add', new_string: 'sum', replace_all: true },
        { path: 'src/math.ts', old_string: 'function sum(a: number', new_string: 'function sum(first: number' },
      ],
    });
    expect(result).toEqual({ output: 'applied 3 edits to 2 files:\n  src/math.ts: 2 replacements\n  src/other.ts: 2 replacements', isError: false });
    expect(await read('src/math.ts')).toContain('export function sum(first: number, b: number)');
    expect(await read('src/other.ts')).toBe('import { sum } from "./math";\nsum(1, 2);\n');
    expect(ctx.updates).toEqual([
      { type: 'file-changed', path: 'src/math.ts' },
      { type: 'file-changed', path: 'src/other.ts' },
    ]);
  });

  it('is all or nothing: when the second edit fails, the first file is unchanged', async () => {
    const before = await read('src/math.ts');
    const result = await run('multi_edit', {
      edits: [
        { path: 'src/math.ts', old_string: 'answer = 42', new_string: 'answer = 43' },
        { path: 'src/other.ts', old_string: 'does not exist', new_string: 'x' },
      ],
    });
    expect(result.isError).toBe(true);
    expect(result.output).toContain('edit 2 of 2 (src/other.ts) failed, so no file was changed: old_string was not found in src/other.ts');
    expect(await read('src/math.ts')).toBe(before);
    expect(ctx.updates).toEqual([]);
  });

  it('names an edit made ambiguous by an earlier one', async () => {
    const result = await run('multi_edit', {
      edits: [
        { path: 'src/repeat.ts', old_string: 'work();', new_string: 'log();' },
        { path: 'src/repeat.ts', old_string: 'log();\nlog();', new_string: 'done();' },
      ],
    });
    expect(result.output).toContain('edit 2 of 2 (src/repeat.ts) failed');
    expect(result.output).toContain('matches 2 places');
    expect(await read('src/repeat.ts')).toBe('log();\nwork();\nlog();\nlog();\n');
  });

  it('rejects an empty edit list through validation', async () => {
    const result = await run('multi_edit', { edits: [] });
    expect(result.isError).toBe(true);
    expect(result.output).toContain('- edits:');
  });
});
