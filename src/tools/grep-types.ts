// What both grep backends (ripgrep and the JavaScript scanner) take and return.
import path from 'node:path';
import picomatch from 'picomatch';

export type GrepMode = 'content' | 'files' | 'count';

export interface GrepQuery {
  /** Validated JavaScript regular expression source. */
  pattern: string;
  ignoreCase: boolean;
  mode: GrepMode;
  context: number;
  /** Absolute real path of the folder or file searched. */
  target: string;
  /** File filter: without "/", matched against file names; with "/", against paths relative to the target. */
  glob: string | undefined;
  /** Match lines to keep with their text; matches past it are only counted. */
  maxLines: number;
}

export interface GrepLine {
  line: number;
  text: string;
  isMatch: boolean;
}

export interface GrepFileResult {
  /** Workspace-relative, forward slashes. */
  path: string;
  /** Matching lines in the file. */
  matchCount: number;
  /** Kept lines (matches and context) in order; may be empty past maxLines or in files/count mode. */
  lines: GrepLine[];
}

export interface GrepOutcome {
  files: GrepFileResult[];
  /** Something the model should know: partial results, unreadable files. */
  warnings: string[];
}

export const MAX_GREP_LINE_CHARS = 500;
export const MAX_GREP_FILE_BYTES = 1024 * 1024;

export function cutLine(text: string): string {
  const line = text.replace(/\r?\n$/, '');
  return line.length > MAX_GREP_LINE_CHARS ? `${line.slice(0, MAX_GREP_LINE_CHARS)}…` : line;
}

/** Whether a workspace-relative file passes the query's glob (names, or paths relative to the target). */
export function globFilter(query: GrepQuery, workspace: string): (file: string) => boolean {
  if (!query.glob) return () => true;
  const byName = !query.glob.includes('/');
  const matches = picomatch(query.glob, { dot: true, basename: byName });
  return (file) => matches(byName ? path.posix.basename(file) : path.relative(query.target, path.join(workspace, file)).split(path.sep).join('/'));
}
