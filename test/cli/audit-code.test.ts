// `summon audit code`: files, standard input, --json, --lang, --diff, skipped inputs and exit codes.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { HELP, run } from '../../src/cli/audit-code-command.js';
import { fakeIo, workspace } from './fake-io.js';
import { SummonError } from '../../src/core/errors.js';

const stdin = (text: string): Readable => Readable.from([Buffer.from(text)]);
const VULNERABLE_PY = 'import os\n\ndef archive(folder):\n    os.system("tar czf out.tgz " + folder)\n';
const SAFE_TS = "import { execFile } from 'node:child_process';\nexecFile('tar', ['czf', 'out.tgz', folder]);\n";

describe('summon audit code', () => {
  it('prints file:line rule (CWE) message — fix and exits 1 when something is found', async () => {
    const dir = workspace({ 'job.py': VULNERABLE_PY, 'safe.ts': SAFE_TS });
    const io = fakeIo(dir);
    expect(await run(['job.py', 'safe.ts'], io, stdin(''))).toBe(1);
    expect(io.out).toMatch(/^job\.py:4 command-injection \(CWE-78\) os\.system\(\) runs a shell command built from variables — run the program directly/m);
    expect(io.out).toMatch(/1 finding\(s\) in 1 of 2 file\(s\)/);
  });

  it('exits 0 on clean files', async () => {
    const io = fakeIo(workspace({ 'safe.ts': SAFE_TS }));
    expect(await run(['safe.ts'], io, stdin(''))).toBe(0);
    expect(io.out).toBe('no findings in 1 file(s)\n');
  });

  it('--json prints {findings, vulnerable, skipped}', async () => {
    const io = fakeIo(workspace({ 'job.py': VULNERABLE_PY }));
    expect(await run(['--json', 'job.py'], io, stdin(''))).toBe(1);
    const output: unknown = JSON.parse(io.out);
    expect(output).toMatchObject({ vulnerable: true, skipped: [], findings: [{ file: 'job.py', line: 4, column: 5, rule: 'command-injection', cwe: 'CWE-78' }] });
  });

  it('reads standard input with --lang, or guesses the language and says so', async () => {
    const withLang = fakeIo(os.tmpdir());
    expect(await run(['--lang', 'py', '--json'], withLang, stdin(VULNERABLE_PY))).toBe(1);
    expect(JSON.parse(withLang.out)).toMatchObject({ vulnerable: true, findings: [{ file: '<stdin>' }] });
    const guessed = fakeIo(os.tmpdir());
    expect(await run(['-'], guessed, stdin(VULNERABLE_PY))).toBe(1);
    expect(guessed.err).toMatch(/audited as python/);
  });

  it('skips binary, huge and unknown-language files with a note', async () => {
    const dir = workspace({ 'blob.js': Buffer.from([0x65, 0x76, 0x00, 0x01]), 'big.py': 'x = 1\n'.repeat(900_000), 'notes.md': 'eval(x)', 'job.py': VULNERABLE_PY });
    const io = fakeIo(dir);
    expect(await run(['--json', 'blob.js', 'big.py', 'notes.md', 'job.py'], io, stdin(''))).toBe(1);
    const output = JSON.parse(io.out) as { skipped: Array<{ file: string; reason: string }> };
    expect(output.skipped.map((entry) => entry.file).sort()).toEqual(['big.py', 'blob.js', 'notes.md']);
    expect(io.err).toMatch(/skipped blob\.js: binary/);
    expect(io.err).toMatch(/skipped big\.py: larger than 5 MB/);
  });

  it('--diff REF audits only changed lines and new files', async () => {
    const dir = workspace({ 'old.py': `${VULNERABLE_PY}\ndef ok():\n    return 1\n` });
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
    git('init', '-q');
    git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'add', '.');
    git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', 'base');
    writeFileSync(path.join(dir, 'old.py'), `${VULNERABLE_PY}\ndef ok():\n    return eval(user_input)\n`);
    writeFileSync(path.join(dir, 'new.ts'), 'const token = Math.random().toString(36);\n');
    const io = fakeIo(dir);
    expect(await run(['--diff', 'HEAD', '--json'], io, stdin(''))).toBe(1);
    const output = JSON.parse(io.out) as { findings: Array<{ file: string; line: number; rule: string }> };
    expect(output.findings.map(({ file, line, rule }) => `${file}:${line}:${rule}`).sort()).toEqual(['new.ts:1:insecure-random', 'old.py:7:code-injection']);
  });

  it('usage errors: unknown flag, bad --lang, --diff with paths, missing file, bad revision', async () => {
    const io = fakeIo(os.tmpdir());
    for (const argv of [['--verbose'], ['--lang', 'cobol'], ['--diff', 'HEAD', 'a.ts'], ['missing-file.ts'], ['--diff', '--output=x']]) {
      const error = await run(argv, io, stdin('')).catch((thrown: unknown) => thrown);
      expect(error, argv.join(' ')).toBeInstanceOf(SummonError);
      expect((error as SummonError).exitCode).toBe(2);
    }
  });

  it('has help with examples', async () => {
    const io = fakeIo(os.tmpdir());
    expect(await run(['--help'], io, stdin(''))).toBe(0);
    expect(io.out).toBe(`${HELP}\n`);
    expect(HELP).toMatch(/--diff REF/);
  });
});
