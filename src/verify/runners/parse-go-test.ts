// Parses `go test -v` (and plain `go test`) output: "--- PASS/FAIL/SKIP: Name (0.00s)" result lines,
// counting leaf tests only (a parent fails when a subtest does), and the "file_test.go:12: msg" lines
// logged under each test.
import { plain } from './text.js';
import type { TestFailure, TestReport } from './types.js';

export function parseGoTest(output: string): TestReport | undefined {
  const text = plain(output);
  const results = new Map<string, 'PASS' | 'FAIL' | 'SKIP'>();
  const logs = new Map<string, { file: string; line: number; message: string }[]>();
  let current: string | undefined;
  for (const line of text.split('\n')) {
    const run = /^=== (?:RUN|CONT|PAUSE)\s+(\S+)/.exec(line);
    if (run) {
      current = run[1]!;
      continue;
    }
    const result = /^\s*--- (PASS|FAIL|SKIP): (\S+) \(/.exec(line);
    if (result) {
      results.set(result[2]!, result[1] as 'PASS' | 'FAIL' | 'SKIP');
      // Without -v, a failing test's log lines follow its result line.
      current = result[2]!;
      continue;
    }
    const log = /^\s+([\w./-]+\.go):(\d+): (.*)$/.exec(line);
    if (log && current) {
      const list = logs.get(current) ?? [];
      list.push({ file: log[1]!, line: Number(log[2]), message: log[3]! });
      logs.set(current, list);
    }
  }
  if (results.size === 0) return undefined;
  const names = [...results.keys()];
  const leaves = names.filter((name) => !names.some((other) => other.startsWith(`${name}/`)));
  const failures: TestFailure[] = [];
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const name of leaves) {
    const status = results.get(name);
    if (status === 'PASS') passed++;
    else if (status === 'SKIP') skipped++;
    else {
      failed++;
      // A subtest's messages may have been logged by its parent (t.Errorf in a helper), so fall back to it.
      const own = logs.get(name) ?? logs.get(name.split('/')[0]!) ?? [];
      const first = own[0];
      failures.push({
        name,
        message: own.map((entry) => entry.message).slice(0, 3).join('\n') || 'failed',
        ...(first ? { file: first.file, line: first.line } : {}),
      });
    }
  }
  return { runner: 'go-test', passed, failed, skipped, failures };
}
