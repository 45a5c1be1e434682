import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SummonError } from '../../src/core/errors.js';
import { builtinTools, createToolRegistry, resolveInWorkspace } from '../../src/tools/index.js';
import { makeContext, makeWorkspace, removeWorkspace } from './helpers.js';

let workspace: string;
let outside: string;
beforeEach(async () => {
  workspace = await makeWorkspace({ 'src/a.ts': 'a\n' });
  outside = await makeWorkspace({ 'secret.txt': 'secret\n' });
});
afterEach(async () => {
  await removeWorkspace(workspace);
  await removeWorkspace(outside);
});

async function refusal(p: string): Promise<SummonError> {
  const error: unknown = await resolveInWorkspace(workspace, p).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(SummonError);
  return error as SummonError;
}

describe('resolveInWorkspace', () => {
  it('accepts relative and absolute paths inside, existing or not', async () => {
    expect(await resolveInWorkspace(workspace, 'src/a.ts')).toBe(path.join(workspace, 'src/a.ts'));
    expect(await resolveInWorkspace(workspace, path.join(workspace, 'src/a.ts'))).toBe(path.join(workspace, 'src/a.ts'));
    expect(await resolveInWorkspace(workspace, 'new/dir/file.ts')).toBe(path.join(workspace, 'new/dir/file.ts'));
    expect(await resolveInWorkspace(workspace, 'src/../b.ts')).toBe(path.join(workspace, 'b.ts'));
    expect(await resolveInWorkspace(workspace, '.')).toBe(workspace);
  });

  it('refuses ".." escapes with a clear message', async () => {
    const error = await refusal('../x');
    expect(error.code).toBe('path-outside-workspace');
    expect(error.message).toBe(`path "../x" is outside the workspace ${workspace}; use a path inside it`);
  });

  it('refuses absolute paths outside', async () => {
    expect((await refusal(path.join(outside, 'secret.txt'))).code).toBe('path-outside-workspace');
    expect((await refusal('/etc/passwd')).code).toBe('path-outside-workspace');
    expect((await refusal(os.tmpdir())).code).toBe('path-outside-workspace');
  });

  it('refuses symlinks that point outside, to files, folders and not-yet-existing targets', async () => {
    await fs.symlink(path.join(outside, 'secret.txt'), path.join(workspace, 'link.txt'));
    await fs.symlink(outside, path.join(workspace, 'linkdir'));
    await fs.symlink(path.join(outside, 'missing.txt'), path.join(workspace, 'dangling.txt'));
    expect((await refusal('link.txt')).code).toBe('path-outside-workspace');
    expect((await refusal('linkdir/secret.txt')).code).toBe('path-outside-workspace');
    expect((await refusal('linkdir/new/file.txt')).code).toBe('path-outside-workspace');
    expect((await refusal('dangling.txt')).code).toBe('path-outside-workspace');
  });

  it('allows symlinks that stay inside', async () => {
    await fs.symlink(path.join(workspace, 'src'), path.join(workspace, 'alias'));
    expect(await resolveInWorkspace(workspace, 'alias/a.ts')).toBe(path.join(workspace, 'src/a.ts'));
  });

  it('makes every file tool refuse, as an error result, without touching the outside', async () => {
    await fs.symlink(outside, path.join(workspace, 'linkdir'));
    const registry = createToolRegistry(builtinTools);
    const ctx = makeContext(workspace);
    const calls = [
      { name: 'read', input: { path: '../secret.txt' } },
      { name: 'write', input: { path: path.join(outside, 'secret.txt'), content: 'pwned' } },
      { name: 'write', input: { path: 'linkdir/secret.txt', content: 'pwned' } },
      { name: 'edit', input: { path: 'linkdir/secret.txt', old_string: 'secret', new_string: 'pwned' } },
      { name: 'multi_edit', input: { edits: [{ path: 'linkdir/secret.txt', old_string: 'secret', new_string: 'pwned' }] } },
      { name: 'grep', input: { pattern: 'secret', path: '..' } },
      { name: 'glob', input: { pattern: '*', path: 'linkdir' } },
      { name: 'ls', input: { path: '/' } },
    ];
    for (const [index, call] of calls.entries()) {
      const result = await registry.execute({ id: String(index), ...call }, ctx);
      expect(result.isError, call.name).toBe(true);
      expect(result.output).toContain('path-outside-workspace');
    }
    expect(await fs.readFile(path.join(outside, 'secret.txt'), 'utf8')).toBe('secret\n');
    expect(ctx.updates).toEqual([]);
  });
});
