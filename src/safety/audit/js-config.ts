// JavaScript/TypeScript checks for dangerous values and settings: hard-coded credentials, TLS
// verification turned off, Math.random for secrets, CORS with credentials for any origin, unserialize.
import type { Node } from 'web-tree-sitter';
import { children, closest, descendants, field, hasAllowListCheck, type RawFinding } from './ast.js';
import type { JsFacts } from './js-facts.js';
import { isCredentialName, isPlausibleSecret, isSecurityTokenName } from './names.js';

export function jsConfigChecks(facts: JsFacts): RawFinding[] {
  return [...credentials(facts.root), ...tls(facts.root), ...insecureRandom(facts.root), ...cors(facts), ...deserialization(facts.root)];
}

function stringValue(node: Node | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'string') return node.text.slice(1, -1);
  if (node.type === 'template_string' && descendants(node, 'template_substitution').length === 0) return node.text.slice(1, -1);
  return undefined;
}

function keyName(node: Node | undefined): string {
  if (!node) return '';
  if (node.type === 'member_expression') return field(node, 'property')?.text ?? '';
  if (node.type === 'subscript_expression') return stringValue(field(node, 'index')) ?? '';
  return stringValue(node) ?? node.text;
}

function credentials(root: Node): RawFinding[] {
  const findings: RawFinding[] = [];
  const check = (node: Node, name: string, value: Node | undefined) => {
    const text = stringValue(value);
    if (text !== undefined && isCredentialName(name) && isPlausibleSecret(text, name)) {
      findings.push({ node, rule: 'hardcoded-credential', message: `a credential is hard-coded in "${name}"` });
    }
  };
  for (const node of descendants(root, ['variable_declarator', 'assignment_expression', 'pair', 'public_field_definition', 'assignment_pattern', 'binary_expression', 'field_definition'])) {
    switch (node.type) {
      case 'variable_declarator':
        check(node, field(node, 'name')?.text ?? '', field(node, 'value'));
        break;
      case 'assignment_expression':
      case 'assignment_pattern':
        check(node, keyName(field(node, 'left')), field(node, 'right'));
        break;
      case 'pair':
        check(node, keyName(field(node, 'key')), field(node, 'value'));
        break;
      case 'public_field_definition':
      case 'field_definition':
        check(node, field(node, 'name')?.text ?? field(node, 'property')?.text ?? '', field(node, 'value'));
        break;
      case 'binary_expression': {
        const operator = field(node, 'operator')?.text ?? '';
        const left = field(node, 'left');
        const right = field(node, 'right');
        // `password === "hunter22"` and `process.env.API_KEY || "sk_live_…"` (a fallback secret).
        if (['===', '==', '!==', '!=', '||', '??'].includes(operator) && left && right) check(node, keyName(left), right);
        break;
      }
    }
  }
  return findings;
}

function tls(root: Node): RawFinding[] {
  const findings: RawFinding[] = [];
  for (const pair of descendants(root, 'pair')) {
    const key = keyName(field(pair, 'key'));
    const value = field(pair, 'value')?.text ?? '';
    if ((key === 'rejectUnauthorized' || key === 'strictSSL') && /^(false|0)$/.test(value)) findings.push({ node: pair, rule: 'tls-verification-disabled', message: `${key}: ${value} turns off certificate verification` });
    if (key === 'checkServerIdentity' && /=>\s*(undefined|null|\{\s*\})$/.test(value)) findings.push({ node: pair, rule: 'tls-verification-disabled', message: 'checkServerIdentity accepts any certificate' });
  }
  for (const assignment of descendants(root, 'assignment_expression')) {
    const left = field(assignment, 'left');
    const right = field(assignment, 'right')?.text ?? '';
    if (left && keyName(left) === 'NODE_TLS_REJECT_UNAUTHORIZED' && /^['"`]?(0|false)['"`]?$/.test(right)) {
      findings.push({ node: assignment, rule: 'tls-verification-disabled', message: 'NODE_TLS_REJECT_UNAUTHORIZED = 0 turns off certificate verification for the whole process' });
    }
  }
  return findings;
}

const FUNCTION_TYPES = new Set(['function_declaration', 'function_expression', 'function', 'arrow_function', 'method_definition']);

function insecureRandom(root: Node): RawFinding[] {
  const findings: RawFinding[] = [];
  for (const call of descendants(root, 'call_expression')) {
    if (field(call, 'function')?.text !== 'Math.random') continue;
    const names = namesAround(call);
    const name = names.find(isSecurityTokenName);
    if (name) findings.push({ node: call, rule: 'insecure-random', message: `Math.random() is predictable but makes "${name}"` });
  }
  return findings;
}

/** The variable, property or function a value ends up in: what it is used for. */
function namesAround(node: Node): string[] {
  const names: string[] = [];
  for (let current: Node | null = node.parent; current; current = current.parent) {
    if (current.type === 'variable_declarator') names.push(field(current, 'name')?.text ?? '');
    else if (current.type === 'assignment_expression') names.push(keyName(field(current, 'left')));
    else if (current.type === 'pair') names.push(keyName(field(current, 'key')));
    else if (current.type === 'call_expression' && current.id !== node.id) names.push(field(current, 'function')?.text.split('.').pop() ?? '');
    if (FUNCTION_TYPES.has(current.type)) {
      const named = field(current, 'name')?.text ?? (current.parent?.type === 'variable_declarator' || current.parent?.type === 'pair' ? (field(current.parent, 'name') ?? field(current.parent, 'key'))?.text : undefined);
      // An anonymous callback (`.map(() => Math.random())`) serves the function around it.
      if (named) {
        names.push(named);
        break;
      }
    }
  }
  return names.filter((name) => name !== '');
}

function cors(facts: JsFacts): RawFinding[] {
  const findings: RawFinding[] = [];
  for (const object of descendants(facts.root, 'object')) {
    const pairs = new Map(descendants(object, 'pair').filter((pair) => pair.parent?.id === object.id).map((pair) => [keyName(field(pair, 'key')).toLowerCase(), field(pair, 'value')]));
    const credentials = pairs.get('credentials') ?? pairs.get('access-control-allow-credentials');
    const origin = pairs.get('origin') ?? pairs.get('access-control-allow-origin');
    if (!credentials || !origin || !/^(true|['"`]true['"`])$/.test(credentials.text)) continue;
    if (/^(['"`]\*['"`]|true)$/.test(origin.text) || reflectsOrigin(origin)) {
      findings.push({ node: object, rule: 'permissive-cors', message: 'CORS allows credentials for any origin' });
    }
  }
  for (const call of descendants(facts.root, 'call_expression')) {
    const callee = field(call, 'function')?.text ?? '';
    const args = children(field(call, 'arguments') ?? call);
    if (!/\.(setHeader|header|set|append)$/.test(callee) || !/access-control-allow-origin/i.test(args[0]?.text ?? '')) continue;
    const value = args[1];
    const scope = facts.scopeOf(call);
    const withCredentials = /access-control-allow-credentials['"`]\s*,\s*['"`]?true/i.test(scope.text) || /access-control-allow-credentials['"`]\s*,\s*['"`]?true/i.test(facts.root.text);
    if (!value || !withCredentials) continue;
    const reflected = /origin/i.test(value.text) && !hasAllowListCheck(scope.text);
    if (/^['"`]\*['"`]$/.test(value.text) || reflected) findings.push({ node: call, rule: 'permissive-cors', message: 'Access-Control-Allow-Origin is "*" or the request\'s own origin while credentials are allowed' });
  }
  return findings;
}

/** `origin: (origin, cb) => cb(null, true)` or `origin: req.headers.origin`: every origin is echoed back. */
function reflectsOrigin(origin: Node): boolean {
  if (/^(req|request)\.(headers\.origin|header\(['"]origin['"]\)|get\(['"]origin['"]\))/i.test(origin.text)) return true;
  if (origin.type !== 'arrow_function' && origin.type !== 'function_expression' && origin.type !== 'function') return false;
  const body = origin.text;
  return /\(\s*null\s*,\s*(true|origin)\s*\)/.test(body) && !/\.(includes|has|indexOf|test)\(/.test(body);
}

function deserialization(root: Node): RawFinding[] {
  const findings: RawFinding[] = [];
  const serializeModules = descendants(root, ['string']).some((node) => /^['"](node-serialize|serialize-to-js|funcster)['"]$/.test(node.text));
  for (const call of descendants(root, 'call_expression')) {
    const callee = field(call, 'function')?.text ?? '';
    if (/(^|\.)(unserialize|deserialize)$/.test(callee) && (serializeModules || /^(serialize|serializer|nodeSerialize)\./.test(callee) || /require\(['"]node-serialize['"]\)/.test(callee))) {
      if (callee.startsWith('v8.') || closest(call, new Set(['comment']))) continue;
      findings.push({ node: call, rule: 'unsafe-deserialization', message: `${callee}() can run code embedded in the data (node-serialize)` });
    }
  }
  return findings;
}
