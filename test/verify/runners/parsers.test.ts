// Test-runner and diagnostic parsers against recorded output (see fixtures/README.md for which is real).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDiagnostics, parseTestOutput } from '../../../src/verify/runners/index.js';

const fixture = (name: string): string => readFileSync(path.join(import.meta.dirname, 'fixtures', name), 'utf8');

describe('test output parsers', () => {
  it('node --test, TAP reporter: counts, nested names, error and location; suites are not failures', () => {
    const report = parseTestOutput(fixture('node-tap.txt'))!;
    expect(report).toMatchObject({ runner: 'node-test', passed: 2, failed: 2, skipped: 1 });
    expect(report.failures).toEqual([
      { name: 'slugifies', message: "Expected values to be strictly equal:\n'a_b' !== 'a-b'", file: '/tmp/fx/node/test/a.test.js', line: 4, column: 1 },
      { name: 'group > inner fails', message: 'boom inner', file: '/tmp/fx/node/test/a.test.js', line: 7, column: 8 },
    ]);
  });

  it('node --test, spec reporter', () => {
    const report = parseTestOutput(fixture('node-spec.txt'), 'node-test')!;
    expect(report).toMatchObject({ runner: 'node-test', passed: 2, failed: 2, skipped: 1 });
    expect(report.failures.map((f) => [f.name, f.file, f.line])).toEqual([
      ['slugifies', 'test/a.test.js', 4],
      ['inner fails', 'test/a.test.js', 7],
    ]);
    expect(report.failures[0]!.message).toContain("'a_b' !== 'a-b'");
  });

  it('vitest (real colour output)', () => {
    const report = parseTestOutput(fixture('vitest.txt'))!;
    expect(report).toMatchObject({ runner: 'vitest', passed: 2, failed: 2, skipped: 1 });
    expect(report.failures).toEqual([
      { name: 'test/a.test.ts > math > subtracts', message: 'AssertionError: expected 2 to be 1 // Object.is equality\n- 1\n+ 2', file: 'test/a.test.ts', line: 4, column: 41 },
      expect.objectContaining({ name: 'test/b.test.ts > strings', file: 'test/b.test.ts', line: 2, column: 55 }),
    ]);
  });

  it('jest', () => {
    const report = parseTestOutput(fixture('jest.txt'))!;
    expect(report).toMatchObject({ runner: 'jest', passed: 2, failed: 1, skipped: 1 });
    expect(report.failures).toEqual([
      { name: 'slugify > replaces spaces', message: expect.stringContaining('Expected: "a-b"'), file: 'src/__tests__/slug.test.js', line: 7, column: 28 },
    ]);
  });

  it('pytest: counts, node ids, messages and the failing line', () => {
    const report = parseTestOutput(fixture('pytest.txt'))!;
    expect(report).toMatchObject({ runner: 'pytest', passed: 1, failed: 3, skipped: 1 });
    expect(report.failures).toEqual([
      { name: 'tests/test_a.py::test_slug', message: "AssertionError: assert 'a_b' == 'a-b'", file: 'tests/test_a.py', line: 5 },
      { name: 'tests/test_a.py::TestGroup::test_inner', message: 'AssertionError: lists differ', file: 'tests/test_a.py', line: 8 },
      { name: 'tests/test_a.py::test_err', message: 'ValueError: bad value', file: 'tests/test_a.py', line: 13 },
    ]);
  });

  it('go test -v: leaf tests only, log lines as messages', () => {
    const report = parseTestOutput(fixture('go-test.txt'))!;
    expect(report).toMatchObject({ runner: 'go-test', passed: 2, failed: 2, skipped: 1 });
    expect(report.failures).toEqual([
      { name: 'TestSlug', message: 'Slug("a b") = "a_b", want "a-b"', file: 'slug_test.go', line: 12 },
      { name: 'TestTable/spaces', message: 'got "x_y", want "x-y"', file: 'slug_test.go', line: 25 },
    ]);
  });

  it('cargo test (real output): panic location and assertion message', () => {
    const report = parseTestOutput(fixture('cargo.txt'))!;
    expect(report).toMatchObject({ runner: 'cargo-test', passed: 1, failed: 2, skipped: 1 });
    expect(report.failures).toEqual([
      { name: 'tests::fails', message: 'assertion `left == right` failed: math is broken\nleft: 4\nright: 5', file: 'src/lib.rs', line: 8, column: 18 },
      { name: 'tests::panics', message: 'boom', file: 'src/lib.rs', line: 13, column: 19 },
    ]);
  });

  it('mocha', () => {
    const output = '\n  slug\n    ✔ lowercases\n    1) replaces spaces\n\n\n  1 passing (5ms)\n  1 pending\n  1 failing\n\n  1) slug\n       replaces spaces:\n\n      AssertionError [ERR_ASSERTION]: Expected values to be strictly equal:\n      at Context.<anonymous> (file:///p/test/slug.test.js:9:12)\n      at process.processImmediate (node:internal/timers:478:21)\n';
    const report = parseTestOutput(output)!;
    expect(report).toMatchObject({ runner: 'mocha', passed: 1, failed: 1, skipped: 1 });
    expect(report.failures[0]).toMatchObject({ name: 'slug > replaces spaces', file: '/p/test/slug.test.js', line: 9, column: 12 });
  });

  it('returns undefined for output of no known runner', () => {
    expect(parseTestOutput('make: *** [all] Error 1\n')).toBeUndefined();
  });
});

describe('diagnostic parsers', () => {
  it('tsc, plain and --pretty', () => {
    const expected = [{ file: 'bad.ts', line: 1, column: 7, code: 'TS2322', severity: 'error', message: "Type 'string' is not assignable to type 'number'." }];
    expect(parseDiagnostics(fixture('tsc.txt'))).toEqual(expected);
    expect(parseDiagnostics(fixture('tsc-pretty.txt'))).toEqual(expected);
  });

  it('eslint stylish, unix and json agree', () => {
    const shape = (list: ReturnType<typeof parseDiagnostics>) => list.map((d) => [d.line, d.column, d.severity, d.code]);
    const expected = [
      [1, 7, 'error', '@typescript-eslint/no-unused-vars'],
      [2, 5, 'warning', 'prefer-const'],
      [2, 5, 'error', '@typescript-eslint/no-unused-vars'],
      [3, 22, 'error', '@typescript-eslint/no-explicit-any'],
    ];
    const stylish = parseDiagnostics(fixture('eslint-stylish.txt'));
    expect(shape(stylish)).toEqual(expected);
    expect(stylish[0]).toMatchObject({ file: '/tmp/fx/lint/bad.ts', message: "'x' is assigned a value but never used" });
    expect(shape(parseDiagnostics(fixture('eslint-unix.txt')))).toEqual(expected);
    expect(shape(parseDiagnostics(fixture('eslint.json')))).toEqual(expected);
  });

  it('mypy (notes dropped), ruff, go vet', () => {
    expect(parseDiagnostics(fixture('mypy.txt'))).toEqual([
      { file: 'src/app/main.py', line: 12, column: 0, severity: 'error', code: 'assignment', message: 'Incompatible types in assignment (expression has type "str", variable has type "int")' },
      { file: 'src/app/main.py', line: 20, column: 5, severity: 'error', code: 'name-defined', message: 'Name "foo" is not defined' },
      { file: 'src/app/util.py', line: 3, column: 0, severity: 'error', code: 'import-untyped', message: 'Library stubs not installed for "yaml"' },
    ]);
    expect(parseDiagnostics(fixture('ruff.txt')).map((d) => [d.file, d.line, d.column, d.code])).toEqual([
      ['src/app/main.py', 1, 8, 'F401'],
      ['src/app/main.py', 9, 5, 'E741'],
      ['src/app/util.py', 4, 1, 'E402'],
    ]);
    expect(parseDiagnostics(fixture('go-vet.txt'))).toEqual([
      { file: 'slug.go', line: 14, column: 2, severity: 'error', code: '', message: 'fmt.Printf format %d has arg s of wrong type string' },
      { file: 'util/util.go', line: 7, column: 9, severity: 'error', code: '', message: 'unreachable code' },
    ]);
  });

  it('rustc errors with their --> location', () => {
    const output = 'error[E0308]: mismatched types\n --> src/main.rs:4:18\n  |\n4 |     let x: i32 = "a";\n';
    expect(parseDiagnostics(output)).toEqual([{ file: 'src/main.rs', line: 4, column: 18, severity: 'error', code: 'E0308', message: 'mismatched types' }]);
  });
});
