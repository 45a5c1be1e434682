// Inside the sandbox the workspace's secret files read as empty, as the read tool would refuse or
// redact them: `.env` and its kin (not templates), nested ones, and files read(…) rules deny. Files
// git tracks stay as they are (an emptied stand-in would look like a change to commit).
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { prepareSafety } from '../../../src/agent/safety-setup.js';
import { secretFiles } from '../../../src/safety/sandbox/index.js';
import { defaultSpawn } from '../../../src/tools/index.js';

let workspace: string;
beforeEach(async () => {
  workspace = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'summon-secret-files-')));
  const files: Record<string, string> = {
    '.env': 'STRIPE_KEY=sk_live_top_secret_1\n',
    '.env.example': 'STRIPE_KEY=\n',
    'api/.env.local': 'DB_PASSWORD=hunter2-top-secret\n',
    'node_modules/pkg/.env': 'ignored\n',
    'keys/deploy.pem': 'PRIVATE top-secret\n',
    'README.md': 'hello\n',
  };
  for (const [name, content] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(workspace, name)), { recursive: true });
    await fs.writeFile(path.join(workspace, name), content);
  }
});
afterEach(() => fs.rm(workspace, { recursive: true, force: true }));

it('finds secret files and read-denied files, not templates, dependencies or tracked files', async () => {
  const denied = (file: string) => !file.endsWith('.pem');
  expect((await secretFiles(workspace, { readable: denied })).map((file) => path.relative(workspace, file))).toEqual(['.env', 'api/.env.local', 'keys/deploy.pem']);
  execFileSync('git', ['init', '-q'], { cwd: workspace });
  execFileSync('git', ['add', '-f', 'api/.env.local'], { cwd: workspace });
  expect((await secretFiles(workspace, { spawn: defaultSpawn })).map((file) => path.relative(workspace, file))).toEqual(['.env']);
});

it("the agent's sandboxed commands read them as empty; everything else as it is", async () => {
  const env = { PATH: '/usr/local/bin:/usr/bin:/bin', HOME: '/nonexistent-home' };
  const safety = await prepareSafety({ sandbox: true, permissions: { allow: [], ask: [], deny: ['read(keys/**)'] } }, { workspace, env, emit: () => undefined });
  const result = await safety.spawn({
    command: 'bash',
    args: ['-c', 'for f in .env api/.env.local keys/deploy.pem .env.example README.md; do printf "%s=[%s]\\n" "$f" "$(cat $f 2>&1)"; done'],
    cwd: workspace, env, timeoutMs: 15_000, maxOutputBytes: 10_000, signal: new AbortController().signal,
  });
  expect(result.stdout.trim().split('\n')).toEqual(['.env=[]', 'api/.env.local=[]', 'keys/deploy.pem=[]', '.env.example=[STRIPE_KEY=]', 'README.md=[hello]']);
  expect(result.stdout).not.toContain('top-secret');
  expect(result.stdout).not.toContain('top_secret');
  // Outside the sandbox nothing changed.
  expect(await fs.readFile(path.join(workspace, '.env'), 'utf8')).toBe('STRIPE_KEY=sk_live_top_secret_1\n');
});
