// The trusted code that runs before and after a program under test: it seals the process (Python:
// no execve), runs the program and its asserts in one namespace, and prints the completion sentinel
// (a nonce read from fd 3 before the program starts, then closed) only if every assert ran.
// Python's `==` in asserts is checked strictly, so an object claiming to equal everything fails.

/** Python harness; `filterHex` is a seccomp program (no execve), `eqName` a fresh identifier. */
export function pythonHarness(filterHex: string, eqName: string): string {
  return `import sys, os, builtins, ctypes
_write, _read, _close, _exit, _stdout = os.write, os.read, os.close, os._exit, sys.stdout
_type, _all, _len = type, all, len
def _seal():
    code = bytes.fromhex('${filterHex}')
    buf = ctypes.create_string_buffer(code, _len(code))
    class Prog(ctypes.Structure):
        _fields_ = [('len', ctypes.c_ushort), ('filter', ctypes.c_void_p)]
    prog = Prog(_len(code) // 8, ctypes.cast(buf, ctypes.c_void_p))
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(38, 1, 0, 0, 0) != 0 or libc.prctl(22, 2, ctypes.byref(prog), 0, 0) != 0:
        _write(2, b'summon harness: could not install the seccomp filter\\n')
        _exit(121)
_SCALARS = (int, float, complex, bool, str, bytes, _type(None))
_SEQUENCES = (list, tuple, set, frozenset)
def _plain(value, depth=0):
    kind = _type(value)
    if kind in _SCALARS:
        return True
    if depth > 100:
        return False
    if kind in _SEQUENCES:
        return _all(_plain(item, depth + 1) for item in value)
    if kind is dict:
        return _all(_plain(k, depth + 1) and _plain(v, depth + 1) for k, v in dict.items(value))
    return False
def _strict_eq(left, right):
    if _plain(left) or _plain(right):
        return _plain(left) and _plain(right) and (left == right) is True
    return (left == right) is True
def _compile_tests(source):
    import ast
    class Strict(ast.NodeTransformer):
        def visit_Assert(self, node):
            test = node.test
            if isinstance(test, ast.Compare) and _len(test.ops) == 1 and isinstance(test.ops[0], ast.Eq):
                call = ast.Call(func=ast.Name(id='${eqName}', ctx=ast.Load()), args=[test.left, test.comparators[0]], keywords=[])
                node.test = ast.copy_location(call, test)
            return node
    return compile(ast.fix_missing_locations(Strict().visit(ast.parse(source, 'tests.py'))), 'tests.py', 'exec')
def _main():
    _seal()
    nonce = b''
    try:
        nonce = _read(3, 256)
        _close(3)
    except OSError:
        pass
    with open('/job/main.py', encoding='utf-8') as handle:
        program = compile(handle.read(), 'main.py', 'exec')
    with open('/job/tests.py', encoding='utf-8') as handle:
        source = handle.read()
    tests = _compile_tests(source) if source.strip() else None
    scope = {'__name__': '__main__', '__builtins__': builtins}
    exec(program, scope)
    if tests is None:
        return
    scope['${eqName}'] = _strict_eq
    exec(tests, scope)
    try:
        _stdout.flush()
    except Exception:
        pass
    _write(1, b'\\n' + nonce + b'\\n')
_main()
`;
}

/**
 * JavaScript harness, the entry point: it loads the program as a module whose last statement exports
 * the asserts as a function, checks by source text that the function is that one (a program that
 * returns early or exports a stand-in fails), runs it, then prints the sentinel.
 */
export function javascriptHarness(tests: string, testsKey: string): string {
  return `'use strict';
const fs = require('fs');
const writeSync = fs.writeSync;
const toSource = Function.prototype.toString;
const apply = Reflect.apply;
let nonce = '';
try { nonce = fs.readFileSync(3, 'utf8'); fs.closeSync(3); } catch {}
const assert = require('assert');
Object.defineProperty(globalThis, 'assert', { value: assert.strict, writable: true, configurable: true });
// console.assert only prints; in a test it must stop the run like assert does.
function strictConsoleAssert(value, ...message) { if (!value) throw new assert.AssertionError({ message: message.join(' ') || 'console.assert failed' }); }
console.assert = strictConsoleAssert;
const tests = ${JSON.stringify(tests)};
const exported = require('/job/main.cjs');
if (tests.trim() !== '') {
  const run = exported === null || exported === undefined ? undefined : exported[${JSON.stringify(testsKey)}];
  if (typeof run !== 'function' || apply(toSource, run, []) !== ${JSON.stringify(javascriptTestsFunction(tests))}) {
    writeSync(2, 'summon harness: the program ended before its asserts ran\\n');
    process.exitCode = 1;
  } else {
    // The asserts get summon's assert and console.assert as parameters: a program replacing the globals changes nothing.
    apply(run, undefined, [assert.strict, Object.create(console, { assert: { value: strictConsoleAssert } })]);
    writeSync(1, '\\n' + nonce + '\\n');
  }
}
`;
}

function javascriptTestsFunction(tests: string): string {
  return `function (assert, console) {\n${tests}\n}`;
}

/** The program, then its asserts exported as a function under a fresh key, as one CommonJS module. */
export function javascriptMain(program: string, tests: string, testsKey: string): string {
  if (tests.trim() === '') return program;
  return `${program}\n;module.exports[${JSON.stringify(testsKey)}] = ${javascriptTestsFunction(tests)};\n`;
}
