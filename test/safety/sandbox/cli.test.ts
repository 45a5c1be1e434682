// `summon sandbox exec`: runs a command in the sandbox, streams its output, returns its exit code.
import { promises as fs } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HELP, run } from '../../../src/cli/sandbox-command.js';
import type { CliIo } from '../../../src/cli/io.js';

let workspace: string;
beforeAll(async () => {
  workspace = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'summon-sandbox-cli-')));
});
afterAll(() => fs.rm(workspace, { recursive: true, force: true }));

function capture(env: Record<string, string> = {}): { io: CliIo; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: (text) => void (out += text), stderr: (text) => void (err += text), env: { PATH: '/usr/bin:/bin', HOME: '/root', ...env }, cwd: workspace, stderrIsTty: false };
  return { io, out: () => out, err: () => err };
}

describe('summon sandbox exec', () => {
  it('streams output and returns the exit code', async () => {
    const { io, out, err } = capture({ SECRET_API_KEY: 'do-not-show' });
    const code = await run(['exec', '--', 'bash', '-c', 'echo out; echo err >&2; env; exit 7'], io);
    expect(code).toBe(7);
    expect(out()).toContain('out');
    expect(out()).not.toContain('do-not-show');
    expect(err()).toContain('err');
  });

  it('writes in the workspace named by --cwd but not outside', async () => {
    const { io } = capture();
    const inner = path.join(workspace, 'inner');
    await fs.mkdir(inner);
    // The parent folder is under /tmp, which is a private tmpfs inside: the write lands there, not on the host.
    await run(['exec', '--cwd', inner, '--', 'bash', '-c', `echo ok > here.txt; echo no > ${workspace}/up.txt`], io);
    expect(await fs.readFile(path.join(inner, 'here.txt'), 'utf8')).toBe('ok\n');
    await expect(fs.stat(path.join(workspace, 'up.txt'))).rejects.toThrow();
  });

  it('kills the command at --timeout with exit 124', async () => {
    const { io, err } = capture();
    expect(await run(['exec', '--timeout', '0.3', '--', 'sleep', '20'], io)).toBe(124);
    expect(err()).toContain('timed out');
  });

  it('with --allow-net, reaches the allowed host through the proxy and gets 403 elsewhere', async () => {
    // Loopback only: "localhost" is allowed and resolved from /etc/hosts by the proxy; 127.0.0.1 is not allowed.
    const server = http.createServer((_request, response) => response.end('from-loopback\n'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      const { io, out, err } = capture();
      const script = `curl -sS --max-time 5 http://localhost:${port}/; curl -sS --max-time 5 -o /dev/null -w "denied=%{http_code}\\n" http://127.0.0.1:${port}/`;
      expect(await run(['exec', '--allow-net', 'localhost', '--', 'bash', '-c', script], io)).toBe(0);
      expect(out()).toContain('from-loopback');
      expect(out()).toContain('denied=403');
      expect(err()).toContain('blocked network access to 127.0.0.1');
      expect(err()).toContain('--allow-net 127.0.0.1');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('rejects bad usage', async () => {
    const { io, out } = capture();
    await expect(run(['exec'], io)).rejects.toMatchObject({ code: 'usage' });
    await expect(run(['exec', '--bogus', '--', 'true'], io)).rejects.toMatchObject({ code: 'usage' });
    expect(await run(['--help'], io)).toBe(0);
    expect(out()).toContain('summon sandbox exec');
    expect(HELP).toContain('Examples:');
  });
});
