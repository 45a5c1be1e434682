// Builds the localization task set from a repository's real history: commits that fix a bug or add a
// small feature, described in a user's words without naming the files, changing 1–4 source files.
import { execFileSync } from 'node:child_process';

export interface Task {
  repo: string;
  commit: string;
  parent: string;
  time: number;
  query: string;
  /** The non-test source files the commit changed (all existed in the parent). */
  gold: string[];
  /** Lines of each gold file (parent numbering) the commit changed: its relevant spans. */
  changedLines: Record<string, number[]>;
}

const SOURCE = /\.(js|mjs|cjs|ts|py|go|rs)$/;
export const NOT_SOURCE = /(^|\/)(tests?|spec|__tests__|testdata|fixtures?|examples?|benchmarks?|docs?|scripts?|\.github)(\/|$)|[._-](test|spec)\.[a-z]+$|(^|\/)test_[^/]*$|_test\.go$|(^|\/)conftest\.py$|(^|\/)setup\.py$/i;
const FIX_OR_FEATURE = /\b(fix(es|ed)?|bug|handle[sd]?|support(s|ed)?|add(s|ed)?|allow(s|ed)?|prevent(s|ed)?|avoid(s|ed)?|correct(s|ed)?|ensure[sd]?|respect(s|ed)?|when|should|crash|error|panic|broken|wrong|missing)\b/i;
const NOT_A_TASK = /^(merge|revert|release|bump|v?\d+\.\d+|chore|ci|build|deps?|docs?|style|lint|test|tests|refactor|format|typo|readme|changelog|update (dependencies|deps|copyright))\b|\b(typo|spelling|lint|rustfmt|gofmt|prettier|eslint|flake8|black|isort|deprecat|version bump|release)\b/i;
const GENERIC_STEMS = new Set(['index', 'lib', 'main', 'mod', 'util', 'utils', '__init__', 'init', 'src']);

const git = (cwd: string, args: string[]): string => execFileSync('git', ['-c', 'core.quotepath=off', ...args], { cwd, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });

/** A user's words: the subject and body without PR numbers, trailers, or links. */
export function cleanQuery(message: string): string {
  return message
    .split('\n')
    .filter((line) => !/^(signed-off-by|co-authored-by|reviewed-by|closes|fixes|refs?|see):?\s/i.test(line.trim()))
    .join('\n')
    .replace(/\(#\d+\)|#\d+|https?:\/\/\S+|@[\w-]+|\b(closes|fixes|resolves|pick from)\b/gi, '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 600);
}

function namesAFile(message: string, gold: readonly string[]): boolean {
  const lower = message.toLowerCase();
  return gold.some((file) => {
    const base = file.split('/').pop()!.toLowerCase();
    const stem = base.replace(/\.[a-z]+$/, '');
    if (lower.includes(base) || lower.includes(file.toLowerCase())) return true;
    return !GENERIC_STEMS.has(stem) && new RegExp(`(^|[^a-z0-9_])${stem.replace(/[^a-z0-9_]/g, '.')}([^a-z0-9_]|$)`).test(lower);
  });
}

/** Up to `limit` tasks, newest first, each with at least `minHistory` commits before it. */
export function buildTasks(repo: string, root: string, limit: number, minHistory = 150): Task[] {
  const log = git(root, ['log', '--no-merges', '--first-parent', '-n', '3000', '--format=%x1e%H%x1f%P%x1f%ct%x1f%B%x1f', '--name-status', '--no-renames']);
  const total = Number(git(root, ['rev-list', '--count', 'HEAD']).trim());
  const tasks: Task[] = [];
  let position = 0;
  for (const record of log.split('\x1e')) {
    const [hash, parents, time, message, status] = record.split('\x1f');
    if (!hash || !parents || !time || message === undefined || status === undefined) continue;
    position++;
    if (total - position < minHistory) break;
    const parent = parents.split(' ')[0]!;
    const subject = message.split('\n')[0] ?? '';
    if (!FIX_OR_FEATURE.test(message) || NOT_A_TASK.test(subject) || NOT_A_TASK.test(message.slice(0, 200))) continue;
    const changes = status.split('\n').map((line) => line.split('\t')).filter((parts) => parts.length >= 2);
    const sources = changes.filter(([, file]) => SOURCE.test(file!) && !NOT_SOURCE.test(file!));
    if (sources.length < 1 || sources.length > 4 || sources.some(([kind]) => kind !== 'M')) continue;
    const gold = sources.map(([, file]) => file!);
    const query = cleanQuery(message);
    if (query.split(' ').length < 4 || namesAFile(query, gold)) continue;
    tasks.push({ repo, commit: hash, parent, time: Number(time), query, gold, changedLines: changedLines(root, parent, hash, gold) });
    if (tasks.length >= limit) break;
  }
  return tasks;
}

/** Parent-side line numbers each gold file's diff touches (an insertion counts the line it follows). */
function changedLines(root: string, parent: string, commit: string, files: readonly string[]): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const file of files) {
    const diff = git(root, ['diff', '-U0', parent, commit, '--', file]);
    const lines: number[] = [];
    for (const match of diff.matchAll(/^@@ -(\d+)(?:,(\d+))? \+/gm)) {
      const start = Number(match[1]);
      const count = match[2] === undefined ? 1 : Number(match[2]);
      if (count === 0) lines.push(Math.max(1, start));
      for (let line = start; line < start + count; line++) lines.push(line);
    }
    out[file] = lines;
  }
  return out;
}
