// The bubblewrap SpawnPort beyond containment: fail closed, timeouts and abort kill the sandbox, output cap.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SpawnRequest } from '../../../src/core/tool.js';
import { createSandboxSpawn, defaultPolicy, filterEnv, probeSandbox, type SandboxPolicy } from '../../../src/safety/sandbox/index.js';

let workspace: string;
let policy: SandboxPolicy;
const env = { PATH: '/usr/bin:/bin', HOME: '/nonexistent-home' };
beforeAll(async () => {
  workspace = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'summon-spawn-')));
  policy = await defaultPolicy(workspace, env);
});
afterAll(() => fs.rm(workspace, { recursive: true, force: true }));

const request = (script: string, overrides: Partial<SpawnRequest> = {}): SpawnRequest => ({
  command: 'bash', args: ['-c', script], cwd: workspace, env, timeoutMs: 10_000, maxOutputBytes: 10_000, signal: new AbortController().signal, ...overrides,
});

describe('fail closed', () => {
  it('refuses to run when bwrap is missing, saying how to install it', async () => {
    const spawn = createSandboxSpawn(policy, { bwrapPath: '/nonexistent/bwrap' });
    const marker = path.join(workspace, 'ran-unsandboxed');
    await expect(spawn(request(`touch ${marker}`))).rejects.toMatchObject({ hint: expect.stringContaining('apt-get install bubblewrap') });
    await expect(fs.stat(marker)).rejects.toThrow();
  });

  it('refuses to run when bwrap cannot create its namespaces', async () => {
    const probe = await probeSandbox({ bwrapPath: '/bin/false' });
    expect(probe.ok).toBe(false);
    await expect(createSandboxSpawn(policy, { bwrapPath: '/bin/false' })(request('true'))).rejects.toMatchObject({ code: 'tool-failed', message: expect.stringContaining('cannot start') });
  });

  it('refuses a network allow-list when socat, its relay, is missing', async () => {
    const spawn = createSandboxSpawn({ ...policy, network: { mode: 'allow', domains: ['registry.npmjs.org'] } }, { socatPath: '/nonexistent/socat' });
    await expect(spawn(request('true'))).rejects.toMatchObject({ code: 'tool-failed', hint: expect.stringContaining('apt-get install socat') });
  });

  it('reports a working sandbox here', async () => {
    expect(await probeSandbox()).toEqual({ ok: true });
  });
});

describe('limits', () => {
  it('kills the whole sandbox on timeout', async () => {
    const started = Date.now();
    const result = await createSandboxSpawn(policy)(request('sleep 30 & sleep 30', { timeoutMs: 300 }));
    expect(result.timedOut).toBe(true);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('kills the whole sandbox on abort', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const result = await createSandboxSpawn(policy)(request('sleep 30', { signal: controller.signal }));
    expect(result.exitCode).not.toBe(0);
  });

  it('caps output and reports the exit code', async () => {
    const result = await createSandboxSpawn(policy)(request('head -c 100000 /dev/zero | tr "\\0" x; exit 3', { maxOutputBytes: 1000 }));
    expect(result.exitCode).toBe(3);
    expect(result.droppedBytes).toBeGreaterThan(90_000);
  });
});

describe('policy', () => {
  it('protects hooks, config, IDE folders, .summon and .env files by default', async () => {
    await fs.writeFile(path.join(workspace, '.env.local'), 'A=1\n');
    const fresh = await defaultPolicy(workspace, env);
    expect(fresh.readOnlyInWorkspace).toEqual(expect.arrayContaining(['.summon/', '.vscode/', '.idea/', '.husky/', '.env.local']));
    expect(fresh.network).toEqual({ mode: 'off' });
    expect(fresh.hidden).toEqual(expect.arrayContaining(['/nonexistent-home', '/root']));
  });

  it('keeps credentials out of the environment even when allowed by name', () => {
    const filtered = filterEnv({ PATH: '/bin', OPENAI_API_KEY: 'k', GH_TOKEN: 't', MY_SECRET_X: 's', HOME: '/h' }, ['PATH', 'HOME', 'OPENAI_API_KEY', 'GH_TOKEN', 'MY_SECRET_X']);
    expect(filtered).toEqual({ PATH: '/bin', HOME: '/h' });
  });
});
