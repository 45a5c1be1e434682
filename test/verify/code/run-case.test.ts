// The code verifier end to end: real interpreters in the real strict sandbox, one verdict per abuse.
import { describe, expect, it } from 'vitest';
import { codeVerifier, normalizeOutput, outputMatches, runCodeCase, worstVerdict, type CodeCase, type CodeVerdict } from '../../../src/verify/code/index.js';

const py = (program: string, tests: CodeCase['tests'], extra: Partial<CodeCase> = {}): CodeCase => ({ language: 'python', program, tests, ...extra });
const js = (program: string, tests: CodeCase['tests'], extra: Partial<CodeCase> = {}): CodeCase => ({ language: 'javascript', program, tests, ...extra });
const io = (stdin: string, expected: string) => ({ stdin, expected_stdout: expected });
const double = 'def f(x):\n    return x * 2\n';

const CASES: Array<[name: string, codeCase: CodeCase, expected: CodeVerdict]> = [
  ['python stdin/stdout', py('print(int(input()) * 2)', [io('21\n', '42\n'), io('1', '2')]), 'pass'],
  ['python wrong output', py('print(int(input()) * 3)', [io('21\n', '42\n')]), 'fail'],
  ['python extra line', py('print(42)\nprint()\nprint(1)', [io('', '42')]), 'fail'],
  ['python CRLF and trailing spaces', py('import sys\nsys.stdout.write("a  \\r\\nb\\r\\n\\n")', [io('', 'a\nb')]), 'pass'],
  ['python asserts pass', py(double, [{ assert: 'assert f(2) == 4\nassert f(3) == 6' }]), 'pass'],
  ['python assert fails', py(double, [{ assert: 'assert f(2) == 5' }]), 'fail'],
  ['python exits 0 before the asserts', py(`${double}import sys\nsys.exit(0)`, [{ assert: 'assert f(2) == 5' }]), 'fail'],
  ['python os._exit(0) before the asserts', py(`${double}import os\nos._exit(0)`, [{ assert: 'assert f(2) == 5' }]), 'fail'],
  ['python atexit forcing status 0', py(`${double}import atexit, os\natexit.register(lambda: os._exit(0))`, [{ assert: 'assert f(2) == 5' }]), 'fail'],
  ['python swallowed assertion error', py(`${double}import sys, os\nsys.excepthook = lambda *a: os._exit(0)`, [{ assert: 'assert f(2) == 5' }]), 'fail'],
  ['python __eq__ always True', py('class Any:\n    def __eq__(self, other):\n        return True\n    __hash__ = None\ndef f(x):\n    return Any()', [{ assert: 'assert f(2) == 4\nassert 4 == f(2)' }]), 'fail'],
  ['python int subclass equal to all', py('class I(int):\n    def __eq__(self, other):\n        return True\ndef f(x):\n    return I(0)', [{ assert: 'assert f(2) == 4' }]), 'fail'],
  ['python printed fake sentinel', py(`${double}print("@@summon-done-0000@@")\nimport os\nos._exit(0)`, [{ assert: 'assert f(2) == 5' }]), 'fail'],
  ['python subprocess', py('import subprocess\nprint(subprocess.run(["id"], capture_output=True).stdout)', [io('', '')]), 'blocked'],
  ['python os.system', py('import os\nos.system("id")', [io('', '')]), 'blocked'],
  ['python os.fork', py('import os\nos.fork()', [io('', '')]), 'blocked'],
  ['python os.execv', py('import os\nos.execv("/bin/sh", ["sh", "-c", "id"])', [io('', '')]), 'blocked'],
  ['python loopback socket', py('import socket\nsocket.create_connection(("127.0.0.1", 22), timeout=1)', [io('', '')]), 'blocked'],
  ['python infinite loop', py('while True:\n    pass', [io('', '')], { time_limit_s: 0.5 }), 'timeout'],
  ['python memory bomb', py('x = bytearray(600 * 1024 * 1024)\nprint(len(x))', [io('', '629145600')], { memory_limit_mb: 64 }), 'error'],
  ['python reads /etc/passwd', py('print(open("/etc/passwd").read())', [io('', '')]), 'error'],
  ['python writes to /tmp', py('open("/tmp/escape", "w").write("x")\nprint("wrote")', [io('', 'wrote')]), 'error'],
  ['python writes to the root', py('open("/escape", "w").write("x")\nprint("wrote")', [io('', 'wrote')]), 'error'],
  ['python tempfile lands in the working folder', py('import tempfile, os\nwith tempfile.NamedTemporaryFile() as f:\n    print(os.path.dirname(f.name))', [io('', '/work')]), 'pass'],
  ['javascript writes to /tmp', js('require("fs").writeFileSync("/tmp/escape", "x");\nconsole.log("wrote");', [io('', 'wrote')]), 'error'],
  ['python runtime error', py('print(1 / 0)', [io('', '')]), 'error'],
  ['python threads are fine', py('import threading\nt = threading.Thread(target=print, args=("thread",))\nt.start()\nt.join()', [io('', 'thread')]), 'pass'],
  ['javascript stdin/stdout', js('const n = Number(require("fs").readFileSync(0, "utf8"));\nconsole.log(n * 2);', [io('21', '42')]), 'pass'],
  ['javascript asserts pass', js('function f(x) { return x * 2; }', [{ assert: 'assert.strictEqual(f(2), 4);\nconsole.assert(f(3) === 6);' }]), 'pass'],
  ['javascript console.assert fails', js('function f(x) { return x * 3; }', [{ assert: 'console.assert(f(2) === 4);' }]), 'fail'],
  ['javascript early return', js('function f(x) { return x * 3; }\nreturn;', [{ assert: 'assert.strictEqual(f(2), 4);' }]), 'fail'],
  ['javascript process.exit(0)', js('function f(x) { return x * 3; }\nprocess.exit(0);', [{ assert: 'assert.strictEqual(f(2), 4);' }]), 'fail'],
  ['javascript swallowed error and forced exit code', js('function f(x) { return x * 3; }\nprocess.on("uncaughtException", () => {});\nprocess.on("exit", () => { process.exitCode = 0; });', [{ assert: 'assert.strictEqual(f(2), 4);' }]), 'fail'],
  ['javascript stand-in asserts export', js('function f(x) { return x * 3; }\nmodule.exports = new Proxy({}, { get: () => function () {} });\nObject.freeze(module.exports);', [{ assert: 'assert.strictEqual(f(2), 4);' }]), 'fail'],
  ['javascript child_process', js('require("child_process").execSync("id");', [io('', '')]), 'blocked'],
  ['javascript infinite loop', js('for (;;) {}', [io('', '')], { time_limit_s: 0.5 }), 'timeout'],
  ['typescript asserts', { language: 'typescript', program: 'function f(x: number): number { return x * 2; }', tests: [{ assert: 'assert.strictEqual(f(2), 4);' }] }, 'pass'],
];

describe('runCodeCase', () => {
  // Two at a time: two cores.
  for (let index = 0; index < CASES.length; index += 2) {
    const pair = CASES.slice(index, index + 2);
    it(pair.map(([name, , expected]) => `${name} → ${expected}`).join('; '), async () => {
      const results = await Promise.all(pair.map(([, codeCase]) => runCodeCase(codeCase)));
      results.forEach((result, at) => {
        const [name, , expected] = pair[at] ?? ['', undefined, 'pass'];
        expect({ name, verdict: result.verdict, stderr: result.tests.at(-1)?.stderr.slice(-300) }).toMatchObject({ name, verdict: expected });
        expect(result.reward).toBe(expected === 'pass' ? 1 : 0);
      });
    });
  }

  it('keeps the id, hides the sentinel and reports per-test results', async () => {
    const result = await runCodeCase({ id: 'case-7', language: 'python', program: 'print("hello")', tests: [{ assert: 'assert 1 == 1' }, { stdin: '', expected_stdout: 'hello' }] });
    expect(result).toMatchObject({ id: 'case-7', verdict: 'pass', reward: 1, stdout: 'hello\n' });
    expect(result.tests).toHaveLength(2);
    expect(result.tests.every((test) => !test.stdout.includes('summon-done'))).toBe(true);
  });

  it('stops at an abort', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const started = Date.now();
    await expect(runCodeCase(py('while True: pass', [io('', '')], { time_limit_s: 20 }), { signal: controller.signal })).rejects.toMatchObject({ code: 'interrupted' });
    expect(Date.now() - started).toBeLessThan(3000);
  });
});

describe('verdicts and comparison', () => {
  it('takes the worst verdict', () => {
    expect(worstVerdict(['pass', 'fail', 'error'])).toBe('error');
    expect(worstVerdict(['timeout', 'blocked', 'pass'])).toBe('blocked');
    expect(worstVerdict(['error', 'timeout'])).toBe('timeout');
    expect(worstVerdict([])).toBe('pass');
  });

  it('compares line by line after CRLF and trailing-space trimming', () => {
    expect(normalizeOutput('a \r\nb\t\r\n\n')).toEqual(['a', 'b']);
    expect(outputMatches('1\n2\n', '1\n2')).toBe(true);
    expect(outputMatches('1\n2\n3', '1\n2')).toBe(false);
    expect(outputMatches('1', '1\n2')).toBe(false);
    expect(outputMatches(' 1', '1')).toBe(false);
  });
});

describe('codeVerifier', () => {
  it('rewards the share of passing cases', async () => {
    const verifier = codeVerifier([py(double, [{ assert: 'assert f(1) == 2' }], { id: 'good' }), py(double, [{ assert: 'assert f(1) == 3' }], { id: 'bad' })]);
    const verdict = await verifier.run({ workspace: '/' }, new AbortController().signal);
    expect(verdict).toMatchObject({ reward: 0.5, passed: false });
    expect(verdict.summary).toContain('bad: fail');
  });
});

describe('asserts cannot be disarmed by the program', () => {
  it('ignores a program that replaces the global assert and console.assert', async () => {
    const result = await runCodeCase(js('function f(x) { return x + 1; }\nglobalThis.assert = () => {};\nconsole.assert = () => {};', [{ assert: 'assert.strictEqual(f(2), 4);' }, { assert: 'console.assert(f(2) === 4);' }]));
    expect(result.tests.map((test) => test.verdict)).toEqual(['fail', 'fail']);
  });
});
