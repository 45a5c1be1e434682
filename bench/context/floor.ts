// The floor under the cold index: what one thread spends on the per-file work alone, with no
// database, no walk and no git. tree-sitter parse only (web-tree-sitter, the shipped grammars), then
// parse + definition query (parseSource), then everything a parse worker does (analyzeFile). Divided
// by the cores, it is the least wall time any scheduling of that work could take.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { Language, Parser } from 'web-tree-sitter';
import { analyzeFile } from '../../src/context/analyze.js';
import { grammarFile, languageOf, type LanguageId } from '../../src/context/languages.js';
import { parseSource } from '../../src/context/parser.js';
import { printTable, writeResults } from '../lib.mjs';

export async function floor(benchDir: string): Promise<void> {
  const root = path.join(benchDir, 'big-repo');
  const files = execFileSync('git', ['ls-files'], { cwd: root, encoding: 'utf8' })
    .split('\n')
    .filter((file) => file && languageOf(file))
    .map((file) => ({ file, language: languageOf(file) as LanguageId, text: readFileSync(path.join(root, file), 'utf8') }));

  // Warm every grammar first: compiling the WASM is a one-off per thread, not per file.
  const grammars = path.join(path.dirname(createRequire(import.meta.url).resolve('tree-sitter-wasms/package.json')), 'out');
  await Parser.init();
  const parser = new Parser();
  const languages = new Map<LanguageId, Language>();
  for (const { language, text } of files) {
    if (!languages.has(language)) {
      languages.set(language, await Language.load(path.join(grammars, grammarFile(language))));
      await analyzeFile(`warm.${language}`, text);
    }
  }

  let nodes = 0;
  let started = performance.now();
  for (const { language, text } of files) {
    parser.setLanguage(languages.get(language)!);
    const tree = parser.parse(text);
    nodes += tree?.rootNode.descendantCount ?? 0;
    tree?.delete();
  }
  const parseMs = performance.now() - started;
  started = performance.now();
  for (const { language, text } of files) await parseSource(language, text);
  const queryMs = performance.now() - started;
  started = performance.now();
  for (const { file, text } of files) await analyzeFile(file, text);
  const analyzeMs = performance.now() - started;

  const cores = os.availableParallelism();
  const megabytes = files.reduce((sum, { text }) => sum + Buffer.byteLength(text), 0) / 1e6;
  const rows = [
    { step: 'tree-sitter parse only', ms: parseMs, perCore: parseMs / cores },
    { step: 'parse + definition query (parseSource)', ms: queryMs, perCore: queryMs / cores },
    { step: 'all per-file work of a parse worker (analyzeFile)', ms: analyzeMs, perCore: analyzeMs / cores },
  ];
  printTable(`Per-file work on one thread: ${files.length} files, ${megabytes.toFixed(1)} MB, ${(nodes / 1e6).toFixed(1)} M syntax nodes (${((parseMs * 1e6) / nodes).toFixed(0)} ns/node)`, rows, [
    ['step', 'step'],
    ['ms', 'one thread (ms)'],
    ['perCore', `÷ ${cores} cores (ms)`],
  ]);
  writeResults('context-floor', { files: files.length, megabytes, nodes, cores, parseMs, parseAndQueryMs: queryMs, analyzeMs, nsPerNode: (parseMs * 1e6) / nodes });
}
