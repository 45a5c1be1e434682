// Parses `node --test` output in both of its default reporters: TAP (Node 20 when not a terminal)
// and spec (the ✔/✖ reporter). Counts come from the closing summary; failures from the YAML blocks
// (TAP) or the "failing tests" section (spec).
import { firstLines, plain, toInt } from './text.js';
import type { TestFailure, TestReport } from './types.js';

export function parseNodeTest(output: string): TestReport | undefined {
  const text = plain(output);
  const counts = summaryCounts(text);
  if (!counts) return undefined;
  const failures = /^TAP version/m.test(text) || /^\s*not ok \d+/m.test(text) ? tapFailures(text) : specFailures(text);
  return { runner: 'node-test', ...counts, failures };
}

function summaryCounts(text: string): { passed: number; failed: number; skipped: number } | undefined {
  // The last summary wins: with several files the final block is the total.
  const read = (key: string): number | undefined => {
    const matches = [...text.matchAll(new RegExp(`^(?:#|ℹ) ${key} (\\d+)\\s*$`, 'gm'))];
    return toInt(matches.at(-1)?.[1]);
  };
  const tests = read('tests');
  if (tests === undefined) return undefined;
  const passed = read('pass') ?? 0;
  const failed = (read('fail') ?? 0) + (read('cancelled') ?? 0);
  const skipped = (read('skipped') ?? 0) + (read('todo') ?? 0);
  return { passed, failed, skipped };
}

function tapFailures(text: string): TestFailure[] {
  const lines = text.split('\n');
  const failures: TestFailure[] = [];
  // Names of the enclosing subtests by indentation level, to name nested tests "suite > test".
  const parents: string[] = [];
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const subtest = /^(\s*)# Subtest: (.*)$/.exec(line);
    if (subtest) {
      const level = subtest[1]!.length / 4;
      parents.length = level;
      parents[level] = subtest[2]!;
      continue;
    }
    const notOk = /^(\s*)not ok \d+ - (.*?)(?: # (?:TODO|SKIP).*)?$/.exec(line);
    if (!notOk) continue;
    const indent = notOk[1]!.length;
    const level = indent / 4;
    const block = yamlBlock(lines, index + 1, indent + 2);
    index = block.end;
    if (block.fields.type === 'suite' || block.fields.failureType === 'subtestsFailed') continue;
    const name = [...parents.slice(0, level), notOk[2]!].join(' > ');
    const location = /^(.*):(\d+):(\d+)$/.exec(block.fields.location ?? '');
    failures.push({
      name,
      message: firstLines(block.fields.error ?? 'failed', 4),
      ...(location ? { file: location[1]!, line: Number(location[2]), column: Number(location[3]) } : {}),
    });
  }
  return failures;
}

/** Reads the `---` … `...` YAML block after a result line: flat keys, quoted scalars and `|-` blocks. */
function yamlBlock(lines: string[], start: number, indent: number): { fields: Record<string, string>; end: number } {
  const fields: Record<string, string> = {};
  const pad = ' '.repeat(indent);
  if (lines[start]?.trimEnd() !== `${pad}---`) return { fields, end: start - 1 };
  let index = start + 1;
  for (; index < lines.length; index++) {
    const line = lines[index]!;
    if (line.trimEnd() === `${pad}...`) break;
    const field = new RegExp(`^${pad}([A-Za-z_]+): ?(.*)$`).exec(line);
    if (!field) continue;
    const key = field[1]!;
    const raw = field[2]!;
    if (raw === '|-' || raw === '|' || raw === '>-') {
      const body: string[] = [];
      while (index + 1 < lines.length && (lines[index + 1]!.startsWith(`${pad}  `) || lines[index + 1]!.trim() === '')) {
        index++;
        body.push(lines[index]!.slice(indent + 2));
      }
      fields[key] = body.join('\n').trim();
    } else {
      fields[key] = raw.replace(/^'(.*)'$/, '$1').replace(/^"(.*)"$/, '$1').replace(/''/g, "'");
    }
  }
  return { fields, end: index };
}

function specFailures(text: string): TestFailure[] {
  const section = text.split(/^✖ failing tests:\s*$/m)[1];
  if (section === undefined) return [];
  const failures: TestFailure[] = [];
  const blocks = section.split(/^test at /m).slice(1);
  for (const block of blocks) {
    const [locationLine = '', nameLine = '', ...rest] = block.split('\n');
    const location = /^(.*):(\d+):(\d+)\s*$/.exec(locationLine);
    const name = /^✖ (.*?)(?: \([\d.]+m?s\))?\s*$/.exec(nameLine)?.[1] ?? nameLine.trim();
    const message = rest.filter((line) => !/^\s+at /.test(line) && !/^\s*[{}]/.test(line)).join('\n');
    failures.push({
      name,
      message: firstLines(message, 4),
      ...(location ? { file: location[1]!, line: Number(location[2]), column: Number(location[3]) } : {}),
    });
  }
  return failures;
}
