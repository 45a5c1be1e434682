// The permission policy: one decision (allow, ask, deny) for every tool call, file tools and shell
// alike. Rules are checked deny → ask → allow, first match wins; when none matches, the mode decides.
import type { ToolKind } from '../../core/tool.js';
import { SummonError } from '../../core/errors.js';
import { checkExamples } from './examples.js';
import { commandLine, type CommandLine } from './shell-commands.js';
import type { ShellParser } from './shell-parse.js';
import { CATEGORY_SUBJECT, compileRule, relativePath, type CompiledRule, type SubjectType } from './rules.js';
import { permissionsConfigSchema, type PermissionMode } from './schema.js';
import { subjectsOf } from './subjects.js';

export type Decision = 'allow' | 'ask' | 'deny';

export interface PermissionRequest {
  tool: string;
  kind: ToolKind;
  input: unknown;
  /** Absolute workspace root; paths are matched relative to it. */
  workspace: string;
}

export interface PermissionVerdict {
  decision: Decision;
  /** The rule that decided, as written; absent when the mode's default decided. */
  rule?: string;
  reason: string;
}

export interface Policy {
  readonly mode: PermissionMode;
  decide(request: PermissionRequest): PermissionVerdict;
  /** Allows what `rule` matches for the rest of this run (an "always allow" answer to a prompt). */
  grant(rule: string): void;
  /** Grants exactly what this request does (each sub-command, each path, each host) for the rest of the run; returns the rules added. */
  grantRequest(request: PermissionRequest): string[];
  /** Domain globs the sandbox's network may reach: the `net(…)` allow rules and grants. */
  allowedDomains(): string[];
}

/** What the mode decides when no rule matches, per tool kind. */
const MODE_DEFAULTS: Readonly<Record<PermissionMode, Readonly<Record<ToolKind, Decision>>>> = {
  default: { read: 'allow', write: 'ask', exec: 'ask', net: 'ask' },
  'accept-edits': { read: 'allow', write: 'allow', exec: 'ask', net: 'ask' },
  plan: { read: 'allow', write: 'deny', exec: 'deny', net: 'ask' },
  // Commands run sandboxed with the network off; a fetch is held to the same line: net(…) rules decide.
  auto: { read: 'allow', write: 'allow', exec: 'allow', net: 'ask' },
};

interface Facts {
  type: SubjectType | undefined;
  line: CommandLine | undefined;
  paths: Array<{ relative: string; absolute: string }>;
  hosts: string[];
  /** Files a shell command writes by redirection; edit/write deny and ask rules apply to them. */
  shellWrites: Array<{ relative: string; absolute: string }>;
}

/**
 * Compiles the `permissions` config section. Throws SummonError 'config-invalid' for a malformed
 * section, a malformed rule, or a rule that fails one of its own examples (naming both).
 */
export function compilePolicy(config: unknown, shell: ShellParser): Policy {
  const parsed = permissionsConfigSchema.safeParse(config ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? ['permissions', ...issue.path.map(String)].join('.') : 'permissions';
    throw new SummonError('config-invalid', `${where}: ${issue?.message ?? 'invalid'}`, {
      hint: 'permissions: { "mode": "default"|"accept-edits"|"plan"|"auto", "allow": [...], "ask": [...], "deny": [...] } with rules like "bash(npm test*)"',
    });
  }
  const { mode } = parsed.data;
  const lists = { deny: [] as CompiledRule[], ask: [] as CompiledRule[], allow: [] as CompiledRule[] };
  for (const list of ['deny', 'ask', 'allow'] as const) {
    parsed.data[list].forEach((entry, index) => {
      const rule = compileRule(typeof entry === 'string' ? entry : entry.rule, list);
      if (typeof entry !== 'string' && entry.examples) {
        checkExamples(rule, entry.examples, `permissions.${list}[${index}]`, (example) => matches(rule, examplesFacts(rule, example, shell)));
      }
      lists[list].push(rule);
    });
  }

  function decide(request: PermissionRequest): PermissionVerdict {
    const facts = factsOf(request, shell);
    const applicable = (rule: CompiledRule): boolean => applies(rule, request);
    for (const list of ['deny', 'ask'] as const) {
      const hit = lists[list].find((rule) => (applicable(rule) && matchesAny(rule, facts)) || matchesShellWrite(rule, facts));
      if (hit) return { decision: list, rule: hit.source, reason: `${list === 'deny' ? 'denied' : 'needs approval'} by rule "${hit.source}"` };
    }
    if (facts.line && !facts.line.ok) return { decision: 'ask', reason: `the command could not be checked (${facts.line.reason}), so it needs approval` };
    if (mode === 'plan' && request.kind === 'write') return { decision: 'deny', reason: 'plan mode is read-only: no edits until the plan is approved' };
    const allowed = allowedBy(lists.allow.filter(applicable), facts);
    if (allowed.ok) return { decision: 'allow', rule: allowed.rule, reason: `allowed by rule "${allowed.rule}"` };
    const fallback = MODE_DEFAULTS[mode][request.kind];
    if (fallback === 'allow' && allowed.opaque) return { decision: 'ask', reason: `${allowed.uncovered}: no rule can vouch for it, so it needs approval` };
    const what = allowed.uncovered;
    return { decision: fallback, reason: `no rule covers ${what}; in ${mode} mode ${request.kind} calls ${fallback === 'ask' ? 'need approval' : `are ${fallback === 'allow' ? 'allowed' : 'denied'}`}` };
  }

  return {
    mode,
    decide,
    grant(rule) {
      lists.allow.push(compileRule(rule, 'allow'));
    },
    grantRequest(request) {
      const rules = exactRules(request, factsOf(request, shell));
      for (const rule of rules) lists.allow.push(compileRule(rule, 'allow'));
      return rules;
    },
    allowedDomains() {
      return lists.allow.filter((rule) => rule.tool === 'net').map((rule) => rule.specifier ?? '*');
    },
  };
}

function applies(rule: CompiledRule, request: PermissionRequest): boolean {
  if (rule.tool === request.tool.toLowerCase()) return true;
  switch (rule.tool) {
    case 'bash':
      return request.kind === 'exec';
    case 'read':
      return request.kind === 'read';
    case 'edit':
    case 'write':
      return request.kind === 'write';
    case 'net':
      return request.kind === 'net';
    default:
      return false;
  }
}

function factsOf(request: PermissionRequest, shell: ShellParser): Facts {
  const subjects = subjectsOf(request.tool, request.input);
  const line = subjects.command === undefined ? undefined : commandLine(shell, subjects.command);
  const type: SubjectType | undefined = subjects.command !== undefined ? 'command' : subjects.paths.length > 0 ? 'path' : subjects.hosts.length > 0 ? 'domain' : undefined;
  return {
    type,
    line,
    paths: subjects.paths.map((p) => relativePath(request.workspace, p)),
    hosts: subjects.hosts,
    shellWrites: line?.ok ? line.writes.map((p) => relativePath(request.workspace, p)) : [],
  };
}

/** For examples: a command, a path or a domain, whichever the rule's tool works on. */
function examplesFacts(rule: CompiledRule, example: string, shell: ShellParser): Facts {
  const type = CATEGORY_SUBJECT[rule.tool] ?? 'command';
  const line = type === 'command' ? commandLine(shell, example) : undefined;
  const paths = type === 'path' ? [relativePath('/workspace', example)] : [];
  return { type, line, paths, hosts: type === 'domain' ? [example.toLowerCase()] : [], shellWrites: [] };
}

/** Whether a rule matches an example the way its list uses it: any sub-command for deny/ask, all of them for allow. */
function matches(rule: CompiledRule, facts: Facts): boolean | string {
  if (facts.line && !facts.line.ok) return `could not be parsed (${facts.line.reason})`;
  return rule.list === 'allow' ? allowedBy([rule], facts).ok : matchesAny(rule, facts);
}

function matchesAny(rule: CompiledRule, facts: Facts): boolean {
  if (rule.specifier === undefined) return true;
  const type = CATEGORY_SUBJECT[rule.tool] ?? facts.type;
  if (type === 'command') {
    if (!facts.line) return false;
    if (!facts.line.ok) return false;
    return facts.line.commands.some((command) => command.forms.some((form) => rule.matchCommand(form)));
  }
  if (type === 'path') return facts.paths.some((p) => rule.matchPath(p.relative, p.absolute));
  if (type === 'domain') return facts.hosts.some((host) => rule.matchDomain(host));
  return false;
}

function matchesShellWrite(rule: CompiledRule, facts: Facts): boolean {
  if (rule.tool !== 'edit' && rule.tool !== 'write') return false;
  return facts.shellWrites.some((p) => rule.matchPath(p.relative, p.absolute));
}

type Allowed = { ok: true; rule: string } | { ok: false; uncovered: string; opaque: boolean };

/** Allowed only when every subject (every sub-command, every path, every host) is covered by some rule. */
function allowedBy(rules: readonly CompiledRule[], facts: Facts): Allowed {
  const used: string[] = [];
  const cover = (test: (rule: CompiledRule) => boolean): boolean => {
    const rule = rules.find(test);
    if (rule && !used.includes(rule.source)) used.push(rule.source);
    return rule !== undefined;
  };
  if (facts.type === 'command' && facts.line?.ok) {
    for (const command of facts.line.commands) {
      if (command.delegates) continue;
      if (command.opaque !== undefined) {
        if (cover((rule) => rule.specifier === undefined)) continue;
        return { ok: false, uncovered: `"${command.text}" (${command.opaque})`, opaque: true };
      }
      if (!cover((rule) => command.allowForms.some((form) => rule.matchCommand(form)))) return { ok: false, uncovered: `the command "${command.text}"`, opaque: false };
    }
    if (facts.line.commands.length === 0) return { ok: false, uncovered: 'an empty command', opaque: false };
  } else if (facts.type === 'path') {
    for (const p of facts.paths) if (!cover((rule) => rule.matchPath(p.relative, p.absolute))) return { ok: false, uncovered: `the path "${p.relative}"`, opaque: false };
  } else if (facts.type === 'domain') {
    for (const host of facts.hosts) if (!cover((rule) => rule.matchDomain(host))) return { ok: false, uncovered: `the host "${host}"`, opaque: false };
  } else if (!cover((rule) => rule.specifier === undefined)) {
    return { ok: false, uncovered: 'this call', opaque: false };
  }
  return { ok: true, rule: used.join(', ') };
}

/** Rules naming exactly the sub-commands, paths or hosts of a request, for "always allow" answers. */
function exactRules(request: PermissionRequest, facts: Facts): string[] {
  const tool = request.tool;
  if (facts.type === 'command') {
    if (!facts.line?.ok) return [];
    return facts.line.commands.filter((command) => !command.delegates && command.opaque === undefined).map((command) => `${tool}(${command.allowForms[0] ?? command.text})`);
  }
  if (facts.type === 'path') return facts.paths.map((p) => `${tool}(${p.relative.replace(/[*?[\]{}()!]/g, '\\$&')})`);
  if (facts.type === 'domain') return facts.hosts.map((host) => `${tool}(${host})`);
  return [tool];
}
