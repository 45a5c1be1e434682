// Wrappers that run another command: `sudo rm …`, `timeout 5 npm test`, `xargs rm`, `env A=1 cmd`,
// `find … -exec rm {} ;`, and shells given a script (`bash -c '…'`, `eval …`). Each reports the
// inner command so the policy checks it too; transparent wrappers also let an allow rule through.
import type { ShellWord } from './shell-parse.js';

export type Unwrapped =
  | { kind: 'none' }
  /** `transparent`: the wrapper adds no power, so allowing the inner command allows the whole. */
  | { kind: 'inner'; commands: ShellWord[][]; transparent: boolean }
  /** A shell script given as a string: parse it as a command line of its own. */
  | { kind: 'script'; script: ShellWord }
  /** A shell reading its script from standard input or interactively: contents unknown. */
  | { kind: 'opaque'; reason: string };

interface OptionSpec {
  /** Short or long options that take the next word as their value. */
  withValue: ReadonlySet<string>;
  /** NAME=VALUE words before the command are environment settings. */
  assignments?: boolean;
  /** Words after the options that are not the command (timeout's duration). */
  operands?: number;
}

const spec = (withValue: string[], extra: Omit<OptionSpec, 'withValue'> = {}): OptionSpec => ({ withValue: new Set(withValue), ...extra });

const TRANSPARENT: Readonly<Record<string, OptionSpec>> = {
  env: spec(['-u', '--unset', '-C', '--chdir'], { assignments: true }),
  nohup: spec([]),
  time: spec(['-f', '--format', '-o', '--output']),
  nice: spec(['-n', '--adjustment']),
  timeout: spec(['-s', '--signal', '-k', '--kill-after'], { operands: 1 }),
  command: spec([]),
  exec: spec(['-a']),
  stdbuf: spec(['-i', '-o', '-e', '--input', '--output', '--error']),
  setsid: spec([]),
  ionice: spec(['-c', '-n', '-p', '--class', '--classdata']),
};

const ELEVATING: Readonly<Record<string, OptionSpec>> = {
  sudo: spec(['-u', '-g', '-h', '-p', '-C', '-D', '-r', '-t', '-T', '-U', '--user', '--group', '--host', '--prompt', '--chdir'], { assignments: true }),
  doas: spec(['-u', '-C']),
  xargs: spec(['-I', '-L', '-l', '-n', '-P', '-s', '-d', '-E', '-e', '-a', '--arg-file', '--delimiter', '--max-args', '--max-procs', '--max-lines', '--replace', '--eof']),
};

const SHELLS = new Set(['bash', 'sh', 'zsh', 'dash', 'ksh', 'ash', 'fish']);
const SHELL_OPTIONS_WITH_VALUE = new Set(['-o', '+o', '-O', '+O', '--rcfile', '--init-file']);

export function programName(word: string): string {
  const slash = word.lastIndexOf('/');
  return slash === -1 ? word : word.slice(slash + 1);
}

export function unwrap(words: readonly ShellWord[], stdinFed: boolean): Unwrapped {
  const first = words[0];
  if (!first) return { kind: 'none' };
  const name = programName(first.value);
  const options = TRANSPARENT[name] ?? ELEVATING[name];
  if (options) {
    if (name === 'env') {
      const split = words.findIndex((word) => word.value === '-S' || word.value.startsWith('--split-string'));
      if (split !== -1) return scriptFrom(words.slice(split + 1));
    }
    const start = skipOptions(words, 1, options);
    if (start >= words.length) return name === 'xargs' ? { kind: 'inner', commands: [[{ value: 'echo', literal: true }]], transparent: false } : { kind: 'none' };
    return { kind: 'inner', commands: [words.slice(start)], transparent: name in TRANSPARENT };
  }
  if (name === 'find') return findExec(words);
  if (name === 'eval') return scriptFrom(words.slice(1));
  if (SHELLS.has(name)) return shellScript(words, stdinFed);
  return { kind: 'none' };
}

function skipOptions(words: readonly ShellWord[], from: number, options: OptionSpec): number {
  let index = from;
  while (index < words.length) {
    const word = words[index]?.value ?? '';
    if (word === '--') return index + 1 + (options.operands ?? 0);
    if (options.assignments && /^[A-Za-z_][A-Za-z0-9_]*=/.test(word)) {
      index += 1;
    } else if (word.startsWith('-') && word !== '-') {
      const flag = word.includes('=') ? word.slice(0, word.indexOf('=')) : word;
      index += options.withValue.has(flag) && !word.includes('=') ? 2 : 1;
    } else {
      break;
    }
  }
  return index + (options.operands ?? 0);
}

function findExec(words: readonly ShellWord[]): Unwrapped {
  const commands: ShellWord[][] = [];
  for (let index = 1; index < words.length; index += 1) {
    if (!['-exec', '-execdir', '-ok', '-okdir'].includes(words[index]?.value ?? '')) continue;
    const end = words.findIndex((word, at) => at > index && (word.value === ';' || word.value === '+'));
    const inner = words.slice(index + 1, end === -1 ? words.length : end);
    if (inner.length > 0) commands.push(inner);
    if (end === -1) break;
    index = end;
  }
  return commands.length === 0 ? { kind: 'none' } : { kind: 'inner', commands, transparent: false };
}

function shellScript(words: readonly ShellWord[], stdinFed: boolean): Unwrapped {
  for (let index = 1; index < words.length; index += 1) {
    const word = words[index]?.value ?? '';
    if (/^-[A-Za-z]*c[A-Za-z]*$/.test(word)) {
      const script = words[index + 1];
      return script ? { kind: 'script', script } : { kind: 'opaque', reason: `${word} without a script` };
    }
    if (SHELL_OPTIONS_WITH_VALUE.has(word)) index += 1;
    else if (!word.startsWith('-') && !word.startsWith('+')) return { kind: 'none' }; // a script file: an ordinary command
  }
  return { kind: 'opaque', reason: stdinFed ? 'a shell reading commands from its input' : 'an interactive shell' };
}

function scriptFrom(words: readonly ShellWord[]): Unwrapped {
  if (words.length === 0) return { kind: 'none' };
  return { kind: 'script', script: { value: words.map((word) => word.value).join(' '), literal: words.every((word) => word.literal) } };
}
