// Which grammar audits a file: from --lang, else the file extension, else a guess from the content.
import type { GrammarName } from './tree-sitter.js';

export type AuditLanguage = 'typescript' | 'tsx' | 'javascript' | 'python';

const BY_NAME: Readonly<Record<string, AuditLanguage>> = {
  ts: 'typescript',
  mts: 'typescript',
  cts: 'typescript',
  typescript: 'typescript',
  tsx: 'tsx',
  js: 'javascript',
  jsx: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  javascript: 'javascript',
  node: 'javascript',
  py: 'python',
  pyw: 'python',
  python: 'python',
};

export const LANGUAGE_NAMES = Object.keys(BY_NAME);

/** A --lang value or file extension as a language; undefined when unknown. */
export function languageNamed(name: string): AuditLanguage | undefined {
  return BY_NAME[name.toLowerCase().replace(/^\./, '')];
}

export function languageOfPath(path: string): AuditLanguage | undefined {
  const match = /\.([A-Za-z]+)$/.exec(path);
  return match?.[1] ? languageNamed(match[1]) : undefined;
}

/** For standard input without --lang: Python's `def x(...):` and `import x` lines versus JS syntax. */
export function guessLanguage(content: string): AuditLanguage {
  const python = (content.match(/^\s*(def \w+\(.*\)\s*(->.*)?:|from [\w.]+ import |import [\w.]+\s*$|class \w+(\(.*\))?:|@\w+|if __name__)/gm) ?? []).length;
  const javascript = (content.match(/(\bconst |\blet |\bfunction\b|=>|;\s*$|require\(|\bimport .* from ['"]|\binterface \w+|: (string|number)\b)/gm) ?? []).length;
  if (python > javascript) return 'python';
  return /\binterface \w+|: (string|number|boolean)\b|\bas const\b/.test(content) ? 'typescript' : 'javascript';
}

export function grammarOf(language: AuditLanguage): GrammarName {
  return language;
}
