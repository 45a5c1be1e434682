// Lists workspace files the way git sees them: .gitignore respected, .git and node_modules always skipped.
import { promises as fs, type Dirent } from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { ToolContext } from '../core/tool.js';
import { displayPath } from './paths.js';

export const ALWAYS_SKIPPED = new Set(['.git', 'node_modules']);
/** Output cap for `git ls-files`; a bigger listing falls back to the walk. */
const GIT_LIST_MAX_BYTES = 64 * 1024 * 1024;

/** The .gitignore rules in force in one directory: its own file plus every ancestor's up to the workspace. */
export class IgnoreRules {
  private constructor(
    private readonly workspace: string,
    private readonly layers: readonly { base: string; rules: Ignore }[],
  ) {}

  /** Rules for `directory`, loading .gitignore files from the workspace root down to it. */
  static async forDirectory(workspace: string, directory: string): Promise<IgnoreRules> {
    let rules = new IgnoreRules(workspace, []);
    const relative = path.relative(workspace, directory);
    const segments = relative === '' ? [] : relative.split(path.sep);
    rules = await rules.enter(workspace);
    for (let depth = 1; depth <= segments.length; depth++) {
      rules = await rules.enter(path.join(workspace, ...segments.slice(0, depth)));
    }
    return rules;
  }

  /** The rules for a child directory (adds its .gitignore, if any). */
  async enter(directory: string): Promise<IgnoreRules> {
    const text = await fs.readFile(path.join(directory, '.gitignore'), 'utf8').catch(() => undefined);
    if (text === undefined) return this;
    return new IgnoreRules(this.workspace, [...this.layers, { base: directory, rules: ignore().add(text) }]);
  }

  ignores(absolute: string, isDirectory: boolean): boolean {
    if (ALWAYS_SKIPPED.has(path.basename(absolute))) return true;
    for (const layer of this.layers) {
      const relative = path.relative(layer.base, absolute);
      if (relative === '' || relative.startsWith('..')) continue;
      const posix = relative.split(path.sep).join('/');
      if (layer.rules.ignores(isDirectory ? `${posix}/` : posix)) return true;
    }
    return false;
  }
}

/** Directory entries sorted by name, symlinks left out (they may point anywhere). */
export async function readDirectory(directory: string): Promise<Dirent[]> {
  const entries = await fs.readdir(directory, { withFileTypes: true });
  return entries.filter((entry) => !entry.isSymbolicLink()).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Every non-ignored file under `start`, as workspace-relative forward-slash paths. */
export async function walkFiles(workspace: string, start: string, signal?: AbortSignal): Promise<string[]> {
  const files: string[] = [];
  const visit = async (directory: string, rules: IgnoreRules): Promise<void> => {
    signal?.throwIfAborted();
    const entries = await readDirectory(directory).catch(() => []);
    for (const entry of entries) {
      const absolute = path.join(directory, entry.name);
      const isDirectory = entry.isDirectory();
      if (rules.ignores(absolute, isDirectory)) continue;
      if (isDirectory) await visit(absolute, await rules.enter(absolute));
      else if (entry.isFile()) files.push(displayPath(workspace, absolute));
    }
  };
  await visit(start, await IgnoreRules.forDirectory(workspace, start));
  return files;
}

/**
 * Files under `start` (an absolute directory or file in the workspace), workspace-relative.
 * Asks git when the workspace is a repository (fast, and honours .git/info/exclude), else walks.
 */
export async function listFiles(ctx: ToolContext, start: string): Promise<string[]> {
  const stat = await fs.stat(start);
  if (!stat.isDirectory()) return [displayPath(ctx.workspace, start)];
  const fromGit = await gitListFiles(ctx, start);
  return fromGit ?? walkFiles(ctx.workspace, start, ctx.signal);
}

async function gitListFiles(ctx: ToolContext, start: string): Promise<string[] | undefined> {
  const relative = displayPath(ctx.workspace, start);
  const result = await ctx
    .spawn({
      command: 'git',
      args: ['-c', 'core.quotepath=off', 'ls-files', '-co', '--exclude-standard', '-z', '--', relative],
      cwd: ctx.workspace,
      timeoutMs: 30_000,
      maxOutputBytes: GIT_LIST_MAX_BYTES,
      signal: ctx.signal,
    })
    .catch(() => undefined);
  if (!result || result.exitCode !== 0 || result.droppedBytes > 0) return undefined;
  const files = new Set<string>();
  for (const file of result.stdout.split('\0')) {
    if (file === '' || file.split('/').some((segment) => ALWAYS_SKIPPED.has(segment))) continue;
    files.add(file);
  }
  // ls-files lists deleted-but-tracked files and nested repositories (as "dir/"); keep real files only.
  const existing = await Promise.all([...files].map(async (file) => ((await isFile(path.join(ctx.workspace, file))) ? file : undefined)));
  return existing.filter((file): file is string => file !== undefined).sort();
}

async function isFile(absolute: string): Promise<boolean> {
  const stat = await fs.lstat(absolute).catch(() => undefined);
  return stat?.isFile() ?? false;
}
