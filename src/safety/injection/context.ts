// Where in a document a match sits, and what kind of document it is: code blocks, inline code,
// quotes, HTML comments, docs that discuss prompt injection, agent-instruction files, source code.

export interface DocumentContext {
  lineStarts: number[];
  codeBlockLines: Set<number>;
  commentRanges: Array<[number, number]>;
  /** The text discusses prompt injection (a security doc, a blog post): quoted examples are not attacks. */
  discussesInjection: boolean;
  /** AGENTS.md, CLAUDE.md…: instructions to agents are what the file is for. */
  agentInstructions: boolean;
  /** A source file: chat tokens and role lines in it are usually templates (tokenizer code). */
  sourceCode: boolean;
  /** A test or fixture file: injection text inside its string literals is test data. */
  testFixture: boolean;
}

const AGENT_FILES = /^(?:AGENTS|CLAUDE|GEMINI|CODEX|AGENT)\.md$|^\.cursorrules$|^\.windsurfrules$|^copilot-instructions\.md$/i;
const CODE_EXTENSIONS = /\.(?:[cm]?[jt]sx?|py|go|rs|java|kt|swift|rb|php|cs|c|h|cc|cpp|hpp|scala|json|ya?ml|toml|jinja2?|j2|ipynb|lua|sh|ps1)$/i;
const META = /prompt[- ]injection|jailbreak|injection attacks?|indirect injection|adversarial prompts?|malicious (?:instructions|prompts)|red[- ]team|attack(?:er|ers)? (?:can|could|might|may)|detect(?:s|ing)? injection/i;
// HTML comments, markdown comments and elements styled invisible: text a human reader never sees.
const HIDDEN = /<!--[\s\S]*?(?:-->|$)|^\[\/\/\]: # \(.*\)$|<(div|span|p|section)\b[^>]*style\s*=\s*["'][^"']*(?:display:\s*none|font-size:\s*0|visibility:\s*hidden|opacity:\s*0(?:\.0+)?\b|color:\s*(?:white|#fff\b|#ffffff))[^>]*>[\s\S]*?<\/\1>/gim;
const DESCRIPTIVE = /\b(?:e\.g\.|for example|for instance|such as|like|example|payload|attack|attacker|malicious|injection|phrases?|strings?|patterns?|might|could|would|may contain|for instance|detect|flag|block)\b/i;

export function analyzeDocument(text: string, path: string | undefined, isFile: boolean): DocumentContext {
  const lineStarts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) lineStarts.push(index + 1);
  const codeBlockLines = new Set<number>();
  let fence: string | undefined;
  text.split('\n').forEach((line, index) => {
    const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (marker && (fence === undefined || marker.startsWith(fence))) {
      fence = fence === undefined ? marker : undefined;
      codeBlockLines.add(index + 1);
    } else if (fence !== undefined || /^(?: {4}|\t)\S/.test(line)) codeBlockLines.add(index + 1);
  });
  const commentRanges: Array<[number, number]> = [];
  for (const match of text.matchAll(HIDDEN)) commentRanges.push([match.index ?? 0, (match.index ?? 0) + match[0].length]);
  const base = path?.split(/[\\/]/).pop() ?? '';
  return {
    lineStarts,
    codeBlockLines,
    commentRanges,
    discussesInjection: META.test(text),
    agentInstructions: isFile && AGENT_FILES.test(base),
    sourceCode: isFile && CODE_EXTENSIONS.test(base),
    testFixture: isFile && /(?:^|[\\/])(?:tests?|__tests__|spec|fixtures?|testdata)[\\/]|\.(?:test|spec)\.[a-z]+$/i.test(path ?? ''),
  };
}

export function lineOf(context: DocumentContext, offset: number): number {
  let low = 0;
  let high = context.lineStarts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((context.lineStarts[middle] ?? 0) <= offset) low = middle;
    else high = middle - 1;
  }
  return low + 1;
}

export function lineText(text: string, context: DocumentContext, line: number): string {
  const start = context.lineStarts[line - 1] ?? 0;
  const end = context.lineStarts[line] ?? text.length + 1;
  return text.slice(start, end - 1);
}

export function inComment(context: DocumentContext, offset: number): boolean {
  return context.commentRanges.some(([start, end]) => offset >= start && offset < end);
}

/** Inside `inline code`, "double", “curly” or 'single' quotes on its line, or a > blockquote. */
export function inQuote(line: string, column: number): boolean {
  const before = line.slice(0, column);
  const after = line.slice(column);
  if (/^\s*>/.test(line)) return true;
  const odd = (pattern: RegExp): boolean => ((before.match(pattern) ?? []).length % 2 === 1) && pattern.test(after);
  if (odd(/`/g) || odd(/"/g)) return true;
  if (before.lastIndexOf('“') > before.lastIndexOf('”') && after.includes('”')) return true;
  return /(?:^|[\s(=:,])'[^']*$/.test(before) && after.includes("'");
}

export function isDescriptive(line: string): boolean {
  return DESCRIPTIVE.test(line);
}
