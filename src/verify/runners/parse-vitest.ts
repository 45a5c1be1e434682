// Parses vitest's default reporter: the "Tests  2 failed | 3 passed | 1 skipped (6)" summary and each
// " FAIL  file > suite > test" block with its message and " ❯ file:line:col" location.
import { firstLines, plain, summaryCounts } from './text.js';
import type { TestFailure, TestReport } from './types.js';

export function parseVitest(output: string): TestReport | undefined {
  const text = plain(output);
  const summary = [...text.matchAll(/^\s*Tests\s+(.*\(\d+\)|no tests)\s*$/gm)].at(-1)?.[1];
  if (summary === undefined) return undefined;
  return { runner: 'vitest', ...summaryCounts(summary), failures: failures(text) };
}

function failures(text: string): TestFailure[] {
  const found: TestFailure[] = [];
  // Blocks start at a FAIL header and end at the ⎯⎯⎯ separator (or the next header).
  const blocks = text.split(/^\s*FAIL\s+/m).slice(1);
  for (const raw of blocks) {
    const block = raw.split(/^⎯{3,}/m)[0] ?? raw;
    const [header = '', ...rest] = block.split('\n');
    // "test/a.test.ts > math > subtracts" or "test/c.test.ts [ test/c.test.ts ]" for a file that failed to load.
    const name = header.replace(/\s*\[.*\]\s*$/, '').trim();
    const locationIndex = rest.findIndex((line) => /^\s*❯ .+:\d+:\d+/.test(line));
    const location = locationIndex >= 0 ? /❯ (.+?):(\d+):(\d+)/.exec(rest[locationIndex]!) : null;
    const messageLines = locationIndex >= 0 ? rest.slice(0, locationIndex) : rest;
    found.push({
      name,
      message: firstLines(messageLines.filter((line) => !/^\s*(- Expected|\+ Received)\s*$/.test(line)).join('\n'), 4),
      ...(location ? { file: location[1]!, line: Number(location[2]), column: Number(location[3]) } : {}),
    });
  }
  return found;
}
