// Change audit: tree-sitter checks for common vulnerabilities in TypeScript, JavaScript and Python,
// on whole files or on the lines a diff changed.
export { auditCode } from './audit.js';
export { auditDiff, parseUnifiedDiff, readSource, isBinary } from './diff.js';
export type { DiffAudit } from './diff.js';
export { guessLanguage, languageNamed, languageOfPath, LANGUAGE_NAMES } from './languages.js';
export type { AuditLanguage } from './languages.js';
export { RULES } from './types.js';
export type { AuditFile, AuditFinding, AuditOptions, AuditRule } from './types.js';
export { auditRunLater, isRunLaterFile } from './run-later.js';
