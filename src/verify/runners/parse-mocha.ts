// Parses mocha's spec reporter: "N passing", "N failing", "N pending" and the numbered failure list
// ("1) suite\n     test:\n   Error: message\n    at … (file:line:col)").
import { firstLines, plain, toInt } from './text.js';
import type { TestFailure, TestReport } from './types.js';

export function parseMocha(output: string): TestReport | undefined {
  const text = plain(output);
  const passing = toInt(/^\s*(\d+) passing\b/m.exec(text)?.[1]);
  if (passing === undefined) return undefined;
  const failed = toInt(/^\s*(\d+) failing\b/m.exec(text)?.[1]) ?? 0;
  const skipped = toInt(/^\s*(\d+) pending\b/m.exec(text)?.[1]) ?? 0;
  const section = text.split(/^\s*\d+ failing\s*$/m)[1] ?? '';
  const failures: TestFailure[] = [];
  for (const raw of section.split(/^\s{2}\d+\) /m).slice(1)) {
    const lines = raw.split('\n');
    const nameEnd = lines.findIndex((line) => line.trimEnd().endsWith(':'));
    const name = lines.slice(0, nameEnd + 1).map((line) => line.trim().replace(/:$/, '')).filter(Boolean).join(' > ');
    const rest = lines.slice(nameEnd + 1);
    const frame = rest.map((line) => /^\s+at .*?\(?([^\s()]+):(\d+):(\d+)\)?\s*$/.exec(line)).find((match) => match && !match[1]!.includes('node_modules') && !match[1]!.startsWith('node:'));
    failures.push({
      name,
      message: firstLines(rest.filter((line) => !/^\s+at /.test(line)).join('\n'), 4),
      ...(frame ? { file: frame[1]!.replace(/^file:\/\//, ''), line: Number(frame[2]), column: Number(frame[3]) } : {}),
    });
  }
  return { runner: 'mocha', passed: passing, failed, skipped, failures };
}
