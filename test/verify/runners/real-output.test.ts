// The parsers and verifiers against output recorded from the real tools (jest 30, go 1.19, mypy 1.0,
// ESLint 10): test/verify/fixtures/real/, where a README lists the versions and commands.
import { describe, expect, it } from 'vitest';
import { createCheckVerifier, createTestVerifier, parseDiagnostics, parseTestOutput, type CheckVerdictDetails, type TestVerdictDetails } from '../../../src/verify/runners/index.js';
import { combined, recorded, replay } from './recorded.js';

const signal = new AbortController().signal;

/** The test verifier's verdict on a recorded run, in the workspace the run was made in. */
async function testVerdict(tool: string, name: string, command: string, workspace: string) {
  const verdict = await createTestVerifier({ spawn: replay(recorded(tool, name)), command }).run({ workspace }, signal);
  return { ...verdict, report: (verdict.details as TestVerdictDetails).report! };
}

async function checkVerdict(tool: string, name: string, command: string, workspace: string) {
  const verdict = await createCheckVerifier({ kind: 'typecheck', spawn: replay(recorded(tool, name)), command }).run({ workspace }, signal);
  return { ...verdict, details: verdict.details as CheckVerdictDetails };
}

describe('jest 30 (default reporter, CI=1)', () => {
  it('counts tests, and each file that failed to load as one more failure', async () => {
    const { report, reward } = await testVerdict('jest', 'all', 'npm test', '/tmp/summon-fixture-jest');
    expect(report).toMatchObject({ runner: 'jest', passed: 3, failed: 7, skipped: 2 });
    expect(reward).toBeCloseTo(3 / 10);
    expect(report.failures).toEqual([
      { name: 'slugify > replaces spaces', message: 'expect(received).toBe(expected) // Object.is equality\nExpected: "a-b"\nReceived: "a_b"', file: '__tests__/slug.test.js', line: 8, column: 28 },
      expect.objectContaining({ name: 'slugify > nested > objects', file: '__tests__/slug.test.js', line: 16, column: 35 }),
      // Thrown in the code under test: the frame where it was thrown.
      { name: 'parse throws from the helper', message: 'empty input', file: 'src/slug.js', line: 5, column: 23 },
      expect.objectContaining({ name: 'slugify(a b)', file: '__tests__/slug.test.js', line: 29, column: 26 }),
      // The timeout's message once (jest repeats it under "Cause:"), at the test's own line.
      { name: 'times out', message: expect.stringMatching(/^thrown: "Exceeded timeout of 50 ms for a test\.\nAdd a timeout value/), file: '__tests__/slug.test.js', line: 32, column: 1 },
      { name: '__tests__/throws.test.js', message: "Cannot find module './does-not-exist' from '__tests__/throws.test.js'", file: '__tests__/throws.test.js', line: 1, column: 17 },
      // Babel's absolute path made relative to the workspace; its 0-based column made 1-based.
      { name: '__tests__/broken.test.js', message: 'SyntaxError: Unexpected token', file: '__tests__/broken.test.js', line: 1, column: 11 },
    ]);
  });

  it('a single file (verbose listing) and a passing run', async () => {
    const one = parseTestOutput(combined(recorded('jest', 'one-file')), 'jest')!;
    expect(one).toMatchObject({ passed: 2, failed: 5, skipped: 2 });
    expect(one.failures.map((failure) => failure.name)).toEqual(['slugify > replaces spaces', 'slugify > nested > objects', 'parse throws from the helper', 'slugify(a b)', 'times out']);
    expect(await testVerdict('jest', 'passing', 'npm test', '/tmp/summon-fixture-jest')).toMatchObject({ reward: 1, passed: true, report: { passed: 1, failed: 0, failures: [] } });
  });

  it('reads each failure once when jest repeats them under "Summary of all failing tests"', () => {
    const report = parseTestOutput(combined(recorded('jest', 'many-suites')), 'jest')!;
    expect(report).toMatchObject({ passed: 21, failed: 1, skipped: 0 });
    expect(report.failures).toEqual([{ name: 'fails', message: 'expect(received).toBe(expected) // Object.is equality\nExpected: 2\nReceived: 1', file: '__tests__/fails.test.js', line: 2, column: 13 }]);
  });
});

describe('go 1.19', () => {
  it('go test -v ./...: leaf tests per package, multi-line messages, a panic, a package that does not compile', async () => {
    const { report, reward, summary } = await testVerdict('go', 'test', 'go test -v ./...', '/tmp/summon-fixture-go/test');
    // TestSlug fails in the root package and passes in util: both count.
    expect(report).toMatchObject({ runner: 'go-test', passed: 7, failed: 6, skipped: 1 });
    expect(reward).toBeCloseTo(7 / 13);
    expect(report.failures).toEqual([
      { name: 'TestSlug', message: 'Slug("a b") = "a_b", want "a-b"', file: 'slug_test.go', line: 14 },
      { name: 'TestTable/spaces', message: 'got "x_y",\nwant "x-y"', file: 'slug_test.go', line: 27 },
      { name: 'TestHelper', message: 'helper: Slug("p q") = "p_q", want "p-q"', file: 'slug_test.go', line: 41 },
      { name: 'TestParallel/two', message: 'two failed in parallel', file: 'slug_test.go', line: 54 },
      {
        name: 'example.com/slug/broken',
        message: 'broken/broken_test.go:6:17: cannot use Double(2) (value of type int) as type string in variable declaration\nbroken/broken_test.go:8:11: undefined: undefinedThing',
        file: 'broken/broken_test.go',
        line: 6,
        column: 17,
      },
      // The first frame of the trace outside the runtime, made relative to the workspace.
      { name: 'TestOutOfRange', message: 'panic: runtime error: index out of range [5] with length 2', file: 'panics/panics.go', line: 4 },
    ]);
    expect(summary).toContain('tests: 7/13 passed, 1 skipped (go-test');
  });

  it('go test without -v: the failures, though passing tests are not listed to count', () => {
    const report = parseTestOutput(combined(recorded('go', 'test-quiet')), 'go-test')!;
    expect(report).toMatchObject({ passed: 0, failed: 6, skipped: 0 });
    expect(report.failures.map((failure) => [failure.name, failure.line])).toEqual([
      ['TestSlug', 14],
      ['TestTable/spaces', 27],
      ['TestHelper', 41],
      ['TestParallel/two', 54],
      ['example.com/slug/broken', 6],
      ['TestOutOfRange', 4],
    ]);
  });

  it('go vet: analyzer findings, and the "vet: " type errors that stop it', async () => {
    const vet = await checkVerdict('go', 'vet', 'go vet ./...', '/tmp/summon-fixture-go/vet');
    expect(vet.details.diagnostics.map((d) => [d.file, d.line, d.column])).toEqual([
      ['util/util.go', 13, 28],
      ['util/util.go', 9, 2],
      ['main.go', 21, 2],
      ['main.go', 13, 13],
      ['main.go', 19, 7],
      ['main.go', 17, 2],
    ]);
    expect(vet.details.diagnostics[5]).toEqual({ file: 'main.go', line: 17, column: 2, severity: 'error', code: '', message: 'fmt.Printf format %d has arg s of wrong type string' });
    expect(vet.reward).toBeCloseTo(1 / 7);
    expect(parseDiagnostics(combined(recorded('go', 'vet-typeerror')))).toEqual([
      { file: 'broken/broken_test.go', line: 6, column: 17, severity: 'error', code: '', message: 'cannot use Double(2) (value of type int) as string value in variable declaration' },
    ]);
  });

  it('go build: a syntax error and type errors in two packages', async () => {
    const build = await checkVerdict('go', 'build', 'go build ./...', '/tmp/summon-fixture-go/build');
    expect(build.details.diagnostics.map((d) => [d.file, d.line, d.column, d.message])).toEqual([
      ['lib/lib.go', 5, 1, 'syntax error: unexpected EOF, expecting }'],
      ['main.go', 5, 2, 'imported and not used: "os"'],
      ['main.go', 9, 14, 'cannot use "one" (untyped string constant) as int value in variable declaration'],
      ['main.go', 10, 17, 'undefined: missing'],
    ]);
    expect(build.reward).toBeCloseTo(1 / 5);
  });
});

describe('mypy 1.0', () => {
  it('errors of several codes; notes and the "Found" line are not diagnostics', async () => {
    const { details, reward } = await checkVerdict('mypy', 'errors', 'python3 -m mypy .', '/tmp/summon-fixture-mypy/errors');
    expect(details.diagnostics.map((d) => [d.file, d.line, d.code])).toEqual([
      ['app/util.py', 2, 'assignment'],
      ['app/util.py', 4, 'operator'],
      ['app/util.py', 5, 'return-value'],
      ['app/main.py', 3, 'import'],
      ['app/main.py', 12, 'assignment'],
      ['app/main.py', 13, 'arg-type'],
      ['app/main.py', 14, 'name-defined'],
      ['app/main.py', 21, 'operator'],
      ['app/main.py', 22, 'arg-type'],
      ['app/main.py', 30, 'attr-defined'],
    ]);
    expect(details.diagnostics[5]).toEqual({ file: 'app/main.py', line: 13, column: 0, severity: 'error', code: 'arg-type', message: 'Argument 1 to "greet" has incompatible type "int"; expected "str"' });
    expect(details).toMatchObject({ errors: 10, warnings: 0 });
    expect(reward).toBeCloseTo(1 / 11);
  });

  it('with --show-column-numbers, a syntax error, and a clean run', async () => {
    const columns = parseDiagnostics(combined(recorded('mypy', 'columns')));
    expect(columns).toHaveLength(10);
    expect(columns[0]).toMatchObject({ file: 'app/util.py', line: 2, column: 19, code: 'assignment' });
    expect(parseDiagnostics(combined(recorded('mypy', 'syntax')))).toEqual([{ file: 'bad.py', line: 1, column: 0, severity: 'error', code: 'syntax', message: 'invalid syntax' }]);
    expect(await checkVerdict('mypy', 'clean', 'python3 -m mypy .', '/tmp/summon-fixture-mypy/clean')).toMatchObject({ reward: 1, passed: true, details: { diagnostics: [] } });
  });
});

describe('ESLint 10', () => {
  const expected = [
    ['src/a.js', 1, 7, 'error', 'no-unused-vars'],
    ['src/a.js', 2, 5, 'warning', 'prefer-const'],
    ['src/a.js', 4, 9, 'error', 'eqeqeq'],
    ['src/a.js', 4, 22, 'error', 'no-undef'],
    // A parse error has no rule.
    ['src/broken.js', 1, 19, 'error', ''],
  ];

  it.each(['unix', 'stylish'])('%s formatter: the same findings, warnings free of cost', async (format) => {
    const { details, reward } = await checkVerdict('eslint', format, 'eslint .', '/tmp/summon-fixture-eslint');
    expect(details.diagnostics.map((d) => [d.file, d.line, d.column, d.severity, d.code])).toEqual(expected);
    expect(details.diagnostics[4]!.message).toBe('Parsing error: Unexpected token ;');
    expect(details).toMatchObject({ errors: 4, warnings: 1 });
    expect(reward).toBeCloseTo(1 / 5);
  });
});
