// runProgram end to end: real interpreters in the real strict sandbox, the raw outcome of one run.
import { describe, expect, it } from 'vitest';
import { runProgram } from '../../../src/verify/code/index.js';

describe('runProgram', () => {
  // Two at a time: two cores.
  it('reports the real exit status with stdout and stderr', async () => {
    const [ok, failed] = await Promise.all([
      runProgram({ language: 'python', program: 'import sys\nprint("out")\nprint("err", file=sys.stderr)' }),
      runProgram({ language: 'python', program: 'import sys\nprint("partial")\nsys.exit(3)' }),
    ]);
    expect(ok).toMatchObject({ outcome: 'exited', exitCode: 0, signal: null, stdout: 'out\n', stderr: 'err\n', truncated: false });
    expect(ok.elapsed_ms).toBeGreaterThan(0);
    expect(failed).toMatchObject({ outcome: 'exited', exitCode: 3, stdout: 'partial\n' });
    const [js, crash] = await Promise.all([
      runProgram({ language: 'javascript', program: 'console.log("js"); process.exit(42);' }),
      runProgram({ language: 'python', program: 'print(1 / 0)' }),
    ]);
    expect(js).toMatchObject({ outcome: 'exited', exitCode: 42, stdout: 'js\n' });
    expect(crash).toMatchObject({ outcome: 'exited', exitCode: 1 });
    expect(crash.stderr).toContain('ZeroDivisionError');
  });

  it('feeds stdin, and adds no harness output or assert globals', async () => {
    const [py, ts] = await Promise.all([
      runProgram({ language: 'python', program: 'import sys\nprint(sys.stdin.read().upper(), end="")', stdin: 'abc\ndef\n' }),
      runProgram({ language: 'typescript', program: 'const n: number = Number(require("fs").readFileSync(0, "utf8"));\nconsole.log(n * 2, typeof assert);', stdin: '21' }),
    ]);
    expect(py).toMatchObject({ outcome: 'exited', exitCode: 0, stdout: 'ABC\nDEF\n', stderr: '' });
    expect(ts).toMatchObject({ outcome: 'exited', exitCode: 0, stdout: '42 undefined\n', stderr: '' });
  });

  it('stops a program at the time limit', async () => {
    const [py, js] = await Promise.all([
      runProgram({ language: 'python', program: 'while True:\n    pass', time_limit_s: 0.5 }),
      runProgram({ language: 'javascript', program: 'console.log("started"); for (;;) {}', time_limit_s: 0.5 }),
    ]);
    expect(py).toMatchObject({ outcome: 'timeout', exitCode: null });
    expect(js).toMatchObject({ outcome: 'timeout', exitCode: null });
    expect(py.elapsed_ms).toBeLessThan(5000);
  });

  it('blocks a subprocess, an execve and the network', async () => {
    const [sub, exec] = await Promise.all([
      runProgram({ language: 'python', program: 'import subprocess\nsubprocess.run(["id"])' }),
      runProgram({ language: 'python', program: 'import os\nos.execv("/bin/sh", ["sh", "-c", "echo escaped"])' }),
    ]);
    expect(sub).toMatchObject({ outcome: 'blocked', exitCode: 159 });
    expect(exec).toMatchObject({ outcome: 'blocked' });
    expect(exec.stdout).not.toContain('escaped');
    const [child, net] = await Promise.all([
      runProgram({ language: 'javascript', program: 'require("child_process").execSync("id");' }),
      runProgram({ language: 'python', program: 'import socket\nsocket.create_connection(("127.0.0.1", 22), timeout=1)' }),
    ]);
    expect(child).toMatchObject({ outcome: 'blocked' });
    expect(net).toMatchObject({ outcome: 'blocked' });
  });

  it('keeps output up to maxOutputBytes, drops the rest and still reports the exit status', async () => {
    const [py, js] = await Promise.all([
      runProgram({ language: 'python', program: 'import sys\nsys.stdout.write("a" * 100000)\nsys.stderr.write("e" * 10)\nsys.exit(5)' }, { maxOutputBytes: 1000 }),
      runProgram({ language: 'javascript', program: 'process.stdout.write("b".repeat(3 * 1024 * 1024));' }),
    ]);
    expect(py).toMatchObject({ outcome: 'exited', exitCode: 5, stdout: 'a'.repeat(1000), stderr: 'e'.repeat(10), truncated: true });
    expect(js).toMatchObject({ outcome: 'exited', exitCode: 0, truncated: true });
    expect(js.stdout).toBe('b'.repeat(1024 * 1024));
  });

  it('reports TypeScript that does not compile as exit 1, and rejects a malformed run', async () => {
    const broken = await runProgram({ language: 'typescript', program: 'const x: = 1;' });
    expect(broken).toMatchObject({ outcome: 'exited', exitCode: 1, stdout: '' });
    expect(broken.stderr).not.toBe('');
    await expect(runProgram({ language: 'python', program: 'print(1)', time_limit_s: -1 })).rejects.toMatchObject({ code: 'tool-invalid-input' });
  });

  it('stops at an abort', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const started = Date.now();
    await expect(runProgram({ language: 'python', program: 'while True: pass', time_limit_s: 20 }, { signal: controller.signal })).rejects.toMatchObject({ code: 'interrupted' });
    expect(Date.now() - started).toBeLessThan(3000);
  });
});
