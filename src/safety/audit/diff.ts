// Diff mode: which lines `git diff --unified=0 REF` says changed, and an audit of just those lines
// (new untracked files count as wholly changed).
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { SummonError } from '../../core/errors.js';
import { auditCode } from './audit.js';
import { languageOfPath } from './languages.js';
import { isRunLaterFile } from './run-later.js';
import type { AuditFile, AuditFinding, AuditOptions } from './types.js';

const run = promisify(execFile);
const MAX_FILE_BYTES = 5 * 1024 * 1024;

export interface DiffAudit {
  findings: AuditFinding[];
  /** Files audited, workspace-relative. */
  files: string[];
  /** Files left out, with why (binary, too large, unreadable). */
  skipped: Array<{ path: string; reason: string }>;
}

/** Changed line numbers per file (new side), from `git diff --unified=0` output. */
export function parseUnifiedDiff(diff: string): Map<string, Set<number>> {
  const changed = new Map<string, Set<number>>();
  let current: Set<number> | undefined;
  for (const line of diff.split('\n')) {
    if (line.startsWith('+++ ')) {
      const target = line.slice(4).trim();
      current = target === '/dev/null' ? undefined : new Set<number>();
      if (current) changed.set(unquote(target).replace(/^b\//, ''), current);
      continue;
    }
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (hunk && current) {
      const start = Number(hunk[1]);
      const count = hunk[2] === undefined ? 1 : Number(hunk[2]);
      for (let offset = 0; offset < count; offset += 1) current.add(start + offset);
    }
  }
  return changed;
}

function unquote(text: string): string {
  if (!text.startsWith('"')) return text;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'string' ? value : text.slice(1, -1);
  } catch {
    return text.slice(1, -1);
  }
}

async function git(repoDir: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await run('git', ['-c', 'core.quotepath=false', ...args], { cwd: repoDir, maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const stderr = typeof error === 'object' && error !== null && 'stderr' in error ? String(error.stderr).trim() : String(error);
    throw new SummonError('usage', `git ${args.join(' ')} failed: ${stderr}`, { hint: 'run inside a git repository and name a commit, branch or tag, e.g. --diff HEAD' });
  }
}

/** Audits what changed between `ref` and the working tree of `repoDir`, including untracked files. */
export async function auditDiff(repoDir: string, ref: string, options: AuditOptions = {}): Promise<DiffAudit> {
  if (ref.startsWith('-') || ref.trim() === '') throw new SummonError('usage', `"${ref}" is not a git revision`, { hint: 'name a commit, branch or tag, e.g. --diff HEAD or --diff main' });
  const changed = parseUnifiedDiff(await git(repoDir, ['diff', '--unified=0', '--no-color', '--no-ext-diff', ref, '--']));
  const untracked = (await git(repoDir, ['ls-files', '--others', '--exclude-standard', '-z'])).split('\0').filter((file) => file !== '');
  const files: AuditFile[] = [];
  const skipped: DiffAudit['skipped'] = [];
  const wanted: Array<{ file: string; lines: Set<number> | undefined }> = [...changed].map(([file, lines]) => ({ file, lines }));
  for (const file of untracked) wanted.push({ file, lines: undefined });
  for (const { file, lines } of wanted) {
    if (options.lang === undefined && !languageOfPath(file) && !isRunLaterFile(file)) continue;
    if (lines && lines.size === 0) continue;
    const loaded = await readSource(path.join(repoDir, file));
    if (typeof loaded !== 'string') {
      skipped.push({ path: file, reason: loaded.skipped });
      continue;
    }
    files.push({ path: file, content: loaded, ...(lines ? { changedLines: lines } : {}) });
  }
  return { findings: await auditCode(files, options), files: files.map((file) => file.path), skipped };
}

/** A text file's content, or why it was left out: binary, larger than 5 MB, or unreadable. */
export async function readSource(file: string): Promise<string | { skipped: string }> {
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) return { skipped: 'not a regular file' };
    if (stat.size > MAX_FILE_BYTES) return { skipped: `larger than 5 MB (${Math.round(stat.size / 1024 / 1024)} MB)` };
    const bytes = await fs.readFile(file);
    return isBinary(bytes) ? { skipped: 'binary file' } : bytes.toString('utf8');
  } catch (error) {
    return { skipped: `unreadable: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** A NUL byte in the first 8 KB means binary, as git decides. */
export function isBinary(bytes: Uint8Array): boolean {
  return bytes.subarray(0, 8192).includes(0);
}
