// Parses jest's default reporter: "Tests:  1 failed, 1 skipped, 2 passed, 4 total" and, under each
// "FAIL path" file header, every "● suite › test" block with its message and the first "at …
// (file:line:col)" frame outside node_modules. A file that fails to load ("● Test suite failed to
// run") has no test in the summary, so it is named after its file and counted as one failed test.
import { firstLines, plain, summaryCounts } from './text.js';
import type { TestFailure, TestReport } from './types.js';

const SUITE_FAILED = 'Test suite failed to run';

export function parseJest(output: string): TestReport | undefined {
  const all = plain(output);
  const summary = [...all.matchAll(/^Tests:\s+(.*\d+ total)\s*$/gm)].at(-1)?.[1];
  if (summary === undefined) return undefined;
  const counts = summaryCounts(summary);
  // Past 20 test files jest repeats every failure under this heading: read them once.
  const text = all.split(/^Summary of all failing tests\s*$/m)[0]!;
  const suitesFailed = text.match(new RegExp(`^\\s{2}● ${SUITE_FAILED}\\s*$`, 'gm'))?.length ?? 0;
  return { runner: 'jest', ...counts, failed: counts.failed + suitesFailed, failures: failures(text) };
}

function failures(text: string): TestFailure[] {
  const found: TestFailure[] = [];
  // File sections: "FAIL path" (" FAIL  path" in a terminal) up to the next header or the summary.
  const sections = text.split(/^\s?(?:PASS|FAIL)\s+(\S+).*$/m);
  for (let index = 1; index + 1 < sections.length; index += 2) {
    const file = sections[index]!;
    const body = sections[index + 1]!.split(/^Test Suites:/m)[0]!;
    for (const block of body.split(/^\s{2}● /m).slice(1)) found.push(failure(block, file));
  }
  return found;
}

function failure(block: string, testFile: string): TestFailure {
  const [header = '', ...rest] = block.split('\n');
  // A timeout repeats its message under "Cause:"; the first copy is enough.
  const causeAt = rest.findIndex((line) => /^\s*Cause:\s*$/.test(line));
  const lines = causeAt >= 0 ? rest.slice(0, causeAt) : rest;
  const frame = rest.map((line) => /^\s+at .*?\(?([^\s()]+):(\d+):(\d+)\)?\s*$/.exec(line)).find((match) => match && !match[1]!.includes('node_modules'));
  // Babel's "SyntaxError: /abs/file.js: Unexpected token (1:10)" (0-based column) under jest's advice on transforms.
  const syntax = /^\s*(SyntaxError): (.+?): (.+?) \((\d+):(\d+)\)\s*$/m.exec(block);
  const location = frame
    ? { file: frame[1]!, line: Number(frame[2]), column: Number(frame[3]) }
    : syntax
      ? { file: syntax[2]!, line: Number(syntax[4]), column: Number(syntax[5]) + 1 }
      : {};
  const message = syntax && !frame ? `${syntax[1]}: ${syntax[3]}` : lines.filter((line) => !/^\s+at /.test(line) && !/^\s*>?\s*\d+ \|/.test(line) && !/^\s+\|\s*\^/.test(line)).join('\n');
  return { name: header.trim() === SUITE_FAILED ? testFile : header.trim().replace(/ › /g, ' > '), message: firstLines(message, 4), ...location };
}
