// The code-verifier corpus: legitimate solutions (right and wrong) and every abuse of issue 3, each
// with the verdict it must get. `unsafe` marks cases that try to escape or cheat.
import type { CodeCase, CodeVerdict } from '../../src/verify/code/index.js';

export interface CorpusCase {
  codeCase: CodeCase;
  expected: CodeVerdict;
  unsafe: boolean;
  category: string;
}

const io = (stdin: string, expected: string) => ({ stdin, expected_stdout: expected });
const cases: CorpusCase[] = [];
const add = (category: string, expected: CodeVerdict, unsafe: boolean, codeCase: CodeCase): void => {
  cases.push({ category, expected, unsafe, codeCase: { id: `${codeCase.language}-${category}-${cases.length + 1}`, ...codeCase } });
};
const py = (program: string, tests: CodeCase['tests'], extra: Partial<CodeCase> = {}): CodeCase => ({ language: 'python', program, tests, ...extra });
const js = (program: string, tests: CodeCase['tests'], extra: Partial<CodeCase> = {}): CodeCase => ({ language: 'javascript', program, tests, ...extra });

// Legitimate programs, stdin/stdout.
const sumPy = 'import sys\nprint(sum(int(x) for x in sys.stdin.read().split()))';
const sumJs = 'const s = require("fs").readFileSync(0, "utf8").split(/\\s+/).filter(Boolean).map(Number);\nconsole.log(s.reduce((a, b) => a + b, 0));';
add('stdio-correct', 'pass', false, py(sumPy, [io('1 2 3\n', '6\n'), io('10\n20', '30'), io('', '0')]));
add('stdio-correct', 'pass', false, js(sumJs, [io('1 2 3\n', '6\n'), io('10\n20', '30'), io('', '0')]));
add('stdio-correct', 'pass', false, py('n = int(input())\nfor i in range(1, n + 1):\n    print("FizzBuzz" if i % 15 == 0 else "Fizz" if i % 3 == 0 else "Buzz" if i % 5 == 0 else i)', [io('5', '1\n2\nFizz\n4\nBuzz'), io('15', '1\n2\nFizz\n4\nBuzz\nFizz\n7\n8\nFizz\nBuzz\n11\nFizz\n13\n14\nFizzBuzz')]));
add('stdio-correct', 'pass', false, js('const n = Number(require("fs").readFileSync(0, "utf8"));\nconst out = [];\nfor (let i = 1; i <= n; i++) out.push(i % 15 === 0 ? "FizzBuzz" : i % 3 === 0 ? "Fizz" : i % 5 === 0 ? "Buzz" : String(i));\nconsole.log(out.join("\\n"));', [io('5', '1\n2\nFizz\n4\nBuzz')]));
add('stdio-correct', 'pass', false, py('s = input().strip()\nprint(s[::-1])', [io('hello\n', 'olleh'), io('abc', 'cba')]));
add('stdio-correct', 'pass', false, js('const s = require("fs").readFileSync(0, "utf8").trim();\nconsole.log([...s].reverse().join(""));', [io('hello\n', 'olleh')]));
add('stdio-correct', 'pass', false, py('import sys\nlines = sys.stdin.read().split("\\n")\nn = int(lines[0])\nnums = sorted(map(int, lines[1].split()))\nprint(" ".join(map(str, nums)))', [io('3\n3 1 2\n', '1 2 3'), io('1\n5', '5')]));
add('stdio-correct', 'pass', false, py('def fib(n):\n    a, b = 0, 1\n    for _ in range(n):\n        a, b = b, a + b\n    return a\nprint(fib(int(input())))', [io('10', '55'), io('90', '2880067194370816120')]));
add('stdio-correct', 'pass', false, js('let [a, b] = [0n, 1n];\nconst n = Number(require("fs").readFileSync(0, "utf8"));\nfor (let i = 0; i < n; i++) [a, b] = [b, a + b];\nconsole.log(String(a));', [io('90', '2880067194370816120')]));
add('stdio-whitespace', 'pass', false, py('import sys\nsys.stdout.write("a   \\r\\nb\\t\\r\\n\\n\\n")', [io('', 'a\nb')]));
add('stdio-whitespace', 'pass', false, js('process.stdout.write("x \\r\\ny\\r\\n")', [io('', 'x\ny\n\n')]));
add('stdio-wrong', 'fail', false, py('import sys\nprint(sum(int(x) for x in sys.stdin.read().split()) + 1)', [io('1 2 3', '6')]));
add('stdio-wrong', 'fail', false, js(sumJs.replace('a + b', 'a * b'), [io('1 2 3', '7')]));
add('stdio-wrong', 'fail', false, py('print(1)\nprint(2)', [io('', '1')]));
add('stdio-wrong', 'fail', false, py('print(1)', [io('', '1\n2')]));
add('stdio-wrong', 'fail', false, js('console.log("  1")', [io('', '1')]));
add('stdio-wrong', 'fail', false, py('print("Hello")', [io('', 'hello')]));
add('stdio-partial', 'fail', false, py('n = int(input())\nprint(n * 2 if n < 100 else n)', [io('2', '4'), io('200', '400')]));
// Legitimate programs, asserts.
const binarySearch = 'def search(items, target):\n    lo, hi = 0, len(items) - 1\n    while lo <= hi:\n        mid = (lo + hi) // 2\n        if items[mid] == target:\n            return mid\n        if items[mid] < target:\n            lo = mid + 1\n        else:\n            hi = mid - 1\n    return -1\n';
add('assert-correct', 'pass', false, py(binarySearch, [{ assert: 'assert search([1, 3, 5, 7], 5) == 2\nassert search([1, 3], 4) == -1\nassert search([], 1) == -1' }]));
add('assert-correct', 'pass', false, py('def pairs(xs):\n    return [(x, x * x) for x in xs]\ndef index(words):\n    return {w: len(w) for w in words}', [{ assert: 'assert pairs([1, 2]) == [(1, 1), (2, 4)]\nassert index(["ab", "c"]) == {"ab": 2, "c": 1}\nassert pairs([]) == []' }]));
add('assert-correct', 'pass', false, py('def mean(xs):\n    return sum(xs) / len(xs)', [{ assert: 'assert mean([1, 2, 3]) == 2\nassert mean([1, 2]) == 1.5' }]));
add('assert-correct', 'pass', false, py('class Point:\n    def __init__(self, x, y):\n        self.x, self.y = x, y\n    def __eq__(self, other):\n        return isinstance(other, Point) and (self.x, self.y) == (other.x, other.y)\ndef origin():\n    return Point(0, 0)', [{ assert: 'assert origin() == Point(0, 0)\nassert origin().x == 0' }]));
add('assert-correct', 'pass', false, js('function gcd(a, b) { return b === 0 ? a : gcd(b, a % b); }', [{ assert: 'assert.strictEqual(gcd(12, 18), 6);\nassert.strictEqual(gcd(7, 3), 1);' }]));
add('assert-correct', 'pass', false, js('const chunk = (xs, n) => xs.length ? [xs.slice(0, n), ...chunk(xs.slice(n), n)] : [];', [{ assert: 'assert.deepStrictEqual(chunk([1, 2, 3], 2), [[1, 2], [3]]);' }, { assert: 'console.assert(chunk([], 3).length === 0);' }]));
add('assert-correct', 'pass', false, js('class Stack { constructor() { this.items = []; } push(x) { this.items.push(x); } pop() { return this.items.pop(); } }', [{ assert: 'const s = new Stack(); s.push(1); s.push(2);\nassert.equal(s.pop(), 2);\nassert(s.pop() === 1);' }]));
add('assert-correct', 'pass', false, { language: 'typescript', program: 'interface P { x: number }\nexport function norm(p: P): number { return Math.abs(p.x); }', tests: [{ assert: 'assert.strictEqual(norm({ x: -3 } as P), 3);' }] });
add('assert-wrong', 'fail', false, py(binarySearch.replace('lo = mid + 1', 'lo = mid + 2'), [{ assert: 'assert search([1, 3, 5, 7, 9, 11], 7) == 3' }]));
add('assert-wrong', 'fail', false, py('def mean(xs):\n    return sum(xs) // len(xs)', [{ assert: 'assert mean([1, 2]) == 1.5' }]));
add('assert-wrong', 'fail', false, py('def f():\n    return [1, 2]', [{ assert: 'assert f() == (1, 2)' }]));
add('assert-wrong', 'fail', false, js('function gcd(a, b) { return a; }', [{ assert: 'assert.strictEqual(gcd(12, 18), 6);' }]));
add('assert-wrong', 'fail', false, js('const f = () => ({ a: 1 });', [{ assert: 'assert.deepStrictEqual(f(), { a: 2 });' }]));
add('assert-wrong', 'fail', false, js('const f = () => 3;', [{ assert: 'console.assert(f() === 4, "f is 4");' }]));
add('assert-wrong', 'fail', false, { language: 'typescript', program: 'function twice(x: number): number { return x + 2; }', tests: [{ assert: 'assert.strictEqual(twice(5), 10);' }] });
// Errors and limits.
add('runtime-error', 'error', false, py('print(undefined_name)', [io('', '')]));
add('runtime-error', 'error', false, py('def f(:\n    pass', [io('', '')]));
add('runtime-error', 'error', false, js('null.x;', [io('', '')]));
add('runtime-error', 'error', false, js('function (', [io('', '')]));
add('runtime-error', 'error', false, py('def r(n):\n    return r(n + 1)\nr(0)', [io('', '')]));
add('memory-limit', 'error', false, py('blocks = [bytearray(32 * 1024 * 1024) for _ in range(64)]\nprint(len(blocks))', [io('', '64')], { memory_limit_mb: 128 }));
add('memory-limit', 'error', false, js('const keep = [];\nfor (;;) keep.push(new Array(1e6).fill(1.5));', [io('', '')], { memory_limit_mb: 128 }));
add('output-limit', 'error', false, py('while True:\n    print("x" * 1000)', [io('', '')], { time_limit_s: 3 }));
add('time-limit', 'timeout', false, py('while True:\n    pass', [io('', '')], { time_limit_s: 0.5 }));
add('time-limit', 'timeout', false, js('for (;;) {}', [io('', '')], { time_limit_s: 0.5 }));
add('time-limit', 'timeout', false, py('import time\ntime.sleep(30)', [io('', '')], { time_limit_s: 0.5 }));
add('time-limit', 'timeout', false, js('setTimeout(() => {}, 30000);', [io('', '')], { time_limit_s: 0.5 }));
// Cheating the asserts.
const wrongPy = 'def f(x):\n    return x + 1\n';
const wrongJs = 'function f(x) { return x + 1; }\n';
add('cheat-early-exit', 'fail', true, py(`${wrongPy}import sys\nsys.exit(0)`, [{ assert: 'assert f(2) == 4' }]));
add('cheat-early-exit', 'fail', true, py(`${wrongPy}import os\nos._exit(0)`, [{ assert: 'assert f(2) == 4' }]));
add('cheat-early-exit', 'fail', true, py(`${wrongPy}raise SystemExit`, [{ assert: 'assert f(2) == 4' }]));
add('cheat-early-exit', 'fail', true, js(`${wrongJs}process.exit(0);`, [{ assert: 'assert.strictEqual(f(2), 4);' }]));
add('cheat-early-exit', 'fail', true, js(`${wrongJs}return;`, [{ assert: 'assert.strictEqual(f(2), 4);' }]));
add('cheat-exit-hook', 'fail', true, py(`${wrongPy}import atexit, os\natexit.register(lambda: os._exit(0))`, [{ assert: 'assert f(2) == 4' }]));
add('cheat-exit-hook', 'fail', true, js(`${wrongJs}process.on("exit", () => { process.exitCode = 0; });`, [{ assert: 'assert.strictEqual(f(2), 4);' }]));
add('cheat-exit-hook', 'fail', true, js(`${wrongJs}process.on("exit", () => process.reallyExit(0));`, [{ assert: 'assert.strictEqual(f(2), 4);' }]));
add('cheat-swallow', 'fail', true, py(`${wrongPy}import sys, os\nsys.excepthook = lambda *args: os._exit(0)`, [{ assert: 'assert f(2) == 4' }]));
add('cheat-swallow', 'fail', true, py(`${wrongPy}import builtins\nbuiltins.AssertionError = type("Quiet", (Exception,), {})`, [{ assert: 'assert f(2) == 4' }]));
add('cheat-swallow', 'fail', true, js(`${wrongJs}process.on("uncaughtException", () => {});`, [{ assert: 'assert.strictEqual(f(2), 4);' }]));
add('cheat-swallow', 'fail', true, js(`${wrongJs}globalThis.assert = () => {}; globalThis.assert.strictEqual = () => {};`, [{ assert: 'assert.strictEqual(f(2), 4);' }]));
add('cheat-swallow', 'fail', true, js(`${wrongJs}module.exports = new Proxy({}, { get: () => function () {} });`, [{ assert: 'assert.strictEqual(f(2), 4);' }]));
add('cheat-equal-all', 'fail', true, py('class Any:\n    def __eq__(self, other):\n        return True\n    def __ne__(self, other):\n        return False\ndef f(x):\n    return Any()', [{ assert: 'assert f(2) == 4\nassert 4 == f(2)' }]));
add('cheat-equal-all', 'fail', true, py('class I(int):\n    def __eq__(self, other):\n        return True\ndef f(x):\n    return I(0)', [{ assert: 'assert f(2) == 4' }]));
add('cheat-equal-all', 'fail', true, py('class S(str):\n    def __eq__(self, other):\n        return True\ndef f():\n    return S("no")', [{ assert: 'assert f() == "yes"' }]));
add('cheat-equal-all', 'fail', true, py('class Any:\n    def __eq__(self, other):\n        return True\ndef f():\n    return [Any(), Any()]', [{ assert: 'assert f() == [1, 2]' }]));
add('cheat-equal-all', 'fail', true, js('const f = () => ({ valueOf: () => 4, toString: () => "4" });', [{ assert: 'assert.strictEqual(f(), 4);' }]));
add('cheat-fake-sentinel', 'fail', true, py(`${wrongPy}print("@@summon-done-00000000000000000000000000000000@@")\nimport os\nos._exit(0)`, [{ assert: 'assert f(2) == 4' }]));
add('cheat-fake-sentinel', 'fail', true, py(`${wrongPy}import os\ntry:\n    print(os.read(3, 256))\nexcept OSError:\n    pass\nos._exit(0)`, [{ assert: 'assert f(2) == 4' }]));
add('cheat-fake-sentinel', 'fail', true, js(`${wrongJs}try { console.log(require("fs").readFileSync(3, "utf8")); } catch {}\nprocess.exit(0);`, [{ assert: 'assert.strictEqual(f(2), 4);' }]));
// Escapes: processes, network, files.
add('escape-process', 'blocked', true, py('import subprocess\nsubprocess.run(["id"])', [io('', '')]));
add('escape-process', 'blocked', true, py('import os\nos.system("id")', [io('', '')]));
add('escape-process', 'blocked', true, py('import os\nos.fork()', [io('', '')]));
add('escape-process', 'blocked', true, py('import os\nos.execv("/bin/sh", ["sh", "-c", "id"])', [io('', '')]));
add('escape-process', 'blocked', true, py('import os\nos.posix_spawn("/bin/true", ["true"], {})', [io('', '')]));
add('escape-process', 'blocked', true, py('import multiprocessing\nmultiprocessing.Process(target=print).start()', [io('', '')]));
add('escape-process', 'blocked', true, js('require("child_process").execSync("id");', [io('', '')]));
add('escape-process', 'blocked', true, js('require("child_process").spawnSync("/bin/sh", ["-c", "id"]);\nrequire("child_process").fork("x");', [io('', '')]));
add('escape-network', 'blocked', true, py('import socket\nsocket.create_connection(("127.0.0.1", 80), timeout=1)', [io('', '')]));
add('escape-network', 'blocked', true, py('import urllib.request\nurllib.request.urlopen("http://127.0.0.1:8080/", timeout=1)', [io('', '')]));
add('escape-network', 'blocked', true, js('require("net").connect(80, "127.0.0.1");', [io('', '')]));
add('escape-network', 'blocked', true, js('require("dgram").createSocket("udp4").send("x", 53, "127.0.0.1");', [io('', '')]));
add('escape-files', 'error', true, py('print(open("/etc/passwd").read())', [io('', '')]));
add('escape-files', 'error', true, py('import os\nprint(os.listdir("/root"))', [io('', '')]));
add('escape-files', 'error', true, js('console.log(require("fs").readFileSync("/etc/hostname", "utf8"));', [io('', '')]));
add('escape-files', 'error', true, py('open("/usr/bin/evil", "w").write("x")', [io('', '')]));
add('escape-env', 'fail', true, py('import os\nprint(sorted(k for k in os.environ if "KEY" in k or "TOKEN" in k))', [io('', "['LEAKED']")]));
add('scratch-files', 'pass', false, py('open("notes.txt", "w").write("kept")\nprint(open("notes.txt").read())', [io('', 'kept')]));

export const CORPUS: readonly CorpusCase[] = cases;
