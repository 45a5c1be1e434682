// Python checks for data reaching an interpreter or a resource: SQL, shell, eval/exec, file paths
// and outgoing requests built from input.
import type { Node } from 'web-tree-sitter';
import { children, descendants, field, hasAllowListCheck, looksLikeSql, type RawFinding } from './ast.js';
import type { PyFacts } from './py-facts.js';

const SQL_SINKS = /(^|\.)(execute|executemany|executescript|raw|extra|read_sql|read_sql_query|text|mogrify)$/;
const SHELL_STRING = /^(os\.(system|popen|popen2|popen3)|commands\.(getoutput|getstatusoutput)|subprocess\.(getoutput|getstatusoutput)|asyncio\.create_subprocess_shell|pty\.spawn)$/;
const SUBPROCESS = /^subprocess\.(run|call|check_call|check_output|Popen)$/;
const FILE_SINKS = /^(open|io\.open|codecs\.open|os\.(remove|unlink|rmdir|listdir|open|stat)|shutil\.(rmtree|copy|copyfile|move)|flask\.send_file|send_file|pathlib\.Path|Path|FileResponse|fastapi\.responses\.FileResponse|starlette\.responses\.FileResponse)$/;
const HTTP = /^(requests|httpx|session|sess|client|http|aiohttp|urllib3)\.(get|post|put|delete|patch|head|request|options|urlopen)$|^(urllib\.request\.urlopen|urllib2\.urlopen|urlopen|requests\.Session\(\)\.\w+)$/;

function keyword(call: Node, name: string): Node | undefined {
  const list = field(call, 'arguments');
  const pair = list ? children(list).find((arg) => arg.type === 'keyword_argument' && field(arg, 'name')?.text === name) : undefined;
  return pair ? field(pair, 'value') : undefined;
}

export function pyInjectionChecks(facts: PyFacts): RawFinding[] {
  const findings: RawFinding[] = [];
  for (const call of descendants(facts.root, 'call')) {
    const callee = field(call, 'function');
    const argumentList = field(call, 'arguments');
    if (!callee || argumentList?.type !== 'argument_list') continue;
    const positional = children(argumentList).filter((arg) => arg.type !== 'keyword_argument' && arg.type !== 'comment');
    const first = positional[0] ?? keyword(call, 'args') ?? keyword(call, 'sql') ?? keyword(call, 'url');
    const name = facts.qualified(callee);
    if (!first) continue;
    if ((callee.type === 'attribute' || name === 'sqlalchemy.text') && SQL_SINKS.test(callee.text) && dynamicSql(first, facts)) {
      findings.push({ node: call, rule: 'sql-injection', message: `SQL built from variables is passed to ${callee.text}()` });
    }
    if (SHELL_STRING.test(name) && !facts.isConstant(first)) findings.push({ node: call, rule: 'command-injection', message: `${name}() runs a shell command built from variables` });
    if (SUBPROCESS.test(name) && keyword(call, 'shell')?.type === 'true' && !facts.isConstant(first)) {
      findings.push({ node: call, rule: 'command-injection', message: `${name}(…, shell=True) runs a command built from variables` });
    }
    if ((name === 'eval' || name === 'exec' || name === 'builtins.eval' || name === 'builtins.exec') && !facts.isConstant(first)) {
      findings.push({ node: call, rule: 'code-injection', message: `${name}() runs code built from variables` });
    }
    if (FILE_SINKS.test(name) && facts.isTainted(first) && !pathChecked(call, first, facts)) {
      findings.push({ node: call, rule: 'path-traversal', message: `a path from the request reaches ${name}() without a check that it stays inside its folder` });
    }
    if (HTTP.test(name) && facts.isTainted(first) && !fixedOrigin(first) && !hasAllowListCheck(facts.scopeOf(call).text)) {
      findings.push({ node: call, rule: 'ssrf', message: `${name}() fetches a URL taken from the request without checking its host` });
    }
  }
  return findings;
}

/** f-strings, `%`, `.format` and `+` that build SQL from non-constant parts, directly or via a variable. */
function dynamicSql(node: Node, facts: PyFacts, depth = 0): boolean {
  if (facts.isConstant(node)) return false;
  if (node.type === 'string') return descendants(node, 'interpolation').length > 0 && looksLikeSql(literalText(node));
  if (node.type === 'binary_operator') return ['%', '+'].includes(field(node, 'operator')?.text ?? '') && looksLikeSql(literalText(node));
  if (node.type === 'call') {
    const callee = field(node, 'function');
    const inner = children(field(node, 'arguments') ?? node)[0];
    if (callee && facts.qualified(callee) === 'sqlalchemy.text' && inner) return dynamicSql(inner, facts, depth + 1);
    return callee?.type === 'attribute' && field(callee, 'attribute')?.text === 'format' && looksLikeSql(literalText(callee));
  }
  if (node.type === 'identifier' && depth < 3) return facts.valuesOf(node.text, facts.scopeOf(node)).some((value) => dynamicSql(value, facts, depth + 1));
  return false;
}

function literalText(node: Node): string {
  return descendants(node, 'string_content').map((part) => part.text).join(' ');
}

/** realpath/abspath plus startswith/commonpath, secure_filename or basename make a path safe. */
function pathChecked(call: Node, first: Node, facts: PyFacts): boolean {
  const scope = facts.scopeOf(call).text;
  if (/\b(secure_filename|basename)\(/.test(first.text) || /\b(secure_filename|os\.path\.basename)\(/.test(scope)) return true;
  return /\b(realpath|abspath|normpath|resolve)\(/.test(scope) && /\.(startswith|is_relative_to)\(|commonpath\(|relative_to\(/.test(scope);
}

function fixedOrigin(node: Node): boolean {
  const head = node.type === 'string' ? (descendants(node, 'string_content')[0]?.text ?? '') : node.type === 'binary_operator' ? (field(node, 'left')?.text ?? '') : '';
  return /^['"]?https?:\/\/[^/{'"]+\//.test(head);
}
