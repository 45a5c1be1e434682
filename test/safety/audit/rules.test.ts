// Findings' shape, diff mode (changedLines), language handling, and precision on look-alikes.
import { describe, expect, it } from 'vitest';
import { SummonError } from '../../../src/core/errors.js';
import { auditCode, guessLanguage, parseUnifiedDiff } from '../../../src/safety/audit/index.js';

const js = (content: string, changedLines?: Set<number>) => auditCode([{ path: 'a.ts', content, ...(changedLines ? { changedLines } : {}) }]);
const py = (content: string) => auditCode([{ path: 'a.py', content }]);

describe('findings', () => {
  it('carry file, 1-based line and column, rule, CWE, message and a one-line fix', async () => {
    const [finding] = await js('const a = 1;\n  db.query("SELECT * FROM t WHERE id = " + id);\n');
    expect(finding).toMatchObject({ file: 'a.ts', line: 2, column: 3, rule: 'sql-injection', cwe: 'CWE-89' });
    expect(finding?.message).toMatch(/db\.query/);
    expect(finding?.fix).not.toMatch(/\n/);
  });

  it('changedLines keeps only findings on changed lines, multi-line calls included', async () => {
    const content = ['eval(a);', 'eval(b);', 'db.query(', '  `SELECT * FROM t WHERE id = ${id}`,', ');'].join('\n');
    expect((await js(content)).map((f) => f.line)).toEqual([1, 2, 3]);
    expect((await js(content, new Set([2]))).map((f) => f.line)).toEqual([2]);
    expect((await js(content, new Set([4]))).map((f) => f.rule)).toEqual(['sql-injection']);
    expect(await js(content, new Set())).toEqual([]);
  });

  it('skips files in languages it does not know, and --lang overrides the extension', async () => {
    expect(await auditCode([{ path: 'a.rb', content: 'eval(params[:x])' }])).toEqual([]);
    expect(await auditCode([{ path: 'snippet.txt', content: 'eval(x)' }], { lang: 'js' })).toHaveLength(1);
    await expect(auditCode([], { lang: 'cobol' })).rejects.toBeInstanceOf(SummonError);
  });
});

describe('precision on look-alikes', () => {
  it.each([
    ['constant command', "import { execSync } from 'child_process';\nexecSync('git status');"],
    ['regex exec', "import { exec } from 'child_process';\nconst m = /a(b)/.exec(line);"],
    ['parameterised query', "db.query('SELECT * FROM t WHERE id = ?', [id]);"],
    ['tagged template', 'sql`SELECT * FROM t WHERE id = ${id}`;'],
    ['eval of a constant', "eval('1 + 2');"],
    ['setTimeout with a function', 'setTimeout(() => run(x), 10);'],
    ['password from env', 'const password = process.env.PASSWORD;'],
    ['placeholder password', "const password = 'changeme';"],
    ['label, not a secret', "const passwordLabel = 'Enter your password';"],
    ['Math.random for jitter', 'const delay = 100 + Math.random() * 50;'],
    ['rejectUnauthorized true', 'new https.Agent({ rejectUnauthorized: true });'],
    ['cors with a list', "cors({ origin: ['https://a.example'], credentials: true });"],
  ])('TS: %s', async (_name, content) => {
    expect(await js(content)).toEqual([]);
  });

  it.each([
    ['list-form subprocess', 'import subprocess\nsubprocess.run(["ls", path])'],
    ['constant shell', 'import os\nos.system("make clean")'],
    ['placeholder in params', 'cursor.execute("SELECT * FROM t WHERE id = %s", (uid,))'],
    ['safe_load', 'import yaml\nyaml.safe_load(text)'],
    ['SafeLoader', 'import yaml\nyaml.load(text, Loader=yaml.SafeLoader)'],
    ['model.eval()', 'model.eval()'],
    ['secrets module', 'import secrets\ntoken = secrets.token_hex(16)'],
    ['random for sampling', 'import random\nrows = random.sample(data, 5)'],
  ])('Python: %s', async (_name, content) => {
    expect(await py(content)).toEqual([]);
  });
});

describe('detection', () => {
  it.each([
    ["import { exec } from 'child_process';\nexec(`ls ${dir}`);", 'command-injection'],
    ["const { spawn } = require('child_process');\nspawn(cmd, { shell: true });", 'command-injection'],
    ['const f = new Function("a", body);', 'code-injection'],
    ['const token = Math.random().toString(36);', 'insecure-random'],
    ["const apiKey = 'AIzaSyD4x9QmT7rLk2PwZ8vN3bC6hJ1sF0gE5uY';", 'hardcoded-credential'],
    ["process.env['NODE_TLS_REJECT_UNAUTHORIZED'] = '0';", 'tls-verification-disabled'],
  ])('TS: %s → %s', async (content, rule) => {
    expect((await js(content)).map((f) => f.rule)).toContain(rule);
  });

  it.each([
    ['import subprocess\nsubprocess.Popen("ls " + d, shell=True)', 'command-injection'],
    ['from os import system\nsystem(f"rm {name}")', 'command-injection'],
    ['import pickle\npickle.load(fh)', 'unsafe-deserialization'],
    ['import yaml\nyaml.load(text, Loader=yaml.Loader)', 'unsafe-deserialization'],
    ['import random\ndef make_token():\n    return str(random.random())', 'insecure-random'],
    ['CORS_ALLOW_ALL_ORIGINS = True\nCORS_ALLOW_CREDENTIALS = True', 'permissive-cors'],
    ['ctx = ssl.create_default_context()\nctx.verify_mode = ssl.CERT_NONE', 'tls-verification-disabled'],
  ])('Python: %s → %s', async (content, rule) => {
    expect((await py(content)).map((f) => f.rule)).toContain(rule);
  });
});

describe('helpers', () => {
  it('parses changed lines from git diff --unified=0', () => {
    const diff = ['diff --git a/x.ts b/x.ts', '--- a/x.ts', '+++ b/x.ts', '@@ -3 +3,2 @@', '+a', '+b', '@@ -10,2 +12 @@', '+c', '@@ -20 +20,0 @@', '--- a/gone.ts', '+++ /dev/null', '@@ -1 +0,0 @@'].join('\n');
    const changed = parseUnifiedDiff(diff);
    expect([...changed.keys()]).toEqual(['x.ts']);
    expect([...(changed.get('x.ts') ?? [])]).toEqual([3, 4, 12]);
  });

  it('guesses the language of standard input', () => {
    expect(guessLanguage('import os\n\ndef run(cmd):\n    os.system(cmd)\n')).toBe('python');
    expect(guessLanguage("const x = require('y');\nfunction f() { return 1; }\n")).toBe('javascript');
    expect(guessLanguage('interface A { b: string }\nexport const c = 1;\n')).toBe('typescript');
  });
});
