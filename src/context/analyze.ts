// Everything the index needs from one file's text, computed in one place so that it can run on the
// main thread or in a parse worker alike: definitions and imports (tree-sitter), the identifiers the
// file uses, its line count, and the pre-tokenised text for the full-text index.
import { languageOf } from './languages.js';
import { parseSource, type ParsedSymbol } from './parser.js';
import { analyzeText, indexText } from './tokenize.js';

export interface FileAnalysis {
  language: string | undefined;
  lineCount: number;
  symbols: ParsedSymbol[];
  imports: string[];
  /** Distinct identifiers a source file uses (three to 64 characters), space-separated (one string
   * crosses from a parse worker far cheaper than thousands); empty for other files. */
  refs: string;
  /** FTS5 text of the symbol names and of the content, already split into terms. */
  ftsSymbols: string;
  ftsContent: string;
}

export async function analyzeFile(file: string, text: string): Promise<FileAnalysis> {
  const language = languageOf(file);
  const parsed = language ? await parseSource(language, text) : { symbols: [], imports: [] };
  let lineCount = 1;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lineCount++;
  const { indexed, refs } = analyzeText(text);
  return {
    language,
    lineCount,
    ...parsed,
    // Only source files link to others in the symbol graph; prose and config name things in passing.
    refs: language ? refs : '',
    ftsSymbols: indexText(parsed.symbols.map((symbol) => symbol.name).join(' ')),
    ftsContent: indexed,
  };
}
