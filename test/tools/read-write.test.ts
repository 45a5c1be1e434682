import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createToolRegistry, readTool, writeFileAtomic, writeTool } from '../../src/tools/index.js';
import { makeContext, makeWorkspace, removeWorkspace, type TestContext } from './helpers.js';

const registry = createToolRegistry([readTool, writeTool]);
let workspace: string;
let ctx: TestContext;
beforeEach(async () => {
  workspace = await makeWorkspace();
  ctx = makeContext(workspace);
});
afterEach(() => removeWorkspace(workspace));

const run = (name: string, input: unknown) => registry.execute({ id: 'call', name, input }, ctx);
const lines = (count: number, make = (n: number) => `line ${n}`) => Array.from({ length: count }, (_, i) => make(i + 1)).join('\n') + '\n';

describe('read', () => {
  it('numbers lines like cat -n', async () => {
    await fs.writeFile(path.join(workspace, 'a.ts'), 'const a = 1;\n\tindented\n');
    const result = await run('read', { path: 'a.ts' });
    expect(result).toEqual({ output: '     1\tconst a = 1;\n     2\t\tindented', isError: false });
  });

  it('reads a window with offset and limit, and says how to continue', async () => {
    await fs.writeFile(path.join(workspace, 'big.txt'), lines(50));
    const result = await run('read', { path: 'big.txt', offset: 10, limit: 5 });
    expect(result.output).toBe(
      ['    10\tline 10', '    11\tline 11', '    12\tline 12', '    13\tline 13', '    14\tline 14'].join('\n') +
        '\n\n(showing lines 10-14 of 50; use offset=15 to see more)',
    );
  });

  it('defaults to 2000 lines', async () => {
    await fs.writeFile(path.join(workspace, 'huge.txt'), lines(2500, () => 'x'));
    const result = await run('read', { path: 'huge.txt' });
    expect(result.output).toContain('  2000\tx');
    expect(result.output).not.toContain('  2001\tx');
    expect(result.output).toContain('(showing lines 1-2000 of 2500; use offset=2001 to see more)');
  });

  it('cuts very long lines', async () => {
    await fs.writeFile(path.join(workspace, 'min.js'), 'y'.repeat(10_000));
    const result = await run('read', { path: 'min.js' });
    expect(result.output.length).toBeLessThan(2100);
    expect(result.output).toContain('[line cut at 2000 chars]');
  });

  it('stops before the output cap rather than being cut in the middle', async () => {
    await fs.writeFile(path.join(workspace, 'wide.txt'), lines(1000, (n) => `${n} ${'w'.repeat(100)}`));
    const result = await registry.execute({ id: 'c', name: 'read', input: { path: 'wide.txt' } }, { ...ctx, maxOutputChars: 5000 });
    expect(result.output.length).toBeLessThanOrEqual(5000);
    expect(result.output).toMatch(/\(showing lines 1-\d+ of 1000; use offset=\d+ to see more\)$/);
  });

  it('refuses binary files, directories, missing files and offsets past the end', async () => {
    await fs.writeFile(path.join(workspace, 'bin.dat'), Buffer.from([1, 2, 0, 3, 4]));
    await fs.mkdir(path.join(workspace, 'dir'));
    await fs.writeFile(path.join(workspace, 'short.txt'), 'one\n');
    const binary = await run('read', { path: 'bin.dat' });
    expect(binary.isError).toBe(true);
    expect(binary.output).toContain('binary file, 5 bytes');
    const directory = await run('read', { path: 'dir' });
    expect(directory.isError).toBe(true);
    expect(directory.output).toContain('use ls');
    const missing = await run('read', { path: 'nope.txt' });
    expect(missing).toMatchObject({ isError: true, output: expect.stringContaining('file not found: nope.txt') });
    const past = await run('read', { path: 'short.txt', offset: 5 });
    expect(past).toMatchObject({ isError: true, output: expect.stringContaining('past the end of the file (1 lines)') });
  });

  it('refuses a file too big to read whole, pointing to bash', async () => {
    const file = path.join(workspace, 'huge.log');
    // A sparse file: 300 MB on paper, no disk used.
    const handle = await fs.open(file, 'w');
    await handle.truncate(300 * 1_048_576);
    await handle.close();
    const result = await run('read', { path: 'huge.log' });
    expect(result).toMatchObject({ isError: true, output: expect.stringMatching(/huge\.log is 300 MB, more than read takes whole[\s\S]*sed -n/) });
  });

  it('says when a file is empty', async () => {
    await fs.writeFile(path.join(workspace, 'empty.txt'), '');
    expect((await run('read', { path: 'empty.txt' })).output).toBe('(empty file)');
  });
});

describe('write', () => {
  it('creates files with parent folders and reports the change', async () => {
    const result = await run('write', { path: 'deep/er/new.ts', content: 'one\ntwo\n' });
    expect(result).toEqual({ output: 'created deep/er/new.ts (2 lines, 8 bytes)', isError: false });
    expect(await fs.readFile(path.join(workspace, 'deep/er/new.ts'), 'utf8')).toBe('one\ntwo\n');
    expect(ctx.updates).toEqual([{ type: 'file-changed', path: 'deep/er/new.ts' }]);
  });

  it('overwrites, keeps the file mode and leaves no temp files', async () => {
    const file = path.join(workspace, 'run.sh');
    await fs.writeFile(file, 'old');
    await fs.chmod(file, 0o755);
    const result = await run('write', { path: path.join(workspace, 'run.sh'), content: '#!/bin/sh\necho hi\n' });
    expect(result.output).toBe('overwrote run.sh (2 lines, 18 bytes)');
    expect((await fs.stat(file)).mode & 0o777).toBe(0o755);
    expect(await fs.readdir(workspace)).toEqual(['run.sh']);
  });

  it('refuses to replace a directory', async () => {
    await fs.mkdir(path.join(workspace, 'dir'));
    const result = await run('write', { path: 'dir', content: 'x' });
    expect(result.isError).toBe(true);
    expect(result.output).toContain('dir is a directory');
  });
});

describe('writeFileAtomic', () => {
  it('replaces content whole and cleans up its temp file when the rename fails', async () => {
    const target = path.join(workspace, 'target');
    await writeFileAtomic(target, 'first');
    await writeFileAtomic(target, 'second');
    expect(await fs.readFile(target, 'utf8')).toBe('second');
    await fs.mkdir(path.join(workspace, 'busy'));
    await fs.writeFile(path.join(workspace, 'busy', 'inside'), 'x');
    await expect(writeFileAtomic(path.join(workspace, 'busy'), 'data')).rejects.toThrow();
    expect((await fs.readdir(workspace)).sort()).toEqual(['busy', 'target']);
  });

  it('never exposes a partly written file to concurrent readers', async () => {
    const target = path.join(workspace, 'file');
    const big = (char: string) => char.repeat(500_000);
    await writeFileAtomic(target, big('a'));
    const writes = Promise.all([writeFileAtomic(target, big('b')), writeFileAtomic(target, big('c'))]);
    const seen = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const content = await fs.readFile(target, 'utf8');
      seen.add(`${content.length}:${new Set(content).size}`);
    }
    await writes;
    expect([...seen].every((entry) => entry === '500000:1')).toBe(true);
    expect(await fs.readdir(workspace)).toEqual(['file']);
  });
});
