// Parses source files with tree-sitter (WASM grammars from npm): definitions with signatures and
// line spans, and imports (the identifiers a file uses come from analyze.ts).
import { createRequire } from 'node:module';
import path from 'node:path';
import { Language, Parser, Query, type Node, type QueryOptions } from 'web-tree-sitter';
import { CLASS_LIKE, DEFINITION_QUERIES, grammarFile, MAX_START_DEPTH, type LanguageId, type SymbolKind } from './languages.js';

export interface ParsedSymbol {
  name: string;
  kind: SymbolKind;
  /** The definition's head (up to its body), whitespace collapsed. */
  signature: string;
  /** 1-based, inclusive. */
  startLine: number;
  endLine: number;
  /** Enclosing class / impl / module name, when there is one. */
  parent?: string;
}

export interface ParsedFile {
  symbols: ParsedSymbol[];
  imports: string[];
}

const MAX_SIGNATURE = 160;
const require = createRequire(import.meta.url);

interface Grammar {
  language: Language;
  query: Query;
  options: QueryOptions;
}

let ready: Promise<Parser> | undefined;
const grammars = new Map<LanguageId, Promise<Grammar>>();

function parserInstance(): Promise<Parser> {
  ready ??= (async () => {
    // Located explicitly so the bundled CLI finds the runtime wherever its chunks live.
    const runtimeDir = path.dirname(require.resolve('web-tree-sitter'));
    await Parser.init({ locateFile: (file: string) => path.join(runtimeDir, file) });
    return new Parser();
  })();
  return ready;
}

/** Loads the tree-sitter runtime ahead of the first file (parse workers do it as they start). */
export async function warmUp(): Promise<void> {
  await parserInstance().catch(() => undefined);
}

/** Grammar loads run one at a time: web-tree-sitter's dynamic linking breaks when two overlap. */
let loading: Promise<unknown> = Promise.resolve();

function grammar(id: LanguageId): Promise<Grammar> {
  let loaded = grammars.get(id);
  if (!loaded) {
    loaded = loading.then(async () => {
      await parserInstance();
      const dir = path.join(path.dirname(require.resolve('tree-sitter-wasms/package.json')), 'out');
      const language = await Language.load(path.join(dir, grammarFile(id)));
      const maxStartDepth = MAX_START_DEPTH[id];
      return { language, query: new Query(language, DEFINITION_QUERIES[id]), options: maxStartDepth === undefined ? {} : { maxStartDepth } };
    });
    loading = loaded.catch(() => undefined);
    grammars.set(id, loaded);
  }
  return loaded;
}

/** Definitions and imports of one file. */
export async function parseSource(language: LanguageId, text: string): Promise<ParsedFile> {
  const parser = await parserInstance();
  const { language: grammarLanguage, query, options } = await grammar(language);
  parser.setLanguage(grammarLanguage);
  const tree = parser.parse(text);
  if (!tree) return { symbols: [], imports: [] };
  try {
    const symbols: ParsedSymbol[] = [];
    const imports: string[] = [];
    const seenDefs = new Set<number>();
    for (const match of query.matches(tree.rootNode, options)) {
      let nameNode: Node | undefined;
      let defNode: Node | undefined;
      let kind: SymbolKind | undefined;
      for (const capture of match.captures) {
        if (capture.name === 'name') nameNode = capture.node;
        else if (capture.name === 'import') imports.push(importText(capture.node.text));
        else if (capture.name.startsWith('def.')) {
          defNode = capture.node;
          kind = capture.name.slice(4) as SymbolKind;
        }
      }
      if (!nameNode || !defNode || !kind || seenDefs.has(defNode.id)) continue;
      seenDefs.add(defNode.id);
      const signature = signatureOf(defNode, text);
      // `const fs = require('fs')` names a module, not something this file defines.
      if (kind === 'constant' && /=\s*(require|import)\b|=\s*await\s+import\b/.test(signature)) continue;
      const parent = enclosingName(defNode);
      if (kind === 'function' && parent !== undefined) kind = 'method';
      symbols.push({
        name: nameNode.text,
        kind,
        signature,
        startLine: defNode.startPosition.row + 1,
        endLine: defNode.endPosition.row + 1,
        ...(parent !== undefined ? { parent } : {}),
      });
    }
    return { symbols, imports: [...new Set(imports)] };
  } finally {
    tree.delete();
  }
}

function importText(raw: string): string {
  return raw.replace(/\s+/g, ' ').replace(/^["'`<]|["'`>]$/g, '').slice(0, 200);
}

/** Wrappers whose keywords belong in a signature: `export function …`, Go's `type X struct`. */
const WRAPPERS = new Set(['export_statement', 'type_declaration', 'decorated_definition']);

function signatureOf(node: Node, text: string): string {
  const start = node.parent && WRAPPERS.has(node.parent.type) && node.parent.namedChildCount <= 2 ? node.parent.startIndex : node.startIndex;
  const body = node.childForFieldName('body');
  const end = body && body.startIndex > node.startIndex ? body.startIndex : Math.min(node.endIndex, text.indexOf('\n', node.startIndex) >>> 0);
  return text.slice(start, end).replace(/\s+/g, ' ').replace(/\s*\{$/, '').trim().slice(0, MAX_SIGNATURE);
}

function enclosingName(node: Node): string | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (!CLASS_LIKE.has(current.type)) continue;
    const owner = current.type === 'class_body' ? current.parent : current;
    const name = owner?.childForFieldName('name') ?? owner?.childForFieldName('type');
    if (name) return name.text;
  }
  return undefined;
}
