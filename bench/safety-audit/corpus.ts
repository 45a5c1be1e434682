// The code-audit corpus: hand-written vulnerable and safe snippets in corpus/, named
// `vuln-RULE-N.EXT.txt` or `safe-RULE-N.EXT.txt` (the .txt keeps tsc and eslint off them).
// Scoring is per snippet: a vulnerable one counts as found only when the expected rule fires.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { auditCode, type AuditFinding } from '../../src/safety/audit/index.js';

export interface Snippet {
  id: string;
  /** The file name the auditor sees, e.g. vuln-ssrf-1.ts. */
  file: string;
  vulnerable: boolean;
  rule: string;
  language: 'ts' | 'js' | 'py';
  content: string;
}

export interface Score {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  precision: number;
  recall: number;
  failures: string[];
}

const DIR = path.join(import.meta.dirname, 'corpus');

export function loadCorpus(): Snippet[] {
  return readdirSync(DIR)
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name) => {
      const match = /^(vuln|safe)-([a-z-]+)-(\d+)\.(ts|js|py)\.txt$/.exec(name);
      if (!match) throw new Error(`corpus file ${name} is not named vuln|safe-RULE-N.EXT.txt`);
      const [, kind, rule, , language] = match;
      return {
        id: name.replace(/\.txt$/, ''),
        file: name.replace(/\.txt$/, ''),
        vulnerable: kind === 'vuln',
        rule: rule ?? '',
        language: language as Snippet['language'],
        content: readFileSync(path.join(DIR, name), 'utf8'),
      };
    });
}

/** Precision and recall of a detector that says, per snippet, which rules fired ("*" = something, rule unknown). */
export function score(snippets: readonly Snippet[], fired: ReadonlyMap<string, readonly string[]>): Score {
  const result: Score = { tp: 0, fp: 0, fn: 0, tn: 0, precision: 0, recall: 0, failures: [] };
  for (const snippet of snippets) {
    const rules = fired.get(snippet.id) ?? [];
    if (snippet.vulnerable) {
      if (rules.includes(snippet.rule) || rules.includes('*')) result.tp += 1;
      else {
        result.fn += 1;
        if (rules.length > 0) result.fp += 1;
        result.failures.push(`missed ${snippet.id}${rules.length > 0 ? ` (reported ${rules.join(', ')} instead)` : ''}`);
      }
    } else if (rules.length > 0) {
      result.fp += 1;
      result.failures.push(`false alarm ${snippet.id}: ${rules.join(', ')}`);
    } else result.tn += 1;
  }
  result.precision = result.tp + result.fp === 0 ? 1 : result.tp / (result.tp + result.fp);
  result.recall = result.tp + result.fn === 0 ? 1 : result.tp / (result.tp + result.fn);
  return result;
}

/** summon's findings per snippet. */
export async function runSummon(snippets: readonly Snippet[]): Promise<{ fired: Map<string, string[]>; findings: AuditFinding[] }> {
  const findings = await auditCode(snippets.map((snippet) => ({ path: snippet.file, content: snippet.content })));
  const fired = new Map<string, string[]>();
  for (const finding of findings) fired.set(finding.file, [...(fired.get(finding.file) ?? []), finding.rule]);
  return { fired, findings };
}
