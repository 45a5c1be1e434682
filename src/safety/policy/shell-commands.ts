// Turns a command line into the list of commands a policy must judge: every simple command,
// every command a wrapper runs, and the commands inside `bash -c '…'` / `eval` scripts, each
// with the forms deny/ask rules see and the forms an allow rule may vouch for.
import type { ShellParser, ShellWord, SimpleCommand } from './shell-parse.js';
import { withoutGlobalOptions } from './shell-global-options.js';
import { programName, unwrap } from './shell-wrappers.js';

export interface CheckedCommand {
  /** The command as written, for messages. */
  text: string;
  /** Normalised forms deny and ask rules are matched against: as written, program without its directory, without the options before a sub-command (`git -C x push` → `git push`), each wrapped command. */
  forms: string[];
  /** Forms an allow rule may match: as written, then through transparent wrappers only (never through sudo or xargs). */
  allowForms: string[];
  /** Known only at run time (computed program name, script from stdin, bash -c "$X"): no allow rule vouches for it. */
  opaque: string | undefined;
  /** Only runs the script listed after it (`bash -c '…'`): needs no allow of its own. */
  delegates: boolean;
}

export type CommandLine = { ok: true; commands: CheckedCommand[]; writes: string[] } | { ok: false; reason: string };

const MAX_DEPTH = 6;

export function commandLine(parser: ShellParser, source: string, depth = 0): CommandLine {
  if (depth > MAX_DEPTH) return { ok: false, reason: 'scripts nested too deeply' };
  const parsed = parser.parse(source);
  if (!parsed.ok) return parsed;
  const commands: CheckedCommand[] = [];
  const writes = parsed.writes.map((word) => word.value);
  for (const command of parsed.commands) {
    const expanded = expand(parser, command, depth);
    if (!expanded.ok) return expanded;
    commands.push(...expanded.commands);
    writes.push(...expanded.writes);
  }
  return { ok: true, commands, writes };
}

export function normalise(words: readonly ShellWord[]): string {
  return words
    .map((word) => word.value)
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function expand(parser: ShellParser, command: SimpleCommand, depth: number): CommandLine {
  const entry: CheckedCommand = { text: normalise(command.words), forms: [], allowForms: [], opaque: undefined, delegates: false };
  const extra: CheckedCommand[] = [];
  const writes: string[] = [];
  let words: readonly ShellWord[] = command.words;
  let throughTransparent = true;
  for (let hop = 0; hop < 16 && words.length > 0; hop += 1) {
    const form = normalise(words);
    entry.forms.push(form);
    if (throughTransparent) entry.allowForms.push(form);
    const first = words[0];
    if (first && !first.literal) entry.opaque ??= `the program "${first.value}" is computed at run time`;
    if (first && programName(first.value) !== first.value) entry.forms.push(normalise([{ ...first, value: programName(first.value) }, ...words.slice(1)]));
    const bare = withoutGlobalOptions(words);
    if (bare) entry.forms.push(normalise(bare), normalise([{ ...bare[0]!, value: programName(bare[0]!.value) }, ...bare.slice(1)]));
    const next = unwrap(words, command.piped || command.stdinFromScript);
    if (next.kind === 'none') break;
    if (next.kind === 'opaque') {
      entry.opaque ??= next.reason;
      break;
    }
    if (next.kind === 'script') {
      if (!next.script.literal) {
        entry.opaque ??= `the script "${next.script.value}" is computed at run time`;
        break;
      }
      const inner = commandLine(parser, next.script.value, depth + 1);
      if (!inner.ok) return { ok: false, reason: `${inner.reason} (in the script "${next.script.value}")` };
      entry.delegates = throughTransparent;
      extra.push(...inner.commands);
      writes.push(...inner.writes);
      break;
    }
    throughTransparent &&= next.transparent;
    const [firstInner, ...others] = next.commands;
    // find -exec can run several commands: each further one is judged as a command of its own.
    for (const other of others) {
      const nested = expand(parser, { words: other, piped: false, stdinFromScript: false }, depth + 1);
      if (!nested.ok) return nested;
      extra.push(...nested.commands.map((checked) => ({ ...checked, allowForms: [entry.allowForms[0] ?? checked.text] })));
    }
    words = firstInner ?? [];
  }
  return { ok: true, commands: [entry, ...extra], writes };
}
