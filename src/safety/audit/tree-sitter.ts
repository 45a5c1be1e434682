// Loads web-tree-sitter and its WASM grammars once per process. The files are found through
// node's resolver, so this works from src/ (tsx, vitest) and from the esbuild bundle in dist/.
import { createRequire } from 'node:module';
import path from 'node:path';
import { Language, Parser } from 'web-tree-sitter';
import { SummonError } from '../../core/errors.js';

export type GrammarName = 'typescript' | 'tsx' | 'javascript' | 'python' | 'bash';

const moduleRequire = createRequire(import.meta.url);
let initialised: Promise<void> | undefined;
const languages = new Map<GrammarName, Promise<Language>>();

function init(): Promise<void> {
  initialised ??= Parser.init({
    locateFile: (file: string) => path.join(path.dirname(moduleRequire.resolve('web-tree-sitter')), file),
  }).catch((error: unknown) => {
    initialised = undefined;
    throw new SummonError('internal', `could not start the tree-sitter parser: ${String(error)}`, {
      hint: 'reinstall dependencies (npm ci); web-tree-sitter ships tree-sitter.wasm',
    });
  });
  return initialised;
}

/** The grammar, loaded on first use. */
export function loadGrammar(name: GrammarName): Promise<Language> {
  let pending = languages.get(name);
  if (!pending) {
    pending = init().then(() => {
      const file = path.join(path.dirname(moduleRequire.resolve('tree-sitter-wasms/package.json')), 'out', `tree-sitter-${name}.wasm`);
      return Language.load(file);
    });
    pending.catch(() => languages.delete(name));
    languages.set(name, pending);
  }
  return pending;
}

/** A fresh parser for one grammar; parsers are cheap, grammars are shared. */
export async function createParser(name: GrammarName): Promise<Parser> {
  const language = await loadGrammar(name);
  const parser = new Parser();
  parser.setLanguage(language);
  return parser;
}
