// gitHead reads HEAD from .git without starting git; it must agree with git in every layout.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { gitHead } from '../../src/context/git.js';
import { makeRepo, type TempRepo } from './helpers.js';

let repo: TempRepo | undefined;
afterEach(() => repo?.remove());

const revParse = (cwd: string): string => execFileSync('git', ['rev-parse', 'HEAD'], { cwd, encoding: 'utf8' }).trim();
const git = (cwd: string, ...args: string[]): void => void execFileSync('git', args, { cwd, stdio: 'ignore' });

describe('gitHead', () => {
  it('agrees with git: branch, packed refs, detached HEAD, linked worktree, no commits', async () => {
    repo = makeRepo();
    expect(await gitHead(repo.root)).toBeUndefined();
    repo.commit('one', { 'a.txt': 'a\n' });
    repo.commit('two', { 'a.txt': 'b\n' });
    expect(await gitHead(repo.root)).toBe(revParse(repo.root));
    git(repo.root, 'pack-refs', '--all');
    expect(await gitHead(repo.root)).toBe(revParse(repo.root));
    git(repo.root, 'checkout', '-q', '--detach', 'HEAD~1');
    expect(await gitHead(repo.root)).toBe(revParse(repo.root));
    const linked = path.join(path.dirname(repo.root), 'linked');
    git(repo.root, 'worktree', 'add', '-q', '-b', 'side', linked, 'main');
    expect(await gitHead(linked)).toBe(revParse(linked));
  });
});
