// JavaScript/TypeScript checks for data reaching an interpreter or a resource: SQL, shell, eval,
// file paths and outgoing requests built from input.
import type { Node } from 'web-tree-sitter';
import { children, descendants, field, hasAllowListCheck, lastName, looksLikeSql, type RawFinding } from './ast.js';
import type { JsFacts } from './js-facts.js';

const SQL_SINKS = new Set(['query', 'execute', 'raw', 'exec', 'run', 'all', 'get', 'prepare', 'each', 'queryRaw', '$queryRawUnsafe', '$executeRawUnsafe', 'whereRaw', 'havingRaw', 'orderByRaw', 'unsafe', 'sql']);
const SHELL_STRING = new Set(['exec', 'execSync']);
const SHELL_OPTION = new Set(['spawn', 'spawnSync', 'execFile', 'execFileSync']);
const FS_FUNCTIONS = new Set(['readFile', 'readFileSync', 'createReadStream', 'createWriteStream', 'writeFile', 'writeFileSync', 'appendFile', 'appendFileSync', 'unlink', 'unlinkSync', 'rm', 'rmSync', 'readdir', 'readdirSync', 'open', 'openSync', 'access', 'stat', 'statSync', 'sendFile', 'download', 'copyFile', 'rename']);
const HTTP_METHODS = new Set(['get', 'post', 'put', 'delete', 'patch', 'head', 'request', 'options']);
const HTTP_CLIENTS = /^(axios|got|needle|superagent|request|http|https|ky|undici)$/;

export function jsInjectionChecks(facts: JsFacts): RawFinding[] {
  const findings: RawFinding[] = [];
  for (const call of descendants(facts.root, ['call_expression', 'new_expression'])) {
    const callee = field(call, call.type === 'new_expression' ? 'constructor' : 'function');
    const args = children(field(call, 'arguments') ?? call).filter((arg) => arg.type !== 'comment');
    if (!callee || field(call, 'arguments')?.type !== 'arguments') continue;
    const name = lastName(callee.text);
    const object = callee.type === 'member_expression' ? (field(callee, 'object')?.text ?? '') : '';
    const first = args[0];
    if (!first) continue;
    if (SQL_SINKS.has(name) && callee.type === 'member_expression' && dynamicSql(first, facts)) {
      findings.push({ node: call, rule: 'sql-injection', message: `SQL built from variables is passed to ${callee.text}()` });
    }
    if (isChildProcess(callee, name, object, facts)) {
      if (SHELL_STRING.has(name) && !facts.isConstant(first)) findings.push({ node: call, rule: 'command-injection', message: `${callee.text}() runs a shell command built from variables` });
      if (SHELL_OPTION.has(name) && (args.some(shellTrue) || shellProgram(args)) && !args.slice(0, 2).every((arg) => facts.isConstant(arg) || arg.type === 'object')) {
        findings.push({ node: call, rule: 'command-injection', message: `${callee.text}() with shell: true runs a command built from variables` });
      }
    }
    const codeSink = codeInjection(call, callee, first, facts);
    if (codeSink) findings.push({ node: call, rule: 'code-injection', message: codeSink });
    if (FS_FUNCTIONS.has(name) && isFileCall(callee, name, object) && facts.isTainted(first) && !pathChecked(call, args, facts)) {
      findings.push({ node: call, rule: 'path-traversal', message: `a path from the request reaches ${callee.text}() without a check that it stays inside its folder` });
    }
    if (isHttpCall(callee, name, object) && ssrf(first, call, facts)) {
      findings.push({ node: call, rule: 'ssrf', message: `${callee.text}() fetches a URL taken from the request without checking its host` });
    }
  }
  return findings;
}

/** A string that looks like SQL and has non-constant parts, directly or through a variable. */
function dynamicSql(node: Node, facts: JsFacts, depth = 0): boolean {
  if (node.type === 'template_string') {
    if (node.parent?.type === 'call_expression') return false; // a tagged template such as sql`…` parameterises
    return looksLikeSql(literalText(node)) && !facts.isConstant(node);
  }
  if (node.type === 'binary_expression' && field(node, 'operator')?.text === '+') return looksLikeSql(literalText(node)) && !facts.isConstant(node);
  if (node.type === 'identifier' && depth < 3) return facts.valuesOf(node.text, facts.scopeOf(node)).some((value) => dynamicSql(value, facts, depth + 1));
  if (node.type === 'call_expression' && /\.(concat|replace)$/.test(field(node, 'function')?.text ?? '')) return looksLikeSql(node.text) && !facts.isConstant(node);
  return false;
}

/** The literal text of a template or concatenation, with the variable parts left out. */
function literalText(node: Node): string {
  return descendants(node, ['string_fragment']).map((part) => part.text).join(' ');
}

function isChildProcess(callee: Node, name: string, object: string, facts: JsFacts): boolean {
  if (!SHELL_STRING.has(name) && !SHELL_OPTION.has(name)) return false;
  if (callee.type === 'member_expression') return facts.childProcess.namespaces.has(object) || /^require\(['"](node:)?child_process['"]\)$/.test(object) || object === 'shell' || object === 'shelljs';
  if (facts.childProcess.functions.has(callee.text)) return true;
  // Without an import in view (a snippet, a diff hunk), a bare exec/execSync is almost always child_process.
  return !facts.childProcess.imported;
}

function shellTrue(arg: Node): boolean {
  return arg.type === 'object' && descendants(arg, 'pair').some((pair) => /^['"]?shell['"]?$/.test(field(pair, 'key')?.text ?? '') && field(pair, 'value')?.type !== 'false');
}

/** `spawn('sh', ['-c', script])`: a shell by another name. */
function shellProgram(args: Node[]): boolean {
  const [program, list] = args;
  return program !== undefined && /^['"`](\/bin\/|\/usr\/bin\/)?(sh|bash|zsh|dash|cmd|cmd\.exe|powershell)['"`]$/.test(program.text) && list?.type === 'array' && /^['"`](-c|\/c|-Command)['"`]$/.test(children(list)[0]?.text ?? '');
}

function codeInjection(call: Node, callee: Node, first: Node, facts: JsFacts): string | undefined {
  const text = callee.text;
  if (call.type === 'new_expression') {
    if (text === 'Function' && !children(field(call, 'arguments') ?? call).every((arg) => facts.isConstant(arg))) return 'new Function() compiles code built from variables';
    if (/^(vm\.)?Script$/.test(text) && !facts.isConstant(first)) return 'new vm.Script() compiles code built from variables';
    return undefined;
  }
  if (text === 'eval' && !facts.isConstant(first)) return 'eval() runs code built from variables';
  if (text === 'Function' && !facts.isConstant(first)) return 'Function() compiles code built from variables';
  if (/^(window\.|globalThis\.)?(setTimeout|setInterval|setImmediate)$/.test(text) && isStringy(first) && !facts.isConstant(first)) return `${text}() with a string evaluates it as code`;
  if (/^vm\.(runInThisContext|runInNewContext|runInContext|compileFunction)$/.test(text) && !facts.isConstant(first)) return `${text}() runs code built from variables`;
  return undefined;
}

function isStringy(node: Node): boolean {
  return node.type === 'string' || node.type === 'template_string' || (node.type === 'binary_expression' && /["'`]/.test(node.text));
}

function isFileCall(callee: Node, name: string, object: string): boolean {
  if (callee.type !== 'member_expression') return name !== 'open' && name !== 'rm' && name !== 'access' && name !== 'stat' && name !== 'rename';
  if (name === 'sendFile' || name === 'download') return /^(res|response|reply)$/.test(object);
  return /(^|\.)(fs|fsp|fse|promises|fsPromises|fs\.promises)$/.test(object);
}

/** A resolved-path containment check, a basename, or express's root option make the path safe. */
function pathChecked(call: Node, args: Node[], facts: JsFacts): boolean {
  const scope = facts.scopeOf(call).text;
  if (/basename\(/.test(args[0]?.text ?? '') || /\bbasename\(/.test(scope)) return true;
  if (/\.startsWith\(/.test(scope) && /(path\.)?(resolve|normalize|realpath|realpathSync)\(/.test(scope)) return true;
  if (/\.(includes|indexOf)\(\s*['"]\.\.['"]/.test(scope) || /path\.relative\([\s\S]*startsWith\(['"]\.\./.test(scope)) return true;
  return args.slice(1).some((arg) => arg.type === 'object' && /\broot\s*:/.test(arg.text));
}

function isHttpCall(callee: Node, name: string, object: string): boolean {
  if (callee.type === 'identifier') return name === 'fetch' || HTTP_CLIENTS.test(name);
  return (HTTP_METHODS.has(name) && HTTP_CLIENTS.test(object)) || callee.text === 'window.fetch' || callee.text === 'globalThis.fetch';
}

function ssrf(first: Node, call: Node, facts: JsFacts): boolean {
  const url = first.type === 'object' ? descendants(first, 'pair').find((pair) => /^['"]?url['"]?$/.test(field(pair, 'key')?.text ?? '')) : first;
  const target = url?.type === 'pair' ? field(url, 'value') : url;
  if (!target || !facts.isTainted(target)) return false;
  if (fixedOrigin(target, facts)) return false;
  return !hasAllowListCheck(facts.scopeOf(call).text);
}

/** `https://api.example.com/users/${id}`: the host is fixed, only the path varies. */
function fixedOrigin(node: Node, facts: JsFacts): boolean {
  // `${API_BASE}/items/${id}` with a constant API_BASE: the origin is fixed too.
  const lead = node.type === 'template_string' ? children(node)[0] : undefined;
  if (lead?.type === 'template_substitution' && children(lead).every((inner) => facts.isConstant(inner)) && /^\//.test(children(node)[1]?.text ?? '')) return true;
  const head = node.type === 'template_string' ? (descendants(node, 'string_fragment')[0]?.text ?? '') : node.type === 'binary_expression' ? (field(node, 'left')?.text ?? '') : '';
  const startsWithLiteral = node.type === 'template_string' ? node.text.startsWith('`http') : /^['"`]https?:/.test(head);
  return startsWithLiteral && /^['"`]?https?:\/\/[^/'"`$]+\//.test(head);
}
