// Bracket matching over LaTeX text, linear and escape-aware: the one primitive extraction and
// parsing share, so a 100k-character response never makes anything quadratic.

const OPENERS: Readonly<Record<string, string>> = { '{': '}', '(': ')', '[': ']' };

/** Index of the brace closing the one at `open`, or -1 when it is never closed. `\{` and `\}` don't count. */
export function matchBrace(text: string, open: number): number {
  let depth = 0;
  for (let index = open; index < text.length; index++) {
    const char = text[index];
    if (char === '\\') {
      index++; // skip the escaped character: \{ \} are literal braces
      continue;
    }
    if (char === '{') depth++;
    else if (char === '}' && --depth === 0) return index;
  }
  return -1;
}

/**
 * Splits at `separator` where no bracket of any kind is open: "1, (2, 3), \{4, 5\}" → three parts.
 * `\{ \}` count as brackets here (set braces), `\left`/`\right` were removed before.
 */
export function splitTopLevel(text: string, separator: string | RegExp): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    if (char === '\\' && (text[index + 1] === '{' || text[index + 1] === '}')) {
      depth += text[index + 1] === '{' ? 1 : -1;
      index++;
      continue;
    }
    if (char in OPENERS) depth++;
    else if (char === '}' || char === ')' || char === ']') depth = Math.max(0, depth - 1);
    else if (depth === 0) {
      const length = matchSeparator(text, index, separator);
      if (length > 0) {
        parts.push(text.slice(start, index));
        start = index + length;
        index += length - 1;
      }
    }
  }
  parts.push(text.slice(start));
  return parts;
}

function matchSeparator(text: string, index: number, separator: string | RegExp): number {
  if (typeof separator === 'string') return text.startsWith(separator, index) ? separator.length : 0;
  separator.lastIndex = index;
  const match = separator.exec(text);
  return match && match.index === index ? match[0].length : 0;
}

/** True when the bracket opening at 0 closes exactly at the last character: "(a, b)" but not "(a)(b)". */
export function wrapsWhole(text: string): boolean {
  let depth = 0;
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    if (char === '\\' && (text[index + 1] === '{' || text[index + 1] === '}')) {
      depth += text[index + 1] === '{' ? 1 : -1;
      index++;
    } else if (char in OPENERS) depth++;
    else if (char === '}' || char === ')' || char === ']') depth--;
    if (depth === 0 && index < text.length - 1) return false;
  }
  return depth === 0;
}
