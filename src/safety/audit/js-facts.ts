// Facts about one JavaScript/TypeScript file the checks share: which names hold constants, which
// hold request input (a small intra-function taint pass), and how child_process was imported.
import type { Node } from 'web-tree-sitter';
import { children, closest, descendants, field } from './ast.js';

const FUNCTION_TYPES = new Set(['function_declaration', 'function_expression', 'function', 'arrow_function', 'method_definition', 'generator_function_declaration']);
/** Request data in Express, Koa, Fastify, Next and Lambda handlers. */
const SOURCE = /^(req|request|ctx|context|event)\.(params|query|body|headers|cookies|files|originalUrl|url|queryStringParameters|pathParameters|request\.(body|query|headers))\b|^(req|request)\.(param|get|header)\(|searchParams\.get\(|^(url\.)?searchParams\b/;

export interface JsFacts {
  root: Node;
  isConstant(node: Node): boolean;
  /** Derived from request input, in this function. */
  isTainted(node: Node): boolean;
  /** The enclosing function (or the file). */
  scopeOf(node: Node): Node;
  /** Values assigned to `name` inside `scope`. */
  valuesOf(name: string, scope: Node): Node[];
  /** Local names bound to child_process (namespaces) and its functions (local → exported name). */
  childProcess: { namespaces: Set<string>; functions: Map<string, string>; imported: boolean };
}

export function jsFacts(root: Node): JsFacts {
  const constants = new Set<string>();
  const declarators = descendants(root, 'variable_declarator');
  const isConstant = (node: Node): boolean => constantExpression(node, constants);
  for (let pass = 0; pass < 2; pass += 1) {
    for (const declarator of declarators) {
      const name = field(declarator, 'name');
      const value = field(declarator, 'value');
      const kind = declarator.parent?.child(0)?.type;
      if (name?.type === 'identifier' && value && kind === 'const' && isConstant(value)) constants.add(name.text);
    }
  }
  const taintCache = new Map<number, Set<string>>();
  const scopeOf = (node: Node): Node => closest(node.parent ?? node, FUNCTION_TYPES) ?? root;
  const taintedNames = (scope: Node): Set<string> => {
    let names = taintCache.get(scope.id);
    if (!names) {
      names = collectTaint(scope);
      taintCache.set(scope.id, names);
    }
    return names;
  };
  return {
    root,
    isConstant,
    isTainted: (node) => {
      const names = new Set<string>();
      for (let scope: Node | undefined = scopeOf(node); scope; scope = scope === root ? undefined : scopeOf(scope)) for (const name of taintedNames(scope)) names.add(name);
      return tainted(node, names);
    },
    scopeOf,
    valuesOf: (name, scope) => assignedValues(scope, name),
    childProcess: childProcessBindings(root),
  };
}

function constantExpression(node: Node, constants: ReadonlySet<string>): boolean {
  switch (node.type) {
    case 'string':
    case 'number':
    case 'true':
    case 'false':
    case 'null':
    case 'undefined':
    case 'regex':
      return true;
    case 'template_string':
      return descendants(node, 'template_substitution').every((part) => children(part).every((inner) => constantExpression(inner, constants)));
    case 'binary_expression': {
      const left = field(node, 'left');
      const right = field(node, 'right');
      return left !== undefined && right !== undefined && constantExpression(left, constants) && constantExpression(right, constants);
    }
    case 'parenthesized_expression':
    case 'as_expression':
    case 'satisfies_expression':
      return children(node).slice(0, 1).every((inner) => constantExpression(inner, constants));
    case 'identifier':
      return constants.has(node.text);
    case 'array':
      return children(node).every((inner) => constantExpression(inner, constants));
    case 'member_expression':
      return /^[A-Z][A-Z0-9_]*\./.test(node.text) && !node.text.startsWith('process.');
    default:
      return false;
  }
}

function tainted(node: Node, names: ReadonlySet<string>): boolean {
  if ((node.type === 'member_expression' || node.type === 'call_expression' || node.type === 'subscript_expression') && SOURCE.test(node.text)) return true;
  if (node.type === 'identifier' && names.has(node.text)) return true;
  if (node.type === 'shorthand_property_identifier' && names.has(node.text)) return true;
  return children(node).some((child) => tainted(child, names));
}

/** Names assigned (in order, twice for chains) from request input within a function. */
function collectTaint(scope: Node): Set<string> {
  const names = new Set<string>();
  const bindings = descendants(scope, ['variable_declarator', 'assignment_expression', 'augmented_assignment_expression']);
  for (let pass = 0; pass < 2; pass += 1) {
    for (const binding of bindings) {
      const target = field(binding, binding.type === 'variable_declarator' ? 'name' : 'left');
      const value = field(binding, binding.type === 'variable_declarator' ? 'value' : 'right');
      if (target && value && tainted(value, names)) for (const name of boundNames(target)) names.add(name);
    }
  }
  return names;
}

function boundNames(pattern: Node): string[] {
  if (pattern.type === 'identifier' || pattern.type === 'shorthand_property_identifier_pattern') return [pattern.text];
  if (pattern.type === 'pair_pattern') {
    const value = field(pattern, 'value');
    return value ? boundNames(value) : [];
  }
  if (pattern.type === 'object_pattern' || pattern.type === 'array_pattern' || pattern.type === 'assignment_pattern' || pattern.type === 'rest_pattern') {
    return children(pattern).flatMap(boundNames);
  }
  return [];
}

function assignedValues(scope: Node, name: string): Node[] {
  const values: Node[] = [];
  for (const binding of descendants(scope, ['variable_declarator', 'assignment_expression', 'augmented_assignment_expression'])) {
    const target = field(binding, binding.type === 'variable_declarator' ? 'name' : 'left');
    const value = field(binding, binding.type === 'variable_declarator' ? 'value' : 'right');
    if (target?.type === 'identifier' && target.text === name && value) values.push(value);
  }
  return values;
}

function childProcessBindings(root: Node): JsFacts['childProcess'] {
  const namespaces = new Set<string>(['child_process', 'childProcess']);
  const functions = new Map<string, string>();
  let imported = false;
  const isModule = (text: string) => /^['"](node:)?child_process['"]$/.test(text);
  for (const statement of descendants(root, 'import_statement')) {
    const source = field(statement, 'source');
    if (!source || !isModule(source.text)) continue;
    imported = true;
    for (const specifier of descendants(statement, 'import_specifier')) {
      const exported = field(specifier, 'name')?.text ?? '';
      functions.set(field(specifier, 'alias')?.text ?? exported, exported);
    }
    for (const namespace of descendants(statement, ['namespace_import', 'import_clause'])) {
      const local = children(namespace).find((child) => child.type === 'identifier');
      if (local) namespaces.add(local.text);
    }
  }
  for (const declarator of descendants(root, 'variable_declarator')) {
    const value = field(declarator, 'value');
    const call = value?.type === 'call_expression' ? value : undefined;
    if (!call || field(call, 'function')?.text !== 'require' || !isModule(field(call, 'arguments')?.namedChildren[0]?.text ?? '')) continue;
    imported = true;
    const name = field(declarator, 'name');
    if (name?.type === 'identifier') namespaces.add(name.text);
    for (const pattern of name ? descendants(name, ['shorthand_property_identifier_pattern', 'pair_pattern']) : []) {
      if (pattern.type === 'shorthand_property_identifier_pattern') functions.set(pattern.text, pattern.text);
      else functions.set(field(pattern, 'value')?.text ?? '', field(pattern, 'key')?.text ?? '');
    }
  }
  return { namespaces, functions, imported };
}
