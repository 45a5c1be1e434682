import { createReadStream, existsSync, promises as fs, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createRealFileSystem,
  createToolRegistry,
  editTool,
  multiEditTool,
  readTool,
  writeTool,
  type BeforeFileChange,
  type FileChange,
  type FileStat,
  type FileSystemPort,
} from '../../src/tools/index.js';
import { makeContext, makeWorkspace, removeWorkspace, type TestContext } from './helpers.js';

const registry = createToolRegistry([readTool, writeTool, editTool, multiEditTool]);
let workspace: string;
beforeEach(async () => {
  workspace = await makeWorkspace({ 'a.txt': 'alpha\n', 'src/b.ts': 'const b = 1;\n', 'src/c.ts': 'const c = 2;\n' });
});
afterEach(() => removeWorkspace(workspace));

const bytes = (text: string) => new Uint8Array(Buffer.from(text));
const text = (content: Uint8Array | undefined) => (content === undefined ? undefined : Buffer.from(content).toString('utf8'));
const onDisk = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8') : undefined);

/** A context whose port records each announcement together with what the disk held at that moment. */
function recordingContext(beforeChange?: BeforeFileChange): { ctx: TestContext; seen: { change: FileChange; diskThen: string | undefined }[] } {
  const seen: { change: FileChange; diskThen: string | undefined }[] = [];
  const port = createRealFileSystem({
    beforeChange: async (change) => {
      seen.push({ change, diskThen: onDisk(change.path) });
      await beforeChange?.(change);
    },
  });
  return { ctx: makeContext(workspace, { fs: port }), seen };
}

describe('the tools announce changes through ctx.fs before making them', () => {
  it('write of a new file announces it with no prior content, before the file exists', async () => {
    const { ctx, seen } = recordingContext();
    const result = await registry.execute({ id: '1', name: 'write', input: { path: 'new/file.ts', content: 'x\n' } }, ctx);
    expect(result).toEqual({ output: 'created new/file.ts (1 lines, 2 bytes)', isError: false });
    const file = path.join(workspace, 'new/file.ts');
    expect(seen).toEqual([{ change: { kind: 'write', path: file, prior: undefined }, diskThen: undefined }]);
    expect(onDisk(file)).toBe('x\n');
  });

  it('edit of an existing file announces its old bytes while the disk still holds them', async () => {
    const { ctx, seen } = recordingContext();
    const result = await registry.execute({ id: '1', name: 'edit', input: { path: 'a.txt', old_string: 'alpha', new_string: 'beta' } }, ctx);
    expect(result.isError).toBe(false);
    const file = path.join(workspace, 'a.txt');
    expect(seen).toHaveLength(1);
    expect(seen[0]?.change).toMatchObject({ kind: 'write', path: file });
    expect(text(seen[0]?.change.prior)).toBe('alpha\n');
    expect(seen[0]?.diskThen).toBe('alpha\n');
    expect(onDisk(file)).toBe('beta\n');
    expect(ctx.updates).toEqual([{ type: 'file-changed', path: 'a.txt' }]);
  });

  it('multi_edit announces each file it changes, with that file\'s prior content', async () => {
    const { ctx, seen } = recordingContext();
    const result = await registry.execute(
      {
        id: '1',
        name: 'multi_edit',
        input: {
          edits: [
            { path: 'src/b.ts', old_string: 'b = 1', new_string: 'b = 10' },
            { path: 'src/c.ts', old_string: 'c = 2', new_string: 'c = 20' },
            { path: 'src/b.ts', old_string: 'const b', new_string: 'let b' },
          ],
        },
      },
      ctx,
    );
    expect(result.isError).toBe(false);
    expect(seen.map(({ change }) => [change.kind, path.relative(workspace, change.path), text(change.prior)])).toEqual([
      ['write', 'src/b.ts', 'const b = 1;\n'],
      ['write', 'src/c.ts', 'const c = 2;\n'],
    ]);
    expect(seen.map(({ diskThen }) => diskThen)).toEqual(['const b = 1;\n', 'const c = 2;\n']);
    expect(onDisk(path.join(workspace, 'src/b.ts'))).toBe('let b = 10;\n');
  });

  it('multi_edit rolls back through the port too, announcing the restoring write', async () => {
    const cFile = path.join(workspace, 'src/c.ts');
    const { ctx, seen } = recordingContext((change) => {
      if (change.path === cFile) throw new Error('checkpoint store is full');
    });
    const result = await registry.execute(
      {
        id: '1',
        name: 'multi_edit',
        input: {
          edits: [
            { path: 'src/b.ts', old_string: 'b = 1', new_string: 'b = 10' },
            { path: 'src/c.ts', old_string: 'c = 2', new_string: 'c = 20' },
          ],
        },
      },
      ctx,
    );
    expect(result.isError).toBe(true);
    expect(result.output).toContain('writing src/c.ts failed, so no file was changed: checkpoint store is full');
    expect(seen.map(({ change }) => [path.relative(workspace, change.path), text(change.prior)])).toEqual([
      ['src/b.ts', 'const b = 1;\n'],
      ['src/c.ts', 'const c = 2;\n'],
      ['src/b.ts', 'const b = 10;\n'],
    ]);
    expect(onDisk(path.join(workspace, 'src/b.ts'))).toBe('const b = 1;\n');
    expect(onDisk(cFile)).toBe('const c = 2;\n');
    expect(ctx.updates).toEqual([]);
  });

  it('a beforeChange that throws stops the change and the tool returns an error', async () => {
    const { ctx, seen } = recordingContext(() => {
      throw new Error('refused by the checkpoint');
    });
    const edit = await registry.execute({ id: '1', name: 'edit', input: { path: 'a.txt', old_string: 'alpha', new_string: 'beta' } }, ctx);
    expect(edit).toEqual({ output: 'error [tool-failed]: refused by the checkpoint', isError: true });
    expect(onDisk(path.join(workspace, 'a.txt'))).toBe('alpha\n');
    const write = await registry.execute({ id: '2', name: 'write', input: { path: 'fresh.txt', content: 'x' } }, ctx);
    expect(write).toEqual({ output: 'error [tool-failed]: refused by the checkpoint', isError: true });
    expect(existsSync(path.join(workspace, 'fresh.txt'))).toBe(false);
    expect(seen).toHaveLength(2);
    expect(ctx.updates).toEqual([]);
    expect((await fs.readdir(workspace)).sort()).toEqual(['a.txt', 'src']);
  });
});

describe('createRealFileSystem', () => {
  it('announces a rename with the content of both ends, before it happens', async () => {
    const seen: { change: FileChange; from: string | undefined; to: string | undefined }[] = [];
    const port = createRealFileSystem({ beforeChange: (change) => void seen.push({ change, from: onDisk(change.path), to: change.to && onDisk(change.to) }) });
    const from = path.join(workspace, 'src/b.ts');
    const to = path.join(workspace, 'src/c.ts');
    await port.rename(from, to);
    expect(seen).toHaveLength(1);
    const [{ change, from: fromThen, to: toThen } = { change: undefined, from: undefined, to: undefined }] = seen;
    expect(change).toMatchObject({ kind: 'rename', path: from, to });
    expect(text(change?.prior)).toBe('const b = 1;\n');
    expect(text(change?.priorAtTarget)).toBe('const c = 2;\n');
    expect([fromThen, toThen]).toEqual(['const b = 1;\n', 'const c = 2;\n']);
    expect([onDisk(from), onDisk(to)]).toEqual([undefined, 'const b = 1;\n']);

    await port.rename(to, path.join(workspace, 'moved.ts'));
    expect(seen[1]?.change).toMatchObject({ kind: 'rename', priorAtTarget: undefined });
    expect('priorAtTarget' in (seen[1]?.change ?? {})).toBe(true);
  });

  it('announces a remove with the prior content, and a missing file is a silent no-op', async () => {
    const seen: { change: FileChange; diskThen: string | undefined }[] = [];
    const port = createRealFileSystem({ beforeChange: (change) => void seen.push({ change, diskThen: onDisk(change.path) }) });
    const file = path.join(workspace, 'a.txt');
    await port.remove(file);
    expect(seen.map(({ change }) => [change.kind, change.path, text(change.prior)])).toEqual([['remove', file, 'alpha\n']]);
    expect(seen[0]?.diskThen).toBe('alpha\n');
    expect(existsSync(file)).toBe(false);
    await port.remove(file);
    expect(seen).toHaveLength(1);
  });

  it('does not rename or remove when beforeChange throws', async () => {
    const port = createRealFileSystem({
      beforeChange: async () => {
        await Promise.resolve();
        throw new Error('no');
      },
    });
    const file = path.join(workspace, 'a.txt');
    await expect(port.rename(file, path.join(workspace, 'z.txt'))).rejects.toThrow('no');
    await expect(port.remove(file)).rejects.toThrow('no');
    await expect(port.writeFile(file, 'changed')).rejects.toThrow('no');
    expect(onDisk(file)).toBe('alpha\n');
    expect(existsSync(path.join(workspace, 'z.txt'))).toBe(false);
  });

  it('stats files and folders, undefined when missing, and reads errors like node', async () => {
    const port = createRealFileSystem();
    expect(await port.stat(path.join(workspace, 'a.txt'))).toMatchObject({ isFile: true, isDirectory: false, size: 6 });
    expect(await port.stat(path.join(workspace, 'src'))).toMatchObject({ isFile: false, isDirectory: true });
    expect(await port.stat(path.join(workspace, 'missing'))).toBeUndefined();
    await expect(port.readFile(path.join(workspace, 'missing'))).rejects.toMatchObject({ code: 'ENOENT' });
    await port.writeFile(path.join(workspace, 'deep/new.txt'), bytes('made'));
    expect(onDisk(path.join(workspace, 'deep/new.txt'))).toBe('made');
  });
});

/** A Map-backed filesystem: folders exist implicitly, as prefixes of file paths. */
function memoryFileSystem(files: Record<string, string>): FileSystemPort & { files: Map<string, Uint8Array> } {
  const store = new Map<string, Uint8Array>(Object.entries(files).map(([file, content]) => [file, bytes(content)]));
  const missing = (file: string) => Object.assign(new Error(`ENOENT: no such file or directory, open '${file}'`), { code: 'ENOENT' });
  const isFolder = (file: string) => [...store.keys()].some((key) => key.startsWith(`${file}/`));
  return {
    files: store,
    readFile: async (file) => {
      const content = store.get(file);
      if (content) return content;
      throw isFolder(file) ? Object.assign(new Error('EISDIR'), { code: 'EISDIR' }) : missing(file);
    },
    writeFile: async (file, content) => void store.set(file, typeof content === 'string' ? bytes(content) : content),
    rename: async (from, to) => {
      const content = store.get(from);
      if (!content) throw missing(from);
      store.delete(from);
      store.set(to, content);
    },
    remove: async (file) => void store.delete(file),
    stat: async (file): Promise<FileStat | undefined> => {
      const content = store.get(file);
      if (content) return { isFile: true, isDirectory: false, size: content.byteLength, mtimeMs: 0, mode: 0o100644 };
      return isFolder(file) ? { isFile: false, isDirectory: true, size: 0, mtimeMs: 0, mode: 0o40755 } : undefined;
    },
  };
}

describe('an in-memory port swapped into the context', () => {
  it('serves read, write, edit and multi_edit without touching the disk', async () => {
    const root = path.join(await fs.realpath(os.tmpdir()), `summon-memfs-${process.pid}-${Date.now()}`);
    const memory = memoryFileSystem({ [path.join(root, 'notes.md')]: 'one\ntwo\n', [path.join(root, 'lib/x.ts')]: 'let x = 1;\n' });
    const ctx = makeContext(root, { fs: memory });
    const run = (name: string, input: unknown) => registry.execute({ id: name, name, input }, ctx);

    expect(await run('read', { path: 'notes.md' })).toEqual({ output: '     1\tone\n     2\ttwo', isError: false });
    expect(await run('read', { path: 'lib' })).toMatchObject({ isError: true, output: expect.stringContaining('lib is a directory, not a file') });
    expect(await run('read', { path: 'gone.md' })).toMatchObject({ isError: true, output: expect.stringContaining('file not found: gone.md') });
    expect(await run('write', { path: 'out/new.txt', content: 'fresh\n' })).toEqual({ output: 'created out/new.txt (1 lines, 6 bytes)', isError: false });
    expect(await run('write', { path: 'notes.md', content: 'uno\ndos\n' })).toMatchObject({ output: 'overwrote notes.md (2 lines, 8 bytes)' });
    expect(await run('edit', { path: 'notes.md', old_string: 'dos', new_string: 'tres' })).toMatchObject({ isError: false });
    expect(await run('edit', { path: 'gone.md', old_string: 'a', new_string: 'b' })).toMatchObject({ isError: true, output: expect.stringContaining('file not found: gone.md') });
    expect(await run('multi_edit', { edits: [{ path: 'lib/x.ts', old_string: '1', new_string: '2' }] })).toMatchObject({ isError: false });
    expect(await run('read', { path: 'notes.md' })).toEqual({ output: '     1\tuno\n     2\ttres', isError: false });

    expect(text(memory.files.get(path.join(root, 'out/new.txt')))).toBe('fresh\n');
    expect(text(memory.files.get(path.join(root, 'lib/x.ts')))).toBe('let x = 2;\n');
    expect(ctx.updates.map((update) => update.type === 'file-changed' && update.path)).toEqual(['out/new.txt', 'notes.md', 'notes.md', 'lib/x.ts']);
    expect(existsSync(root)).toBe(false);
  });
});

describe('read splits lines as node readline does', () => {
  const cases: Record<string, string | Buffer> = {
    crlf: 'one\r\ntwo\r\n',
    'lone cr': 'one\rtwo\r',
    mixed: 'a\r\n\r\nb\n\rc',
    'no final newline': 'x\ny',
    'only newlines': '\n\n\n',
    utf8: 'héllo ✓\n😀 end\n',
    'invalid utf8': Buffer.from([0x61, 0xc3, 0x0a, 0xe2, 0x82, 0x62, 0x0a]),
    bom: '\ufeffstart\n',
  };
  for (const [name, content] of Object.entries(cases)) {
    it(name, async () => {
      const file = path.join(workspace, 'lines.txt');
      await fs.writeFile(file, content);
      const expected: string[] = [];
      for await (const line of createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity })) expected.push(line);
      const result = await registry.execute({ id: '1', name: 'read', input: { path: 'lines.txt' } }, makeContext(workspace));
      expect(result).toEqual({ output: expected.map((line, index) => `${String(index + 1).padStart(6)}\t${line}`).join('\n'), isError: false });
    });
  }
});
