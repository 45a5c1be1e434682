// The baseline: eslint-plugin-security's recommended config run over the JS/TS snippets through
// ESLint's Node API. It names no vulnerability classes, so any warning counts as "found".
import { createRequire } from 'node:module';
import path from 'node:path';
import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import type { Snippet } from './corpus.js';

const moduleRequire = createRequire(import.meta.url);

export async function runEslintSecurity(snippets: readonly Snippet[]): Promise<{ fired: Map<string, string[]>; rules: Map<string, number> }> {
  // The plugin ships no types; its recommended flat config is plain data.
  const plugin: { configs: { recommended: Linter.Config } } = moduleRequire('eslint-plugin-security');
  const eslint = new ESLint({
    cwd: path.join(import.meta.dirname, 'corpus'),
    overrideConfigFile: true,
    overrideConfig: [
      { files: ['**/*.js', '**/*.ts'], ...plugin.configs.recommended },
      { files: ['**/*.js'], languageOptions: { sourceType: 'commonjs', ecmaVersion: 'latest' } },
      { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser as Linter.Parser, sourceType: 'module' } },
    ],
  });
  const fired = new Map<string, string[]>();
  const rules = new Map<string, number>();
  for (const snippet of snippets) {
    if (snippet.language === 'py') continue;
    const [result] = await eslint.lintText(snippet.content, { filePath: path.join(import.meta.dirname, 'corpus', snippet.file) });
    const ids = (result?.messages ?? []).map((message) => message.ruleId ?? 'parse-error');
    for (const id of ids) rules.set(id, (rules.get(id) ?? 0) + 1);
    if (ids.some((id) => id !== 'parse-error')) fired.set(snippet.id, ['*']);
  }
  return { fired, rules };
}
