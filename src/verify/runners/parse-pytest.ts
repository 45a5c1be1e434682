// Parses pytest's terminal output: the final "3 failed, 1 passed, 1 skipped in 0.97s" line, the
// "FAILED path::test - message" short summary, and file:line from each FAILURES block.
import { firstLines, plain, toInt } from './text.js';
import type { TestFailure, TestReport } from './types.js';

export function parsePytest(output: string): TestReport | undefined {
  const text = plain(output);
  const summary = [...text.matchAll(/^=*\s*((?:\d+ \w+(?:, )?)+) in [\d.]+s.*$/gm)].at(-1)?.[1];
  const noTests = /^=*\s*no tests ran in/m.test(text);
  if (summary === undefined && !noTests) return undefined;
  const count = (word: string): number => toInt(new RegExp(`(\\d+) ${word}\\b`).exec(summary ?? '')?.[1]) ?? 0;
  const locations = blockLocations(text);
  const failures: TestFailure[] = [];
  for (const match of text.matchAll(/^(FAILED|ERROR) (\S+?)(?: - (.*))?$/gm)) {
    const nodeId = match[2]!;
    const location = locations.get(nodeId.split('::').slice(1).join('.')) ?? undefined;
    failures.push({
      name: nodeId,
      message: firstLines(match[3] ?? (match[1] === 'ERROR' ? 'error' : 'failed'), 2),
      file: location?.file ?? nodeId.split('::')[0]!,
      ...(location ? { line: location.line } : {}),
    });
  }
  return {
    runner: 'pytest',
    passed: count('passed') + count('xpassed'),
    failed: count('failed') + count('errors?'),
    skipped: count('skipped') + count('xfailed') + count('deselected'),
    failures,
  };
}

/** "___ TestGroup.test_inner ___" blocks end with "tests/test_a.py:8: AssertionError": the failing line. */
function blockLocations(text: string): Map<string, { file: string; line: number }> {
  const locations = new Map<string, { file: string; line: number }>();
  const blocks = text.split(/^_{3,} (.+?) _{3,}\s*$/m);
  for (let index = 1; index + 1 < blocks.length; index += 2) {
    const name = blocks[index]!.replace(/^ERROR at \w+ of /, '');
    const last = [...blocks[index + 1]!.matchAll(/^([^\s:]+\.py):(\d+): \w+/gm)].at(-1);
    if (last) locations.set(name, { file: last[1]!, line: Number(last[2]) });
  }
  return locations;
}
