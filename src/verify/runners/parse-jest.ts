// Parses jest's default reporter: "Tests:  1 failed, 1 skipped, 2 passed, 4 total" and each
// "● suite › test" block with its message and the "at … (file:line:col)" frame of the test file.
import { firstLines, plain, summaryCounts } from './text.js';
import type { TestFailure, TestReport } from './types.js';

export function parseJest(output: string): TestReport | undefined {
  const text = plain(output);
  const summary = [...text.matchAll(/^Tests:\s+(.*\d+ total)\s*$/gm)].at(-1)?.[1];
  if (summary === undefined) return undefined;
  return { runner: 'jest', ...summaryCounts(summary), failures: failures(text) };
}

function failures(text: string): TestFailure[] {
  const found: TestFailure[] = [];
  const blocks = text.split(/^\s{2}● /m).slice(1);
  for (const raw of blocks) {
    // A block ends at the next file header (" PASS "/" FAIL ") or the summary.
    const block = raw.split(/^\s?(?:PASS|FAIL)\s|^Test Suites:/m)[0] ?? raw;
    const [header = '', ...rest] = block.split('\n');
    const frame = rest.map((line) => /^\s+at .*?\(?([^\s()]+):(\d+):(\d+)\)?\s*$/.exec(line)).find((match) => match && !match[1]!.includes('node_modules'));
    const message = rest.filter((line) => !/^\s+at /.test(line) && !/^\s*>?\s*\d+ \|/.test(line) && !/^\s+\|\s*\^/.test(line)).join('\n');
    found.push({
      name: header.trim().replace(/ › /g, ' > '),
      message: firstLines(message, 4),
      ...(frame ? { file: frame[1]!, line: Number(frame[2]), column: Number(frame[3]) } : {}),
    });
  }
  return found;
}
