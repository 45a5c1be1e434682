// Resolves model-supplied paths and refuses any that escape the workspace, symlinks included.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { SummonError } from '../core/errors.js';
import { errnoCode } from './fs-errors.js';

const MAX_SYMLINK_HOPS = 40;

/**
 * The real location of `p` (relative to the workspace, or absolute), which may not exist yet.
 * Throws SummonError 'path-outside-workspace' when it resolves outside the workspace.
 */
export async function resolveInWorkspace(workspace: string, p: string): Promise<string> {
  const root = await realpathAllowMissing(path.resolve(workspace));
  const real = await realpathAllowMissing(path.resolve(root, p));
  if (!isInside(root, real)) {
    throw new SummonError('path-outside-workspace', `path "${p}" is outside the workspace ${root}; use a path inside it`, {
      hint: 'paths may be relative to the workspace or absolute inside it; symlinks pointing outside are refused',
    });
  }
  return real;
}

/** The workspace-relative, forward-slash form of an absolute path, for messages; "." for the root. */
export function displayPath(workspace: string, absolute: string): string {
  const relative = path.relative(workspace, absolute);
  return relative === '' ? '.' : relative.split(path.sep).join('/');
}

export function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** realpath for paths whose tail may not exist yet; dangling symlinks are followed to where they point. */
async function realpathAllowMissing(absolute: string, hops = 0): Promise<string> {
  try {
    return await fs.realpath(absolute);
  } catch (error) {
    if (!isMissing(error)) throw error;
  }
  const parent = path.dirname(absolute);
  if (parent === absolute) return absolute;
  const link = await fs.lstat(absolute).catch(() => undefined);
  if (link?.isSymbolicLink()) {
    if (hops >= MAX_SYMLINK_HOPS) throw new SummonError('tool-failed', `too many symlink hops resolving ${absolute}`);
    const target = await fs.readlink(absolute);
    return realpathAllowMissing(path.resolve(parent, target), hops + 1);
  }
  return path.join(await realpathAllowMissing(parent, hops), path.basename(absolute));
}

function isMissing(error: unknown): boolean {
  const code = errnoCode(error);
  return code === 'ENOENT' || code === 'ENOTDIR';
}
