// Turns compiler, type checker and linter output into diagnostics. Line formats: tsc (plain and
// --pretty), eslint (json, stylish, unix), mypy, ruff, go vet, rustc/cargo ("error[E0308]: …" then
// "--> file:l:c"), and a generic "file:line[:col]: message" fallback for gcc-style tools.
import { parseEslintJson, parseEslintStylish, parseEslintUnixLine } from './parse-eslint.js';
import { plain } from './text.js';
import type { Diagnostic } from './types.js';

type LineParser = (line: string) => Diagnostic | undefined;

const tsc: LineParser = (line) => {
  const match = /^(.+?)\((\d+),(\d+)\): (error|warning) (TS\d+): (.*)$/.exec(line) ?? /^(.+?):(\d+):(\d+) - (error|warning) (TS\d+): (.*)$/.exec(line);
  if (!match) return undefined;
  return { file: match[1]!, line: Number(match[2]), column: Number(match[3]), severity: match[4] as 'error' | 'warning', code: match[5]!, message: match[6]! };
};

const mypy: LineParser = (line) => {
  const match = /^(.+?\.pyi?):(\d+)(?::(\d+))?: (error|warning): (.*?)(?:\s+\[([\w-]+)\])?$/.exec(line);
  if (!match) return undefined;
  return { file: match[1]!, line: Number(match[2]), column: Number(match[3] ?? 0), severity: match[4] as 'error' | 'warning', message: match[5]!, code: match[6] ?? '' };
};

const ruff: LineParser = (line) => {
  const match = /^(.+?):(\d+):(\d+): ([A-Z]{1,4}\d{2,4}) (?:\[\*\] )?(.*)$/.exec(line);
  if (!match) return undefined;
  return { file: match[1]!, line: Number(match[2]), column: Number(match[3]), severity: 'error', code: match[4]!, message: match[5]! };
};

/**
 * go vet, gcc, clang and most other tools: "path:line[:col]: [error: |warning: ]message". go vet
 * prefixes the type errors that stop it with "vet: " ("vet: ./main.go:9:14: cannot use …").
 */
const generic: LineParser = (line) => {
  const match = /^(?:vet: )?([^\s:]+\.[\w]+):(\d+)(?::(\d+))?:\s+(?:(error|warning|note):\s*)?(.+)$/.exec(line);
  if (!match || match[4] === 'note') return undefined;
  return { file: match[1]!.replace(/^\.\//, ''), line: Number(match[2]), column: Number(match[3] ?? 0), severity: match[4] === 'warning' ? 'warning' : 'error', code: '', message: match[5]! };
};

const LINE_PARSERS: LineParser[] = [tsc, parseEslintUnixLine, mypy, ruff, generic];

export function parseDiagnostics(output: string): Diagnostic[] {
  const text = plain(output);
  const json = text.trimStart().startsWith('[') ? parseEslintJson(text) : undefined;
  if (json) return json;
  const found: Diagnostic[] = [...parseEslintStylish(text), ...rustDiagnostics(text)];
  for (const line of text.split('\n')) {
    for (const parse of LINE_PARSERS) {
      const diagnostic = parse(line.trimEnd());
      if (diagnostic) {
        found.push(diagnostic);
        break;
      }
    }
  }
  return dedupe(found);
}

/** rustc: "error[E0308]: mismatched types" followed a line or two later by "  --> src/main.rs:4:5". */
function rustDiagnostics(text: string): Diagnostic[] {
  const found: Diagnostic[] = [];
  for (const match of text.matchAll(/^(error|warning)(?:\[(\w+)\])?: (.+)\n\s*--> ([^\s:]+):(\d+):(\d+)/gm)) {
    found.push({ file: match[4]!, line: Number(match[5]), column: Number(match[6]), severity: match[1] as 'error' | 'warning', code: match[2] ?? '', message: match[3]! });
  }
  return found;
}

function dedupe(list: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return list.filter((item) => {
    const key = `${item.file}:${item.line}:${item.column}:${item.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export { parseEslintJson, parseEslintStylish };
