// Python checks for dangerous values and settings: hard-coded credentials, TLS verification off,
// `random` for secrets, CORS with credentials for any origin, pickle/yaml/marshal deserialisation.
import type { Node } from 'web-tree-sitter';
import { children, descendants, field, type RawFinding } from './ast.js';
import { isCredentialName, isPlausibleSecret, isSecurityTokenName } from './names.js';
import type { PyFacts } from './py-facts.js';

export function pyConfigChecks(facts: PyFacts): RawFinding[] {
  return [...credentials(facts), ...tls(facts), ...insecureRandom(facts), ...cors(facts), ...deserialization(facts)];
}

function stringValue(node: Node | undefined): string | undefined {
  if (node?.type !== 'string' || descendants(node, 'interpolation').length > 0) return undefined;
  return descendants(node, 'string_content').map((part) => part.text).join('');
}

function nameOf(node: Node | undefined): string {
  if (!node) return '';
  if (node.type === 'attribute') return field(node, 'attribute')?.text ?? '';
  if (node.type === 'subscript') return stringValue(field(node, 'subscript')) ?? '';
  return stringValue(node) ?? node.text;
}

function credentials(facts: PyFacts): RawFinding[] {
  const findings: RawFinding[] = [];
  const check = (node: Node, name: string, value: Node | undefined) => {
    const text = stringValue(value);
    if (text !== undefined && isCredentialName(name) && isPlausibleSecret(text, name)) findings.push({ node, rule: 'hardcoded-credential', message: `a credential is hard-coded in "${name}"` });
  };
  for (const node of descendants(facts.root, ['assignment', 'keyword_argument', 'pair', 'default_parameter', 'typed_default_parameter', 'comparison_operator', 'call'])) {
    if (node.type === 'assignment') check(node, nameOf(field(node, 'left')), field(node, 'right'));
    else if (node.type === 'keyword_argument' || node.type === 'default_parameter' || node.type === 'typed_default_parameter') check(node, field(node, 'name')?.text ?? '', field(node, 'value'));
    else if (node.type === 'pair') check(node, nameOf(field(node, 'key')), field(node, 'value'));
    else if (node.type === 'comparison_operator') {
      const [left, right] = children(node);
      if (left && right && /==|!=/.test(node.text)) check(node, nameOf(left), right);
    } else if (/^os\.(environ\.get|getenv)$/.test(field(node, 'function')?.text ?? '')) {
      // os.environ.get("API_KEY", "sk_live_…"): a real secret as the fallback.
      const [name, fallback] = children(field(node, 'arguments') ?? node);
      check(node, stringValue(name) ?? '', fallback);
    }
  }
  return findings;
}

function tls(facts: PyFacts): RawFinding[] {
  const findings: RawFinding[] = [];
  for (const argument of descendants(facts.root, 'keyword_argument')) {
    const name = field(argument, 'name')?.text ?? '';
    const value = field(argument, 'value')?.text ?? '';
    if ((name === 'verify' && value === 'False') || (name === 'cert_reqs' && /CERT_NONE/.test(value)) || (name === 'ssl' && value === 'False' && /aiohttp|session|connector/i.test(argument.parent?.parent?.text ?? ''))) {
      findings.push({ node: argument, rule: 'tls-verification-disabled', message: `${name}=${value} turns off certificate verification` });
    }
  }
  for (const attribute of descendants(facts.root, 'attribute')) {
    if (/^ssl\._create_unverified_context$/.test(attribute.text)) findings.push({ node: attribute, rule: 'tls-verification-disabled', message: 'ssl._create_unverified_context() accepts any certificate' });
  }
  for (const assignment of descendants(facts.root, 'assignment')) {
    const left = field(assignment, 'left')?.text ?? '';
    const right = field(assignment, 'right')?.text ?? '';
    if ((/\.check_hostname$/.test(left) && right === 'False') || (/\.verify_mode$/.test(left) && /CERT_NONE/.test(right))) {
      findings.push({ node: assignment, rule: 'tls-verification-disabled', message: `${left} = ${right} turns off certificate verification` });
    }
  }
  return findings;
}

const RANDOM = /^random\.(random|randint|randrange|choice|choices|sample|getrandbits|uniform|shuffle)$/;

function insecureRandom(facts: PyFacts): RawFinding[] {
  const findings: RawFinding[] = [];
  for (const call of descendants(facts.root, 'call')) {
    const callee = field(call, 'function');
    if (!callee || !RANDOM.test(facts.qualified(callee))) continue;
    const name = namesAround(call).find(isSecurityTokenName);
    if (name) findings.push({ node: call, rule: 'insecure-random', message: `${facts.qualified(callee)}() is predictable but makes "${name}"` });
  }
  return findings;
}

function namesAround(node: Node): string[] {
  const names: string[] = [];
  for (let current: Node | null = node.parent; current; current = current.parent) {
    if (current.type === 'assignment' || current.type === 'augmented_assignment') names.push(nameOf(field(current, 'left')));
    else if (current.type === 'keyword_argument') names.push(field(current, 'name')?.text ?? '');
    else if (current.type === 'pair') names.push(nameOf(field(current, 'key')));
    else if (current.type === 'function_definition') {
      names.push(field(current, 'name')?.text ?? '');
      break;
    }
  }
  return names.filter((name) => name !== '');
}

function cors(facts: PyFacts): RawFinding[] {
  const findings: RawFinding[] = [];
  for (const call of descendants(facts.root, 'call')) {
    const callee = field(call, 'function')?.text ?? '';
    const args = field(call, 'arguments')?.text ?? '';
    if (/(^|\.)CORS$/.test(callee) && /supports_credentials\s*=\s*True/.test(args)) {
      const origins = /\borigins\s*[=:]\s*(?<value>[^,)}]+)/.exec(args)?.groups?.value ?? "'*'";
      if (/^\[?\s*['"](\*|\.\*)['"]/.test(origins.trim())) findings.push({ node: call, rule: 'permissive-cors', message: 'Flask-CORS allows credentials for every origin' });
    }
    if (/add_middleware$/.test(callee) && /CORSMiddleware/.test(args) && /allow_credentials\s*=\s*True/.test(args) && /allow_origins\s*=\s*\[\s*['"]\*['"]|allow_origin_regex\s*=\s*['"]\.\*/.test(args)) {
      findings.push({ node: call, rule: 'permissive-cors', message: 'CORSMiddleware allows credentials for every origin' });
    }
  }
  const text = facts.root.text;
  const allowAll = descendants(facts.root, 'assignment').find((a) => /^CORS_(ALLOW_ALL_ORIGINS|ORIGIN_ALLOW_ALL)$/.test(field(a, 'left')?.text ?? '') && field(a, 'right')?.text === 'True');
  if (allowAll && /CORS_ALLOW_CREDENTIALS\s*=\s*True/.test(text)) findings.push({ node: allowAll, rule: 'permissive-cors', message: 'django-cors-headers allows credentials for every origin' });
  for (const assignment of descendants(facts.root, 'assignment')) {
    const left = field(assignment, 'left')?.text ?? '';
    const right = field(assignment, 'right')?.text ?? '';
    const scope = facts.scopeOf(assignment).text;
    if (/Access-Control-Allow-Origin/i.test(left) && (/^['"]\*['"]$/.test(right) || /origin/i.test(right)) && /Access-Control-Allow-Credentials['"]\]\s*=\s*['"]true/i.test(scope) && !/\bin\s+\w*(ALLOWED|TRUSTED|allowed|trusted)/.test(scope)) {
      findings.push({ node: assignment, rule: 'permissive-cors', message: 'Access-Control-Allow-Origin is "*" or the request\'s own origin while credentials are allowed' });
    }
  }
  return findings;
}

const DESERIALIZE = /^(pickle|cPickle|_pickle|dill|cloudpickle|marshal|shelve)\.(load|loads|open|Unpickler)$|^(jsonpickle\.decode|pandas\.read_pickle|pd\.read_pickle|yaml\.unsafe_load|yaml\.full_load)$/;

function deserialization(facts: PyFacts): RawFinding[] {
  const findings: RawFinding[] = [];
  for (const call of descendants(facts.root, 'call')) {
    const callee = field(call, 'function');
    if (!callee) continue;
    const name = facts.qualified(callee);
    if (DESERIALIZE.test(name)) findings.push({ node: call, rule: 'unsafe-deserialization', message: `${name}() can run code embedded in the data` });
    if (/^yaml\.(load|load_all)$/.test(name)) {
      const loader = descendants(field(call, 'arguments') ?? call, 'keyword_argument').find((arg) => field(arg, 'name')?.text === 'Loader');
      const second = children(field(call, 'arguments') ?? call)[1];
      const chosen = loader ? (field(loader, 'value')?.text ?? '') : second && second.type !== 'keyword_argument' ? second.text : '';
      if (!/(Safe|CSafe|Base)Loader$/.test(chosen)) findings.push({ node: call, rule: 'unsafe-deserialization', message: `${name}() without SafeLoader can build arbitrary Python objects` });
    }
  }
  return findings;
}
