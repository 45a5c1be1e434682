// Isolated copies of the user's workspace, one per attempt. In a git repository: `git worktree add
// --detach` of HEAD, then the user's uncommitted work on top (`git diff HEAD --binary` applied, and
// untracked, non-ignored files copied), so every attempt starts from exactly what the user sees.
// Elsewhere: a plain copy, tracked by a private git directory kept outside the copy. Ignored
// dependency folders (node_modules, .venv, venv) are symlinked in, not copied. Each attempt's change
// is the diff between the tree written before the run and the tree after it.
import { copyFile, cp, mkdir, rm, stat, symlink } from 'node:fs/promises';
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { git, gitTopLevel } from './git.js';

export const DEFAULT_LINK_DIRS: readonly string[] = ['node_modules', '.venv', 'venv'];

export interface SourceSnapshot {
  /** The repository top folder (git) or the workspace itself. */
  root: string;
  /** The workspace relative to root ('' when they are the same). */
  subdir: string;
  isGit: boolean;
  /** `git diff HEAD --binary`: staged and unstaged changes to tracked files. */
  patch: string;
  /** Untracked, non-ignored files, relative to root. */
  untracked: string[];
  /** Dependency folders to symlink, relative to root. */
  links: string[];
}

export interface AttemptWorkspace {
  /** The attempt's copy of root. */
  root: string;
  /** Where the agent works: root + subdir. */
  workspace: string;
  /** Leading git arguments for this copy (a private git dir for non-git sources). */
  gitPrefix: string[];
  /** The tree before the run. */
  baseTree: string;
}

export interface AttemptDiff {
  patch: string;
  /** Lines added plus lines removed (a binary file counts as 1). */
  lines: number;
  files: string[];
}

export async function snapshotSource(workspace: string, linkDirs: readonly string[] = DEFAULT_LINK_DIRS): Promise<SourceSnapshot> {
  const real = realpathSync(workspace);
  const top = await gitTopLevel(real);
  const hasHead = top !== undefined && (await git(top, ['rev-parse', '--verify', '-q', 'HEAD']).then(() => true, () => false));
  const root = top && hasHead ? realpathSync(top) : real;
  const subdir = path.relative(root, real);
  const links = [...new Set([root, real])].flatMap((dir) => linkDirs.map((name) => path.relative(root, path.join(dir, name)))).filter((rel) => existsSync(path.join(root, rel)));
  if (!top || !hasHead) return { root, subdir, isGit: false, patch: '', untracked: [], links };
  const [patch, untrackedList] = await Promise.all([
    git(root, ['diff', 'HEAD', '--binary', '--no-color', '--no-ext-diff']),
    git(root, ['ls-files', '--others', '--exclude-standard', '-z']),
  ]);
  const untracked = untrackedList.split('\0').filter((file) => file !== '' && !links.some((link) => file === link || file.startsWith(`${link}/`)));
  return { root, subdir, isGit: true, patch, untracked, links };
}

/**
 * Creates the attempt's copy at `dir` (which must not exist) and records its starting tree. Every
 * attempt of a group starts from the same tree: pass the first attempt's `baseTree` to the others and
 * they skip hashing the whole workspace (`git add -A` right after a checkout re-reads every file).
 */
export async function createAttemptWorkspace(source: SourceSnapshot, dir: string, options: { baseTree?: string } = {}): Promise<AttemptWorkspace> {
  let gitPrefix: string[] = [];
  let root: string;
  if (source.isGit) {
    await git(source.root, ['worktree', 'add', '--detach', '--quiet', dir, 'HEAD']);
    root = realpathSync(dir);
    if (source.patch) await git(root, ['apply', '--binary', '--whitespace=nowarn', '-'], { input: source.patch });
    await copyUntracked(source, root);
  } else {
    root = path.join(dir, 'work');
    const skip = new Set(source.links.map((link) => path.join(source.root, link)));
    await cp(source.root, root, { recursive: true, verbatimSymlinks: true, filter: (from) => !skip.has(from) && path.basename(from) !== '.git' });
    root = realpathSync(root);
    gitPrefix = ['--git-dir', path.join(dir, 'git'), '--work-tree', root];
    await git(root, ['init', '--quiet'], { prefix: gitPrefix });
  }
  for (const link of source.links) {
    const target = path.join(root, link);
    if (!existsSync(target)) await symlink(path.join(source.root, link), target, 'dir');
  }
  const base = { root, workspace: path.join(root, source.subdir), gitPrefix, baseTree: '' };
  // A copy has its own private object store: a tree from another attempt means nothing there.
  const shared = source.isGit ? options.baseTree : undefined;
  return { ...base, baseTree: shared ?? (await writeTree(source, base)) };
}

/** The attempt's change since its starting tree. */
export async function attemptDiff(source: SourceSnapshot, attempt: AttemptWorkspace): Promise<AttemptDiff> {
  const after = await writeTree(source, attempt);
  if (after === attempt.baseTree) return { patch: '', lines: 0, files: [] };
  const options = { prefix: attempt.gitPrefix };
  const [patch, numstat] = await Promise.all([
    git(attempt.root, ['diff', '--binary', '--no-color', '--no-ext-diff', '--no-renames', attempt.baseTree, after], options),
    git(attempt.root, ['diff', '--numstat', '-z', '--no-renames', attempt.baseTree, after], options),
  ]);
  let lines = 0;
  const files: string[] = [];
  for (const entry of numstat.split('\0')) {
    const match = /^(\d+|-)\t(\d+|-)\t(.*)$/.exec(entry);
    if (!match) continue;
    lines += match[1] === '-' ? 1 : Number(match[1]) + Number(match[2]);
    files.push(match[3]!);
  }
  return { patch, lines, files };
}

/** Removes the attempt's folder; `pruneWorktrees` then drops git's record of it. */
export async function removeAttemptWorkspace(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true, maxRetries: 3 });
}

export async function pruneWorktrees(source: SourceSnapshot): Promise<void> {
  if (source.isGit) await git(source.root, ['worktree', 'prune']);
}

/** Applies a patch to the user's workspace; throws with git's reason when it does not apply cleanly. */
export async function applyToSource(source: SourceSnapshot, patch: string): Promise<void> {
  if (patch === '') return;
  await git(source.root, ['apply', '--check', '--binary', '-'], { input: patch });
  await git(source.root, ['apply', '--binary', '-'], { input: patch });
}

async function writeTree(source: SourceSnapshot, attempt: Pick<AttemptWorkspace, 'root' | 'gitPrefix'>): Promise<string> {
  await git(attempt.root, ['add', '-A'], { prefix: attempt.gitPrefix });
  // Symlinked dependency folders stay out of the tree: `node_modules/` in .gitignore does not match a
  // symlink, and an exclude pathspec naming an ignored path makes `git add` fail.
  if (source.links.length > 0) await git(attempt.root, ['rm', '-r', '-q', '--cached', '--ignore-unmatch', '--', ...source.links], { prefix: attempt.gitPrefix });
  return (await git(attempt.root, ['write-tree'], { prefix: attempt.gitPrefix })).trim();
}

async function copyUntracked(source: SourceSnapshot, root: string): Promise<void> {
  const made = new Set<string>();
  for (const file of source.untracked) {
    const from = path.join(source.root, file);
    const info = await stat(from).catch(() => undefined);
    if (!info?.isFile()) continue;
    const to = path.join(root, file);
    const parent = path.dirname(to);
    if (!made.has(parent)) {
      await mkdir(parent, { recursive: true });
      made.add(parent);
    }
    await copyFile(from, to);
  }
}
