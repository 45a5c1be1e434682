// One permission rule, `tool` or `tool(specifier)`, compiled to a matcher for the kind of subject
// its tool works on: shell commands (`bash`), workspace paths (`read`, `edit`, `write`), domains (`net`).
import path from 'node:path';
import picomatch from 'picomatch';
import { SummonError } from '../../core/errors.js';
import { RULE_PATTERN } from './schema.js';

export type RuleList = 'allow' | 'ask' | 'deny';
export type SubjectType = 'command' | 'path' | 'domain';

/** Rule tool names that stand for every tool of a kind rather than one tool. */
export const CATEGORY_SUBJECT: Readonly<Record<string, SubjectType>> = {
  bash: 'command',
  read: 'path',
  edit: 'path',
  write: 'path',
  net: 'domain',
};

export interface CompiledRule {
  /** The rule as written in the config, for messages. */
  source: string;
  list: RuleList;
  /** Lower-cased tool or category name. */
  tool: string;
  /** Undefined for a bare rule, which matches every use of the tool. */
  specifier: string | undefined;
  matchCommand(command: string): boolean;
  matchPath(relative: string, absolute: string): boolean;
  matchDomain(host: string): boolean;
}

export function compileRule(source: string, list: RuleList): CompiledRule {
  const text = source.trim();
  if (!RULE_PATTERN.test(text)) {
    throw new SummonError('config-invalid', `permission rule "${source}" is not valid`, {
      hint: 'write "tool" or "tool(specifier)", e.g. "bash(npm test*)", "edit(src/**)", "read(.env*)", "net(*.npmjs.org)"',
    });
  }
  const open = text.indexOf('(');
  const tool = (open === -1 ? text : text.slice(0, open)).toLowerCase();
  const raw = open === -1 ? undefined : text.slice(open + 1, -1).trim();
  const specifier = raw === undefined || raw === '*' || raw === '**' ? undefined : raw;
  const command = specifier === undefined ? () => true : commandMatcher(specifier);
  const file = specifier === undefined ? () => true : pathMatcher(specifier);
  const domain = specifier === undefined ? () => true : domainMatcher(specifier);
  return { source: text, list, tool, specifier, matchCommand: command, matchPath: file, matchDomain: domain };
}

/** `npm test*`: glob over the normalised command; `git push:*`: that command with any arguments; otherwise exact. */
function commandMatcher(specifier: string): (command: string) => boolean {
  let text = specifier.replace(/["']/g, '').replace(/\s+/g, ' ').trim();
  const anyArguments = text.endsWith(':*');
  if (anyArguments) text = text.slice(0, -2).trimEnd();
  const body = text.split('*').map(escapeRegExp).join('.*');
  const pattern = new RegExp(`^${body}${anyArguments ? '(?: .*)?' : ''}$`, 's');
  return (command) => pattern.test(command);
}

/**
 * Globs over workspace-relative paths; a pattern starting with / matches absolute paths; a pattern
 * without a slash matches a file or folder of that name at any depth (like .gitignore), so
 * `read(.env*)` also covers `config/.env.local` and `read(secrets)` everything inside `secrets/`.
 */
function pathMatcher(specifier: string): (relative: string, absolute: string) => boolean {
  const pattern = specifier.replace(/^\.\//, '');
  const options = { dot: true };
  if (pattern.startsWith('/')) {
    const match = picomatch(pattern, options);
    return (_relative, absolute) => match(absolute) || match(`${absolute}/`);
  }
  if (!pattern.includes('/')) {
    const match = picomatch(pattern, options);
    return (relative) => relative.split('/').some((segment) => match(segment));
  }
  const match = picomatch(pattern, options);
  return (relative) => match(relative);
}

/** `*.npmjs.org` matches any subdomain (not npmjs.org itself); `*` matches every host. */
function domainMatcher(specifier: string): (host: string) => boolean {
  const glob = specifier.toLowerCase().replace(/^https?:\/\//, '').replace(/\/.*$/, '');
  const body = glob
    .split('.')
    .map((label) => (label === '*' ? '[^.]+(?:\\.[^.]+)*' : label.split('*').map(escapeRegExp).join('[^.]*')))
    .join('\\.');
  const pattern = new RegExp(`^${body}$`);
  return (host) => pattern.test(host.toLowerCase().replace(/\.$/, ''));
}

/** The workspace-relative, forward-slash form of a path a tool was given ("." for the root). */
export function relativePath(workspace: string, target: string): { relative: string; absolute: string } {
  const absolute = path.resolve(workspace, target);
  const relative = path.relative(workspace, absolute).split(path.sep).join('/');
  return { relative: relative === '' ? '.' : relative, absolute: absolute.split(path.sep).join('/') };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
