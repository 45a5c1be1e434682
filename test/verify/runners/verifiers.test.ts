// The test and check verifiers running real tools: node:test, vitest, pytest, tsc, a shell line.
import { symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultSpawn } from '../../../src/tools/index.js';
import { createCheckVerifier, createTestVerifier, detectCheckCommand, detectTestCommand, splitCommandLine, type TestVerdictDetails } from '../../../src/verify/runners/index.js';
import { makeProject } from './helpers.js';

const signal = new AbortController().signal;
const REPO_MODULES = path.resolve(import.meta.dirname, '../../../node_modules');

const nodeProject = (slugBody: string) =>
  makeProject({
    'package.json': JSON.stringify({ type: 'module', scripts: { test: 'node --test' } }),
    'slug.js': `export const slug = (s) => ${slugBody};\n`,
    'test/slug.test.js': [
      "import test from 'node:test';",
      "import assert from 'node:assert/strict';",
      "import { slug } from '../slug.js';",
      "test('lowercases', () => assert.equal(slug('AB'), 'ab'));",
      "test('dashes spaces', () => assert.equal(slug('a b'), 'a-b'));",
      "test('trims', () => assert.equal(slug(' a '), 'a'));",
      "test('keeps digits', () => assert.equal(slug('a1'), 'a1'));",
      '',
    ].join('\n'),
  });

describe('test verifier', () => {
  it('detects npm test with node:test and rewards the fraction passing, with failures for the model', async () => {
    const workspace = nodeProject("s.toLowerCase()");
    expect(detectTestCommand(workspace)).toMatchObject({ runner: 'node-test', line: { command: 'npm', args: ['test', '--silent'] } });
    const verdict = await createTestVerifier({ spawn: defaultSpawn }).run({ workspace }, signal);
    expect(verdict.passed).toBe(false);
    expect(verdict.reward).toBe(0.5);
    expect(verdict.summary).toContain('tests: 2/4 passed (node-test');
    expect(verdict.summary).toContain('✗ dashes spaces (test/slug.test.js:5:1)');
    expect(verdict.summary).toMatch(/'a b' !== 'a-b'/);
    expect((verdict.details as TestVerdictDetails).exitCode).not.toBe(0);
  });

  it('gives 1 only when all pass and the command exits 0', async () => {
    const workspace = nodeProject("s.trim().toLowerCase().replace(/ /g, '-')");
    const verdict = await createTestVerifier({ spawn: defaultSpawn, command: 'node --test' }).run({ workspace }, signal);
    expect(verdict).toMatchObject({ reward: 1, passed: true });
  });

  it('counts a failing exit with no failing test as one more failure (reward below 1)', async () => {
    const workspace = nodeProject("s.trim().toLowerCase().replace(/ /g, '-')");
    const verdict = await createTestVerifier({ spawn: defaultSpawn, command: 'node --test && exit 3' }).run({ workspace }, signal);
    expect(verdict.reward).toBeCloseTo(4 / 5);
    expect(verdict.passed).toBe(false);
  });

  it('parses a real vitest run', async () => {
    const workspace = makeProject({
      'package.json': JSON.stringify({ type: 'module', scripts: { test: 'vitest run' } }),
      'vitest.config.mjs': 'export default {};\n',
      'sum.test.ts': "import { it, expect } from 'vitest';\nit('adds', () => expect(1 + 1).toBe(2));\nit('breaks', () => expect(1 + 1).toBe(3));\nit('ok', () => {});\n",
    });
    symlinkSync(REPO_MODULES, path.join(workspace, 'node_modules'));
    const verdict = await createTestVerifier({ spawn: defaultSpawn }).run({ workspace }, signal);
    expect(verdict.reward).toBeCloseTo(2 / 3);
    expect(verdict.summary).toContain('✗ sum.test.ts > breaks (sum.test.ts:3:34)');
  });

  it('parses a real pytest run', async () => {
    const workspace = makeProject({
      'pytest.ini': '[pytest]\n',
      'tests/test_calc.py': 'def test_one():\n    assert 1 == 1\n\ndef test_two():\n    assert 2 == 3, "two is not three"\n',
    });
    expect(detectTestCommand(workspace)).toMatchObject({ runner: 'pytest' });
    const verdict = await createTestVerifier({ spawn: defaultSpawn, command: 'python3 -m pytest -p no:cacheprovider' }).run({ workspace }, signal);
    expect(verdict.reward).toBe(0.5);
    expect(verdict.summary).toContain('✗ tests/test_calc.py::test_two (tests/test_calc.py:5)');
    expect(verdict.summary).toContain('two is not three');
  });

  it('falls back to the exit code for output no parser knows, and reports a timeout as 0', async () => {
    const workspace = makeProject({});
    expect(await createTestVerifier({ spawn: defaultSpawn, command: 'true' }).run({ workspace }, signal)).toMatchObject({ reward: 1, passed: true });
    const slow = await createTestVerifier({ spawn: defaultSpawn, command: 'sleep 5', timeoutMs: 200 }).run({ workspace }, signal);
    expect(slow).toMatchObject({ reward: 0, passed: false });
    expect(slow.summary).toContain('timed out');
  });

  it('says so when the project has no test command', async () => {
    const verdict = await createTestVerifier({ spawn: defaultSpawn }).run({ workspace: makeProject({ 'README.md': 'hi' }) }, signal);
    expect(verdict).toMatchObject({ reward: 0, passed: false });
    expect(verdict.summary).toContain('no test command found');
  });
});

describe('check verifiers', () => {
  it('typecheck: real tsc diagnostics with file:line, reward 1/(1+errors)', async () => {
    const workspace = makeProject({
      'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, noEmit: true, types: [] }, files: ['a.ts'] }),
      'a.ts': "const n: number = 'x';\nconst s: string = 1;\nexport { n, s };\n",
    });
    symlinkSync(REPO_MODULES, path.join(workspace, 'node_modules'));
    const verdict = await createCheckVerifier({ kind: 'typecheck', spawn: defaultSpawn }).run({ workspace }, signal);
    expect(verdict.reward).toBeCloseTo(1 / 3);
    expect(verdict.summary).toContain("a.ts:1:7: error TS2322: Type 'string' is not assignable to type 'number'.");
    expect(verdict.summary).toContain('a.ts:2:7: error TS2322');
  });

  it('lint: ruff is asked for its concise format, the one line per finding the parser reads', () => {
    const workspace = makeProject({ 'ruff.toml': 'line-length = 100\n', 'app.py': 'import os\n' });
    expect(detectCheckCommand('lint', workspace)).toMatchObject({ line: { command: 'ruff', args: ['check', '--output-format=concise', '.'] }, source: 'ruff configuration' });
  });

  it('command: a shell line from the config runs through bash; exit 0 and no errors is 1', async () => {
    const workspace = makeProject({ 'a.txt': 'x' });
    const ok = await createCheckVerifier({ kind: 'command', command: 'test -f a.txt && echo fine | grep -q fine', spawn: defaultSpawn }).run({ workspace }, signal);
    expect(ok).toMatchObject({ reward: 1, passed: true });
    const lint = await createCheckVerifier({ kind: 'lint', command: "printf 'src/x.py:3:1: E402 Module level import not at top of file\\n'; exit 1", spawn: defaultSpawn }).run({ workspace }, signal);
    expect(lint).toMatchObject({ reward: 0.5, passed: false });
    expect(lint.summary).toContain('src/x.py:3:1: error E402: Module level import not at top of file');
  });
});

describe('command lines', () => {
  it('splits plain lines into argv and sends shell syntax to bash -c', () => {
    expect(splitCommandLine('npm test -- --grep "a b"')).toEqual({ command: 'npm', args: ['test', '--', '--grep', 'a b'] });
    expect(splitCommandLine("echo 'a|b'")).toEqual({ command: 'echo', args: ['a|b'] });
    expect(splitCommandLine('npm test && npm run lint')).toEqual({ command: 'bash', args: ['-c', 'npm test && npm run lint'] });
    expect(splitCommandLine('pytest $ARGS')).toEqual({ command: 'bash', args: ['-c', 'pytest $ARGS'] });
  });
});
