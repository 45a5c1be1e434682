// Facts about one Python file the checks share: which names hold constants, which hold request
// input (Flask, Django, FastAPI; route parameters too), and the names imported from modules.
import type { Node } from 'web-tree-sitter';
import { children, closest, descendants, field } from './ast.js';

const SOURCE = /^(flask\.)?request\.(args|form|values|json|data|files|cookies|headers|GET|POST|query_params|path_params|get_json|params|body|FILES|META|url|full_path)\b|^(input|raw_input)\(|^sys\.argv\b/;
const ROUTE_DECORATOR = /^@\s*\w+(\.\w+)*\.(route|get|post|put|delete|patch|api_route|websocket)\(/;
const FUNCTION = new Set(['function_definition']);

export interface PyFacts {
  root: Node;
  isConstant(node: Node): boolean;
  isTainted(node: Node): boolean;
  scopeOf(node: Node): Node;
  valuesOf(name: string, scope: Node): Node[];
  /** Local name → "module.name" for `from module import name [as local]`. */
  imports: Map<string, string>;
  /** The dotted name a callee stands for, resolving `from x import y`. */
  qualified(callee: Node): string;
}

export function pyFacts(root: Node): PyFacts {
  const imports = new Map<string, string>();
  for (const statement of descendants(root, 'import_from_statement')) {
    const module = field(statement, 'module_name')?.text ?? '';
    for (const child of children(statement).slice(1)) {
      if (child.type === 'dotted_name') imports.set(child.text, `${module}.${child.text}`);
      if (child.type === 'aliased_import') imports.set(field(child, 'alias')?.text ?? '', `${module}.${field(child, 'name')?.text ?? ''}`);
    }
  }
  for (const alias of descendants(root, 'aliased_import')) {
    if (alias.parent?.type === 'import_statement') imports.set(field(alias, 'alias')?.text ?? '', field(alias, 'name')?.text ?? '');
  }
  const constants = constantNames(root);
  const isConstant = (node: Node) => constantExpression(node, constants);
  const scopeOf = (node: Node): Node => closest(node.parent ?? node, FUNCTION) ?? root;
  const cache = new Map<number, Set<string>>();
  const taintedIn = (scope: Node): Set<string> => {
    let names = cache.get(scope.id);
    if (!names) {
      names = collectTaint(scope);
      cache.set(scope.id, names);
    }
    return names;
  };
  return {
    root,
    isConstant,
    isTainted: (node) => tainted(node, taintedIn(scopeOf(node))),
    scopeOf,
    valuesOf: (name, scope) => assignments(scope).filter((a) => a.target.text === name).map((a) => a.value),
    imports,
    qualified: (callee) => {
      const head = callee.text.split('.')[0] ?? '';
      const resolved = imports.get(head);
      return resolved === undefined ? callee.text : resolved + callee.text.slice(head.length);
    },
  };
}

function constantExpression(node: Node, constants: ReadonlySet<string>): boolean {
  switch (node.type) {
    case 'string':
      return descendants(node, 'interpolation').length === 0;
    case 'concatenated_string':
    case 'list':
    case 'tuple':
    case 'parenthesized_expression':
      return children(node).every((child) => constantExpression(child, constants));
    case 'integer':
    case 'float':
    case 'true':
    case 'false':
    case 'none':
      return true;
    case 'binary_operator': {
      const left = field(node, 'left');
      const right = field(node, 'right');
      return left !== undefined && right !== undefined && constantExpression(left, constants) && constantExpression(right, constants);
    }
    case 'identifier':
      return constants.has(node.text);
    default:
      return false;
  }
}

interface Assignment {
  target: Node;
  value: Node;
}

function assignments(scope: Node): Assignment[] {
  const found: Assignment[] = [];
  for (const node of descendants(scope, ['assignment', 'augmented_assignment'])) {
    const target = field(node, 'left');
    const value = field(node, 'right');
    if (target && value) found.push({ target, value });
  }
  return found;
}

/** Module-level names only ever assigned constants. */
function constantNames(root: Node): Set<string> {
  const names = new Set<string>();
  const all = assignments(root);
  for (let pass = 0; pass < 2; pass += 1) {
    for (const { target } of all) {
      if (target.type !== 'identifier') continue;
      const values = all.filter((a) => a.target.type === 'identifier' && a.target.text === target.text);
      if (values.every((a) => constantExpression(a.value, names))) names.add(target.text);
    }
  }
  return names;
}

function tainted(node: Node, names: ReadonlySet<string>): boolean {
  if ((node.type === 'attribute' || node.type === 'call' || node.type === 'subscript') && SOURCE.test(node.text)) return true;
  if (node.type === 'identifier' && names.has(node.text)) return true;
  return children(node).some((child) => tainted(child, names));
}

function collectTaint(scope: Node): Set<string> {
  const names = new Set<string>();
  // Route handlers' parameters come from the URL: @app.route("/files/<name>") def get(name).
  if (scope.type === 'function_definition' && scope.parent?.type === 'decorated_definition') {
    const routed = children(scope.parent).some((child) => child.type === 'decorator' && ROUTE_DECORATOR.test(child.text));
    if (routed) {
      for (const parameter of children(field(scope, 'parameters') ?? scope)) {
        const name = parameter.type === 'identifier' ? parameter : (field(parameter, 'name') ?? children(parameter).find((child) => child.type === 'identifier'));
        if (name && name.text !== 'self' && name.text !== 'request') names.add(name.text);
      }
    }
  }
  const all = assignments(scope);
  for (let pass = 0; pass < 2; pass += 1) {
    for (const { target, value } of all) {
      if (!tainted(value, names)) continue;
      for (const identifier of target.type === 'identifier' ? [target] : descendants(target, 'identifier')) names.add(identifier.text);
    }
  }
  return names;
}
