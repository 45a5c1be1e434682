import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bashTool, createToolRegistry, defaultSpawn, killAllRunning, runningCount } from '../../src/tools/index.js';
import { makeContext, makeWorkspace, removeWorkspace, type TestContext } from './helpers.js';

const registry = createToolRegistry([bashTool]);
let workspace: string;
let ctx: TestContext;
beforeEach(async () => {
  workspace = await makeWorkspace();
  ctx = makeContext(workspace);
});
afterEach(() => removeWorkspace(workspace));

const run = (input: unknown, context: TestContext = ctx) => registry.execute({ id: 'call', name: 'bash', input }, context);

/** Dead, or a zombie nobody has reaped yet (a container's init may not reap). */
async function isGone(pid: number): Promise<boolean> {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }
  const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  return stat === '' || stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
}

async function waitUntilGone(pid: number, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    if (await isGone(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return isGone(pid);
}

describe('bash', () => {
  it('runs in the workspace and labels stdout and stderr', async () => {
    const result = await run({ command: 'pwd; echo oops >&2', description: 'where am I' });
    expect(result).toEqual({ output: `exit code 0\n[stdout]\n${workspace}\n[stderr]\noops`, isError: false });
  });

  it('reports a non-zero exit without making it a tool error', async () => {
    const result = await run({ command: 'echo failing; exit 3' });
    expect(result).toEqual({ output: 'exit code 3\n[stdout]\nfailing', isError: false });
  });

  it('says when there was no output, and gives commands no stdin', async () => {
    expect((await run({ command: 'true' })).output).toBe('exit code 0\n(no output)');
    expect((await run({ command: 'cat; echo done' })).output).toBe('exit code 0\n[stdout]\ndone');
  });

  it('kills the whole process group on timeout, background children included', async () => {
    const started = Date.now();
    const result = await run({ command: 'sleep 100 & echo $! > bg.pid; sleep 100; wait', timeout_sec: 1 });
    const elapsed = Date.now() - started;
    expect(result.output).toContain('timed out after 1s (process group killed)');
    expect(result.isError).toBe(false);
    expect(elapsed).toBeLessThan(4000);
    const pid = Number((await fs.readFile(path.join(workspace, 'bg.pid'), 'utf8')).trim());
    expect(pid).toBeGreaterThan(0);
    expect(await waitUntilGone(pid, 3000)).toBe(true);
  });

  it('escalates to SIGKILL when the group ignores SIGTERM', async () => {
    const started = Date.now();
    const result = await run({ command: "trap '' TERM; echo $$ > self.pid; while true; do sleep 0.1; done", timeout_sec: 0.5 });
    expect(result.output).toContain('timed out after 0.5s');
    expect(Date.now() - started).toBeLessThan(5000);
    const pid = Number((await fs.readFile(path.join(workspace, 'self.pid'), 'utf8')).trim());
    expect(await waitUntilGone(pid, 3000)).toBe(true);
  });

  it('caps output in memory, keeping head and tail and counting dropped bytes', async () => {
    const small = { ...ctx, maxOutputChars: 20_000 };
    const before = process.memoryUsage().rss;
    const result = await run({ command: 'yes | head -c 50000000; echo; echo THE-END' }, small);
    const grown = process.memoryUsage().rss - before;
    expect(result.output.startsWith('exit code 0\n[stdout]\ny\ny\n')).toBe(true);
    expect(result.output).toContain('THE-END');
    expect(result.output).toMatch(/\[… \d+ bytes dropped …\]/);
    const dropped = Number(/\[(\d+) bytes of output dropped from the middle/.exec(result.output)?.[1]);
    expect(dropped).toBe(50_000_000 + 9 - 9_500);
    expect(result.output.length).toBeLessThan(20_000);
    // 50 MB held as a string would be well over 100 MB of heap.
    expect(grown).toBeLessThan(60 * 1024 * 1024);
  });

  it('returns promptly when a background process keeps the pipes open', async () => {
    const started = Date.now();
    const result = await run({ command: 'sleep 30 & echo $! > bg.pid; echo started' });
    expect(result.output).toBe('exit code 0\n[stdout]\nstarted');
    expect(Date.now() - started).toBeLessThan(3000);
    process.kill(Number((await fs.readFile(path.join(workspace, 'bg.pid'), 'utf8')).trim()), 'SIGKILL');
  });

  it('stops the group when the run is aborted', async () => {
    const controller = new AbortController();
    const aborted = { ...ctx, signal: controller.signal };
    setTimeout(() => controller.abort(), 300);
    const started = Date.now();
    const result = await run({ command: 'sleep 100 & echo $! > bg.pid; sleep 100' }, aborted);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(result.output).toContain('interrupted');
    const pid = Number((await fs.readFile(path.join(workspace, 'bg.pid'), 'utf8')).trim());
    expect(await waitUntilGone(pid, 3000)).toBe(true);
  });

  it('validates timeout_sec', async () => {
    const result = await run({ command: 'true', timeout_sec: -1 });
    expect(result.isError).toBe(true);
    expect(result.output).toContain('timeout_sec');
  });
});

describe('defaultSpawn', () => {
  it('killAllRunning stops every running command', async () => {
    const request = { cwd: workspace, timeoutMs: 60_000, maxOutputBytes: 1000, signal: new AbortController().signal };
    const first = defaultSpawn({ ...request, command: 'sleep', args: ['100'] });
    const second = defaultSpawn({ ...request, command: 'bash', args: ['-c', 'sleep 100'] });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(runningCount()).toBe(2);
    expect(killAllRunning()).toBe(2);
    const results = await Promise.all([first, second]);
    expect(results.map((result) => result.signal)).toEqual(['SIGTERM', 'SIGTERM']);
    expect(runningCount()).toBe(0);
  });

  it('rejects with a clear error when the command cannot start', async () => {
    const request = { cwd: workspace, timeoutMs: 1000, maxOutputBytes: 1000, signal: new AbortController().signal };
    await expect(defaultSpawn({ ...request, command: 'summon-no-such-command', args: [] })).rejects.toThrow(
      'could not start "summon-no-such-command"',
    );
  });
});
