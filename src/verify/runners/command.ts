// Runs a verifier's command line. A command the user configured as a string ("npm test") is split
// into argv and executed without a shell; only when it uses shell syntax (pipes, &&, redirects,
// variables, globs) is it run as `bash -c LINE` — the user wrote a shell line in their own config,
// so it means what it would mean in their terminal. Detected commands are always argv arrays.
import type { SpawnPort, SpawnResult } from '../../core/tool.js';

export interface CommandLine {
  command: string;
  args: string[];
}

const SHELL_SYNTAX = /[|&;<>()$`*?[\]{}~\n#!]|\\$/;

/** "npm test -- --run" → { command: 'npm', args: ['test', '--', '--run'] }; shell syntax → bash -c. */
export function splitCommandLine(line: string): CommandLine {
  const words = splitWords(line.trim());
  if (words === undefined || words.length === 0 || SHELL_SYNTAX.test(unquotedParts(line))) return { command: 'bash', args: ['-c', line] };
  return { command: words[0]!, args: words.slice(1) };
}

/** Words with single quotes, double quotes and backslash escapes; undefined when a quote is left open. */
function splitWords(line: string): string[] | undefined {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let index = 0; index < line.length; index++) {
    const char = line[index]!;
    if (quote) {
      if (char === quote) quote = undefined;
      else if (char === '\\' && quote === '"' && index + 1 < line.length) word += line[++index];
      else word += char;
    } else if (char === '"' || char === "'") {
      quote = char;
      inWord = true;
    } else if (char === '\\' && index + 1 < line.length) {
      word += line[++index];
      inWord = true;
    } else if (/\s/.test(char)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += char;
      inWord = true;
    }
  }
  if (quote) return undefined;
  if (inWord) words.push(word);
  return words;
}

/** The line with quoted parts removed, so "echo 'a|b'" is not mistaken for a pipe. */
function unquotedParts(line: string): string {
  return line.replace(/'[^']*'|"(?:[^"\\]|\\.)*"/g, '');
}

export interface RunLineOptions {
  workspace: string;
  spawn: SpawnPort;
  signal: AbortSignal;
  timeoutMs: number;
  /** Environment for the command; undefined lets the spawn port use its default. */
  env?: Readonly<Record<string, string | undefined>>;
  maxOutputBytes?: number;
}

/** Runs the command in the workspace; colour is turned off when an environment is given. */
export function runCommandLine(line: CommandLine, options: RunLineOptions): Promise<SpawnResult> {
  return options.spawn({
    command: line.command,
    args: line.args,
    cwd: options.workspace,
    ...(options.env ? { env: { ...options.env, NO_COLOR: '1', FORCE_COLOR: '0', CI: options.env.CI ?? '1' } } : {}),
    timeoutMs: options.timeoutMs,
    maxOutputBytes: options.maxOutputBytes ?? 8 * 1024 * 1024,
    signal: options.signal,
  });
}

export function formatCommandLine(line: CommandLine): string {
  if (line.command === 'bash' && line.args[0] === '-c') return line.args[1] ?? '';
  return [line.command, ...line.args].map((word) => (/^[\w./:=@%+-]+$/.test(word) ? word : `'${word.replace(/'/g, "'\\''")}'`)).join(' ');
}
