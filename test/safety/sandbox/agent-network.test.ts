// The agent's sandbox opens the network only to what `net(…)` allow rules name, through the proxy;
// refusals become `permission` events. Loopback only: "localhost" resolves from /etc/hosts.
import { promises as fs } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { prepareSafety } from '../../../src/agent/safety-setup.js';
import type { AgentEventBody } from '../../../src/core/events.js';

let workspace: string;
let proxyParent: string;
let savedTmpdir: string | undefined;
let server: http.Server;
let port: number;
beforeAll(async () => {
  workspace = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'summon-agent-net-')));
  // The run's sandbox keeps its proxy until the process ends; its private folder goes here, removed below.
  proxyParent = await fs.mkdtemp(path.join(os.tmpdir(), 'summon-agent-net-proxy-'));
  savedTmpdir = process.env.TMPDIR;
  process.env.TMPDIR = proxyParent;
  server = http.createServer((request, response) => response.end(`loopback answered ${request.headers.host}\n`));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  if (savedTmpdir === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = savedTmpdir;
  await new Promise((resolve) => server.close(resolve));
  await Promise.all([workspace, proxyParent].map((dir) => fs.rm(dir, { recursive: true, force: true })));
});

it('passes net(…) allow rules to the sandbox as its network allow-list', async () => {
  const events: AgentEventBody[] = [];
  const env = { PATH: '/usr/local/bin:/usr/bin:/bin', HOME: '/nonexistent-home' };
  const safety = await prepareSafety(
    { sandbox: true, permissions: { allow: ['net(localhost)'], ask: [], deny: [] } },
    { workspace, env, emit: (event) => events.push(event) },
  );
  const result = await safety.spawn({
    command: 'bash',
    args: ['-c', `curl -sS --max-time 5 http://localhost:${port}/; curl -sS --max-time 5 -o /dev/null -w "denied=%{http_code}\\n" http://127.0.0.1:${port}/`],
    cwd: workspace, env, timeoutMs: 15_000, maxOutputBytes: 10_000, signal: new AbortController().signal,
  });
  expect(result.stdout).toContain(`loopback answered localhost:${port}`);
  expect(result.stdout).toContain('denied=403');
  expect(events).toEqual([expect.objectContaining({ type: 'permission', tool: 'net', decision: 'deny', reason: expect.stringContaining('net(127.0.0.1)') })]);
});

it('with someone to ask, a host no rule names is asked about: "allow" holds for the command, "allow always" for the session', async () => {
  const events: AgentEventBody[] = [];
  const asked: unknown[] = [];
  const answers = ['deny', 'allow', 'allow-always'] as const;
  let next = 0;
  const env = { PATH: '/usr/local/bin:/usr/bin:/bin', HOME: '/nonexistent-home' };
  const safety = await prepareSafety(
    { sandbox: true, permissions: { allow: [], ask: [], deny: [] } },
    {
      workspace,
      env,
      emit: (event) => events.push(event),
      ask: async (request) => {
        asked.push({ source: request.source, input: request.input });
        return answers[next++] ?? 'deny';
      },
    },
  );
  const curl = `curl -sS --max-time 5 -o /dev/null -w "status=%{http_code}\\n" http://localhost:${port}/`;
  const run = async (times: number) =>
    (
      await safety.spawn({
        command: 'bash',
        args: ['-c', Array.from({ length: times }, () => curl).join('; ')],
        cwd: workspace, env, timeoutMs: 20_000, maxOutputBytes: 10_000, signal: new AbortController().signal,
      })
    ).stdout.trim().split('\n');
  // Refused; then allowed once, which holds for the rest of that command.
  expect(await run(1)).toEqual(['status=403']);
  expect(await run(2)).toEqual(['status=200', 'status=200']);
  // A new command asks again; "always" then holds for every later command.
  expect(await run(1)).toEqual(['status=200']);
  expect(await run(1)).toEqual(['status=200']);
  const question = { source: 'network', input: { host: 'localhost', port, method: 'GET' } };
  expect(asked).toEqual([question, question, question]);
});

it('says when commands can reach the network: no sandbox, a net(…) rule, or someone to ask', async () => {
  const env = { PATH: '/usr/local/bin:/usr/bin:/bin', HOME: '/nonexistent-home' };
  const none = { allow: [], ask: [], deny: [] };
  const reach = async (config: Parameters<typeof prepareSafety>[0], ask = false) =>
    (await prepareSafety(config, { workspace, env, emit: () => undefined, ...(ask ? { ask: async () => 'deny' as const } : {}) })).commandsReachNetwork();
  expect(await reach({ sandbox: true, permissions: none })).toBe(false);
  expect(await reach({ sandbox: false, permissions: none })).toBe(true);
  expect(await reach({ sandbox: true, permissions: { ...none, allow: ['net(api.example.com)'] } })).toBe(true);
  expect(await reach({ sandbox: true, permissions: none }, true)).toBe(true);
});
