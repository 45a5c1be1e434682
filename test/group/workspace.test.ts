// Attempt workspaces: the user's uncommitted work carried in, dependencies linked not copied, the
// diff limited to the attempt's own change, advantages and ranking.
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { attemptDiff, compareAttempts, createAttemptWorkspace, groupAdvantages, pruneWorktrees, removeAttemptWorkspace, snapshotSource, type AttemptResult } from '../../src/group/index.js';
import { git, makeRepo, write } from './helpers.js';

describe('attempt workspaces', () => {
  it('start from HEAD plus staged, unstaged and untracked changes, in the same sub-folder', async () => {
    const repo = makeRepo({ '.gitignore': 'node_modules/\n', 'pkg/a.txt': 'a\n', 'pkg/gone.txt': 'bye\n', 'root.txt': 'r\n' });
    write(repo, { 'pkg/a.txt': 'a edited\n', 'pkg/new.txt': 'untracked\n', 'root.txt': 'staged\n', 'node_modules/dep/index.js': 'x' });
    git(repo, ['add', 'root.txt']);
    git(repo, ['rm', '-q', 'pkg/gone.txt']);
    const source = await snapshotSource(path.join(repo, 'pkg'));
    expect(source).toMatchObject({ isGit: true, subdir: 'pkg', untracked: ['pkg/new.txt'], links: ['node_modules'] });

    const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'summon-wt-')), 'attempt-1');
    const attempt = await createAttemptWorkspace(source, dir);
    expect(attempt.workspace).toBe(path.join(attempt.root, 'pkg'));
    expect(readFileSync(path.join(attempt.workspace, 'a.txt'), 'utf8')).toBe('a edited\n');
    expect(readFileSync(path.join(attempt.workspace, 'new.txt'), 'utf8')).toBe('untracked\n');
    expect(readFileSync(path.join(attempt.root, 'root.txt'), 'utf8')).toBe('staged\n');
    expect(existsSync(path.join(attempt.workspace, 'gone.txt'))).toBe(false);
    expect(lstatSync(path.join(attempt.root, 'node_modules')).isSymbolicLink()).toBe(true);
    expect(await attemptDiff(source, attempt)).toEqual({ patch: '', lines: 0, files: [] });

    writeFileSync(path.join(attempt.workspace, 'a.txt'), 'a edited\nand more\n');
    mkdirSync(path.join(attempt.workspace, 'lib'));
    writeFileSync(path.join(attempt.workspace, 'lib', 'b.txt'), 'b\n');
    const diff = await attemptDiff(source, attempt);
    expect(diff.files).toEqual(['pkg/a.txt', 'pkg/lib/b.txt']);
    expect(diff.lines).toBe(2);

    await removeAttemptWorkspace(dir);
    await pruneWorktrees(source);
    expect(git(repo, ['worktree', 'list']).trim().split('\n')).toHaveLength(1);
    // The user's repository is untouched: same status as before.
    expect(git(repo, ['status', '--porcelain']).split('\n').filter(Boolean).sort()).toEqual(['?? pkg/new.txt', 'D  pkg/gone.txt', 'M  root.txt', ' M pkg/a.txt'].sort());
  });
});

describe('advantages and ranking', () => {
  it('GRPO normalises by the group std; Dr. GRPO only centres; equal rewards give 0', () => {
    const grpo = groupAdvantages([1, 0, 0, 0]);
    expect(grpo[0]).toBeCloseTo(0.75 / (Math.sqrt(0.1875) + 1e-4));
    expect(grpo.reduce((a, b) => a + b, 0)).toBeCloseTo(0);
    expect(groupAdvantages([1, 0, 0, 0], 'dr-grpo')).toEqual([0.75, -0.25, -0.25, -0.25]);
    expect(groupAdvantages([0.5, 0.5])).toEqual([0, 0]);
    expect(groupAdvantages([])).toEqual([]);
  });

  it('orders by reward, then smaller diff, then fewer tokens, then attempt index', () => {
    const attempt = (index: number, reward: number, lines: number, tokens: number) => ({ index, reward, tokens, diff: { lines, patch: '', files: [] } }) as unknown as AttemptResult;
    const sorted = [attempt(1, 0.5, 1, 1), attempt(2, 1, 9, 1), attempt(3, 1, 3, 500), attempt(4, 1, 3, 100), attempt(5, 1, 3, 100)].sort(compareAttempts);
    expect(sorted.map((a) => a.index)).toEqual([4, 5, 3, 2, 1]);
  });
});
