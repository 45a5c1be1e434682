// The change audit before a result is presented: the changed JavaScript/TypeScript/Python code is
// scanned for vulnerabilities (only the changed lines in a git repo). Findings go back to the model
// once; what remains is shown to the user.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { AuditFinding } from '../core/events.js';

export async function auditChanges(workspace: string, changedFiles: readonly string[]): Promise<AuditFinding[]> {
  // Loaded only when there is something to audit: tree-sitter costs start-up time.
  const { auditCode, auditDiff, isRunLaterFile, languageOfPath } = await import('../safety/audit/index.js');
  const changed = new Set(changedFiles);
  const auditable = changedFiles.filter((file) => languageOfPath(file) !== undefined || isRunLaterFile(file));
  if (auditable.length === 0) return [];
  let findings;
  try {
    // In a git repo only the changed lines count: old code is not this run's to answer for.
    findings = (await auditDiff(workspace, 'HEAD')).findings.filter((finding) => changed.has(finding.file));
  } catch {
    const files = await Promise.all(auditable.map(async (file) => ({ path: file, content: await readFile(path.join(workspace, file), 'utf8').catch(() => '') })));
    findings = await auditCode(files);
  }
  return findings.map(({ file, line, rule, cwe, message, fix }) => ({ file, line, rule, cwe, message, fix }));
}

export function auditFeedback(findings: readonly AuditFinding[]): string {
  const lines = findings.slice(0, 20).map((finding) => `- ${finding.file}:${finding.line} ${finding.rule} (${finding.cwe}): ${finding.message} — fix: ${finding.fix}`);
  const more = findings.length > 20 ? `\n(and ${findings.length - 20} more)` : '';
  return `A security audit of your changes found problems. Fix them before you finish (or, if one is a false alarm, say why in your final answer):\n${lines.join('\n')}${more}`;
}
