// Parses `cargo test` output: every "test result: … N passed; M failed; K ignored" line (one per test
// binary, summed), and each "---- name stdout ----" block's panic location and message.
import { firstLines, plain } from './text.js';
import type { TestFailure, TestReport } from './types.js';

export function parseCargoTest(output: string): TestReport | undefined {
  const text = plain(output);
  const results = [...text.matchAll(/^test result: \w+\. (\d+) passed; (\d+) failed; (\d+) ignored/gm)];
  if (results.length === 0) return undefined;
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const match of results) {
    passed += Number(match[1]);
    failed += Number(match[2]);
    skipped += Number(match[3]);
  }
  const failures: TestFailure[] = [];
  const blocks = text.split(/^---- (\S+) stdout ----\s*$/m);
  for (let index = 1; index + 1 < blocks.length; index += 2) {
    const body = blocks[index + 1]!.split(/^(?:stack backtrace:|note: |failures:\s*$)/m)[0] ?? '';
    // Rust ≥ 1.73: "thread 'x' (id) panicked at src/lib.rs:8:18:\nmessage"; older: "panicked at 'message', src/lib.rs:8:18".
    const modern = /panicked at ([^\s:]+):(\d+):(\d+):\n([\s\S]*)/.exec(body);
    const legacy = /panicked at '([\s\S]*?)', ([^\s:]+):(\d+):(\d+)/.exec(body);
    const failure: TestFailure = { name: blocks[index]!, message: 'failed' };
    if (modern) Object.assign(failure, { file: modern[1], line: Number(modern[2]), column: Number(modern[3]), message: firstLines(modern[4]!, 4) || 'panicked' });
    else if (legacy) Object.assign(failure, { file: legacy[2], line: Number(legacy[3]), column: Number(legacy[4]), message: firstLines(legacy[1]!, 4) });
    else failure.message = firstLines(body, 4) || 'failed';
    failures.push(failure);
  }
  return { runner: 'cargo-test', passed, failed, skipped, failures };
}
