// The change audit: parses each file with tree-sitter and runs the language's checks, keeping
// only findings on changed lines when a diff says which lines changed.
import type { Node, Parser } from 'web-tree-sitter';
import { SummonError } from '../../core/errors.js';
import type { RawFinding } from './ast.js';
import { jsConfigChecks } from './js-config.js';
import { jsFacts } from './js-facts.js';
import { jsInjectionChecks } from './js-injection.js';
import { grammarOf, languageNamed, languageOfPath, LANGUAGE_NAMES, type AuditLanguage } from './languages.js';
import { pyConfigChecks } from './py-config.js';
import { pyFacts } from './py-facts.js';
import { pyInjectionChecks } from './py-injection.js';
import { createParser } from './tree-sitter.js';
import { auditRunLater, isRunLaterFile } from './run-later.js';
import { RULES, type AuditFile, type AuditFinding, type AuditOptions } from './types.js';

/** Audits files in languages it knows (TypeScript, JavaScript, Python); other files are skipped. */
export async function auditCode(files: AuditFile[], options: AuditOptions = {}): Promise<AuditFinding[]> {
  const forced = options.lang === undefined ? undefined : languageNamed(options.lang);
  if (options.lang !== undefined && !forced) {
    throw new SummonError('usage', `unknown language "${options.lang}"`, { hint: `use one of: ${LANGUAGE_NAMES.join(', ')}` });
  }
  const parsers = new Map<AuditLanguage, Parser>();
  const findings: AuditFinding[] = [];
  try {
    for (const file of files) {
      // Files that run later (install hooks, CI, Dockerfiles…) get line checks whatever their language.
      if (isRunLaterFile(file.path)) findings.push(...auditRunLater(file));
      const language = forced ?? languageOfPath(file.path);
      if (!language) continue;
      let parser = parsers.get(language);
      if (!parser) {
        parser = await createParser(grammarOf(language));
        parsers.set(language, parser);
      }
      findings.push(...auditOne(parser, language, file));
    }
  } finally {
    for (const parser of parsers.values()) parser.delete();
  }
  return findings;
}

function auditOne(parser: Parser, language: AuditLanguage, file: AuditFile): AuditFinding[] {
  const tree = parser.parse(file.content);
  if (!tree) return [];
  try {
    const raw = checks(language, tree.rootNode);
    const seen = new Set<string>();
    const findings: AuditFinding[] = [];
    for (const finding of raw.sort((a, b) => a.node.startIndex - b.node.startIndex)) {
      const first = finding.node.startPosition.row + 1;
      const last = finding.node.endPosition.row + 1;
      if (file.changedLines && !spans(file.changedLines, first, last)) continue;
      const key = `${first}:${finding.rule}`;
      if (seen.has(key)) continue;
      seen.add(key);
      findings.push({
        file: file.path,
        line: first,
        column: finding.node.startPosition.column + 1,
        rule: finding.rule,
        cwe: RULES[finding.rule].cwe,
        message: finding.message,
        fix: RULES[finding.rule].fix,
      });
    }
    return findings;
  } finally {
    tree.delete();
  }
}

function checks(language: AuditLanguage, root: Node): RawFinding[] {
  if (language === 'python') {
    const facts = pyFacts(root);
    return [...pyInjectionChecks(facts), ...pyConfigChecks(facts)];
  }
  const facts = jsFacts(root);
  return [...jsInjectionChecks(facts), ...jsConfigChecks(facts)];
}

/** Whether any line of the finding's node was changed (a multi-line call whose argument changed counts). */
function spans(changed: ReadonlySet<number>, first: number, last: number): boolean {
  for (let line = first; line <= last; line += 1) if (changed.has(line)) return true;
  return false;
}
