// Small helpers over tree-sitter nodes shared by the JavaScript/TypeScript and Python checks.
import type { Node } from 'web-tree-sitter';
import type { AuditRule } from './types.js';

export interface RawFinding {
  node: Node;
  rule: AuditRule;
  message: string;
}

export function children(node: Node): Node[] {
  return node.namedChildren.filter((child): child is Node => child !== null);
}

export function descendants(node: Node, types: string | string[]): Node[] {
  return node.descendantsOfType(types).filter((child): child is Node => child !== null);
}

export function field(node: Node, name: string): Node | undefined {
  return node.childForFieldName(name) ?? undefined;
}

/** The nearest ancestor (or the node itself) of one of these types. */
export function closest(node: Node, types: ReadonlySet<string>): Node | undefined {
  for (let current: Node | null = node; current; current = current.parent) if (types.has(current.type)) return current;
  return undefined;
}

/** Looks like SQL: a statement keyword followed by its usual partner. */
export function looksLikeSql(text: string): boolean {
  return /\b(select\s[\s\S]*\bfrom\b|insert\s+into\b|update\s+[\w."`[\]]+\s+set\b|delete\s+from\b|drop\s+(table|database)\b|create\s+table\b|alter\s+table\b|merge\s+into\b)|^\s*(where|and|or|order\s+by|group\s+by|limit|values)\b/i.test(text);
}

/** The last name in a callee: `db.query` → query, `exec` → exec. */
export function lastName(text: string): string {
  const match = /([A-Za-z_$][\w$]*)\s*$/.exec(text);
  return match?.[1] ?? '';
}

/** Allow-list checks near a sink: `ALLOWED_HOSTS.includes(u.hostname)`, `if host not in TRUSTED`. */
export function hasAllowListCheck(scopeText: string): boolean {
  return /\bin\s+\w*(allow|whitelist|trusted|permitted)|\b\w*(allow|whitelist|trusted|permitted|safe)\w*\b[\s\S]{0,80}(\.includes|\.has|\.indexOf|\.some|\.test|\bin\b)|(\.includes|\.has)\([^)]*(host|origin|domain)/i.test(scopeText) && /host|origin|domain|netloc/i.test(scopeText);
}
