// Parses `go test -v ./...` (and plain `go test`) output: "--- PASS/FAIL/SKIP: Name (0.00s)" result
// lines, counting leaf tests only (a parent fails when a subtest does), and the "file_test.go:12: msg"
// lines logged under each test. Results are kept per package (each ends at its "ok  \tpkg" or
// "FAIL\tpkg" line), since two packages may well have tests of the same name. A package that fails
// with no failing test — it did not compile, or panicked outside a test — counts as one failure.
import { compileErrors, goPanic, type GoError, type GoPanic } from './go-output.js';
import { firstLines, plain } from './text.js';
import type { TestFailure, TestReport } from './types.js';

type Status = 'PASS' | 'FAIL' | 'SKIP';

interface LogEntry {
  file: string;
  line: number;
  message: string;
}

/** One package's run: what its result lines and log lines said. */
interface PackageRun {
  results: Map<string, Status>;
  logs: Map<string, LogEntry[]>;
  panic?: GoPanic & { test?: string };
}

export function parseGoTest(output: string): TestReport | undefined {
  const text = plain(output);
  const lines = text.split('\n');
  const builds = compileErrors(text);
  const report: TestReport = { runner: 'go-test', passed: 0, failed: 0, skipped: 0, failures: [] };
  let run = newRun();
  let current: string | undefined;
  // The log entry a deeper-indented line continues (t.Errorf("a\nb") prints "b" on its own line).
  let open: { entry: LogEntry; indent: number } | undefined;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const continued = open && /^(\s*)/.exec(line)![1]!.length > open.indent && line.trim() !== '' ? open : undefined;
    open = undefined;
    const marker = /^=== (?:RUN|CONT|PAUSE|NAME)\s+(\S+)/.exec(line);
    if (marker) {
      current = marker[1]!;
      continue;
    }
    const result = /^\s*--- (PASS|FAIL|SKIP): (\S+) \(/.exec(line);
    if (result) {
      run.results.set(result[2]!, result[1] as Status);
      // Without -v, a failing test's log lines follow its result line.
      current = result[2]!;
      continue;
    }
    // "ok  \tpkg\t0.01s", "FAIL\tpkg\t0.01s", "FAIL\tpkg [build failed]": the tab tells them from other tools' PASS/FAIL lines.
    const done = /^(ok {2}|FAIL|\? {3})\t(\S+)/.exec(line);
    if (done) {
      addPackage(report, run, done[1] === 'FAIL' ? done[2]! : undefined, builds);
      run = newRun();
      current = undefined;
      continue;
    }
    if (/^panic: /.test(line) && !run.panic) {
      run.panic = { ...goPanic(lines, index), ...(current ? { test: current } : {}) };
      continue;
    }
    const log = /^(\s+)([\w./-]+\.go):(\d+): (.*)$/.exec(line);
    if (log && current) {
      const entry = { file: log[2]!, line: Number(log[3]), message: log[4]! };
      run.logs.set(current, [...(run.logs.get(current) ?? []), entry]);
      open = { entry, indent: log[1]!.length };
      continue;
    }
    if (continued) {
      continued.entry.message += `\n${line.trim()}`;
      open = continued;
    }
  }
  // Output cut short before its package line (or a test binary run directly) still counts.
  addPackage(report, run, undefined, builds);
  // Only "ok  \tpkg" lines (plain `go test` that passed) count no test: the exit code decides then.
  return report.passed + report.failed + report.skipped > 0 ? report : undefined;
}

function newRun(): PackageRun {
  return { results: new Map(), logs: new Map() };
}

/** Adds one package's leaf tests to the report; `failedPackage` is its path when its line said FAIL. */
function addPackage(report: TestReport, run: PackageRun, failedPackage: string | undefined, builds: Map<string, GoError[]>): void {
  const names = [...run.results.keys()];
  const leaves = names.filter((name) => !names.some((other) => other.startsWith(`${name}/`)));
  let failedHere = 0;
  for (const name of leaves) {
    const status = run.results.get(name);
    if (status === 'PASS') report.passed++;
    else if (status === 'SKIP') report.skipped++;
    else {
      failedHere++;
      report.failures.push(testFailure(name, run));
    }
  }
  report.failed += failedHere;
  if (failedPackage !== undefined && failedHere === 0) {
    report.failed++;
    report.failures.push(packageFailure(failedPackage, run, builds.get(failedPackage)));
  }
}

function testFailure(name: string, run: PackageRun): TestFailure {
  // A subtest's messages may have been logged by its parent (t.Errorf in a helper), so fall back to it.
  const own = run.logs.get(name) ?? run.logs.get(name.split('/')[0]!) ?? [];
  const first = own[0];
  if (!first && run.panic?.test === name) return { name, ...panicDetails(run.panic) };
  return {
    name,
    message: firstLines(own.map((entry) => entry.message).join('\n'), 4) || 'failed',
    ...(first ? { file: first.file, line: first.line } : {}),
  };
}

/** A package that failed as a whole: its compile errors, else its panic, else just "failed". */
function packageFailure(name: string, run: PackageRun, errors: GoError[] | undefined): TestFailure {
  const first = errors?.[0];
  if (first) return { name, message: firstLines(errors.map((entry) => `${entry.file}:${entry.line}:${entry.column}: ${entry.message}`).join('\n'), 4), file: first.file, line: first.line, column: first.column };
  if (run.panic) return { name, ...panicDetails(run.panic) };
  return { name, message: 'failed' };
}

function panicDetails(panic: GoPanic): Omit<TestFailure, 'name'> {
  return { message: panic.message, ...(panic.file ? { file: panic.file, line: panic.line } : {}) };
}
