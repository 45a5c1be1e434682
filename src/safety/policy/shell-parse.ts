// Splits a bash command line into the simple commands it would run, using tree-sitter-bash:
// lists (&&, ||, ;), pipes, subshells, $(…), backticks, <(…), function bodies and redirections.
// Words come back with quotes removed; anything computed at run time is marked non-literal.
import type { Node, Parser } from 'web-tree-sitter';
import { createParser } from '../audit/tree-sitter.js';

export interface ShellWord {
  /** Quotes removed, escapes resolved; expansions ($X, $(…)) kept as written. */
  value: string;
  /** False when part of the word is only known at run time. */
  literal: boolean;
}

export interface SimpleCommand {
  words: ShellWord[];
  /** Whether the heredoc or here-string feeds this command's standard input (for `bash <<EOF`). */
  stdinFromScript: boolean;
  /** Whether a pipe feeds this command's standard input. */
  piped: boolean;
}

export type ShellParse =
  | { ok: true; commands: SimpleCommand[]; writes: ShellWord[] }
  | { ok: false; reason: string };

/** A loaded parser; parsing is synchronous once the grammar is in memory. */
export interface ShellParser {
  parse(command: string): ShellParse;
}

const MAX_INPUT = 100_000;

export async function loadShellParser(): Promise<ShellParser> {
  const parser = await createParser('bash');
  return { parse: (command) => parseShell(parser, command) };
}

function parseShell(parser: Parser, command: string): ShellParse {
  if (command.length > MAX_INPUT) return { ok: false, reason: `command longer than ${MAX_INPUT} characters` };
  if (command.includes('\0')) return { ok: false, reason: 'command contains a NUL byte' };
  const tree = parser.parse(command);
  if (!tree) return { ok: false, reason: 'the shell parser returned nothing' };
  try {
    if (tree.rootNode.hasError) return { ok: false, reason: 'the command has a shell syntax error' };
    const state: WalkState = { commands: [], writes: [] };
    walk(tree.rootNode, state, false);
    return { ok: true, commands: state.commands, writes: state.writes };
  } finally {
    tree.delete();
  }
}

interface WalkState {
  commands: SimpleCommand[];
  writes: ShellWord[];
}

const WRITE_OPERATORS = new Set(['>', '>>', '&>', '&>>', '>|', '>&']);

function walk(node: Node, state: WalkState, piped: boolean): void {
  switch (node.type) {
    case 'command':
      addCommand(node, state, piped, false);
      return;
    case 'pipeline': {
      let first = true;
      for (const child of node.namedChildren) {
        if (!child) continue;
        walk(child, state, !first);
        first = false;
      }
      return;
    }
    case 'redirected_statement': {
      const body = node.childForFieldName('body');
      const feedsScript = node.namedChildren.some((child) => child?.type === 'heredoc_redirect' || child?.type === 'herestring_redirect');
      if (body?.type === 'command') addCommand(body, state, piped, feedsScript);
      else if (body) walk(body, state, piped);
      for (const child of node.namedChildren) if (child && child.id !== body?.id) walkRedirect(child, state);
      return;
    }
    default:
      for (const child of node.namedChildren) if (child) walk(child, state, false);
  }
}

function walkRedirect(node: Node, state: WalkState): void {
  if (node.type === 'file_redirect') {
    const operator = node.children.find((child) => child !== null && !child.isNamed)?.type ?? '';
    const destination = node.childForFieldName('destination');
    if (destination && WRITE_OPERATORS.has(operator) && destination.type !== 'number') state.writes.push(wordOf(destination, state));
    return;
  }
  // Heredoc bodies and nested redirects may hold $(…) that run.
  for (const child of node.namedChildren) if (child) walkRedirect(child, state);
  if (node.type === 'heredoc_body' || node.type === 'herestring_redirect') for (const child of node.namedChildren) if (child) walk(child, state, false);
}

function addCommand(node: Node, state: WalkState, piped: boolean, stdinFromScript: boolean): void {
  const words: ShellWord[] = [];
  for (const child of node.namedChildren) {
    if (!child) continue;
    if (child.type === 'variable_assignment') {
      // `FOO=$(cmd) bar`: the value's substitutions run too.
      const value = child.childForFieldName('value');
      if (value) wordOf(value, state);
    } else if (child.type === 'command_name') {
      const inner = child.namedChildren[0];
      words.push(inner ? wordOf(inner, state) : { value: child.text, literal: true });
    } else if (child.type === 'file_redirect' || child.type === 'heredoc_redirect' || child.type === 'herestring_redirect') {
      walkRedirect(child, state);
    } else {
      words.push(wordOf(child, state));
    }
  }
  if (words.length > 0) state.commands.push({ words, piped, stdinFromScript });
}

/** The value of one shell word; substitutions inside it are added to the command list. */
function wordOf(node: Node, state: WalkState): ShellWord {
  switch (node.type) {
    case 'word':
    case 'number':
      return { value: unescape(node.text), literal: true };
    case 'raw_string':
      return { value: node.text.slice(1, -1), literal: true };
    case 'ansi_c_string':
      return { value: node.text.slice(2, -1), literal: true };
    case 'string':
    case 'concatenation': {
      let value = '';
      let literal = true;
      for (const child of node.children) {
        if (!child) continue;
        if (child.type === '"') continue;
        if (child.type === 'string_content') {
          value += child.text.replace(/\\([$`"\\\n])/g, '$1');
          continue;
        }
        const part = wordOf(child, state);
        value += part.value;
        literal &&= part.literal;
      }
      return { value, literal };
    }
    case 'command_substitution':
    case 'process_substitution':
      for (const child of node.namedChildren) if (child) walk(child, state, false);
      return { value: node.text, literal: false };
    case 'simple_expansion':
    case 'expansion':
    case 'arithmetic_expansion':
      for (const child of node.namedChildren) if (child) collectSubstitutions(child, state);
      return { value: node.text, literal: false };
    default:
      collectSubstitutions(node, state);
      return { value: node.text, literal: !/[$`]/.test(node.text) };
  }
}

function collectSubstitutions(node: Node, state: WalkState): void {
  if (node.type === 'command_substitution' || node.type === 'process_substitution') {
    wordOf(node, state);
    return;
  }
  for (const child of node.namedChildren) if (child) collectSubstitutions(child, state);
}

function unescape(text: string): string {
  return text.replace(/\\(.)/gs, '$1');
}
