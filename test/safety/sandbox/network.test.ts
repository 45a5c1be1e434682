// Network allow mode: HTTP(S) leaves the sandbox only through summon's proxy, and only to allowed
// domains. Nothing leaves this machine: "allowed.test" is mapped to a loopback server by an injected connect.
import { promises as fs } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SpawnRequest, SpawnResult } from '../../../src/core/tool.js';
import {
  createSandboxSpawn, defaultPolicy, matchDomain, startNetworkProxy, type ProxyDecision, type SandboxPolicy, type SandboxSpawn, type UpstreamConnect,
} from '../../../src/safety/sandbox/index.js';
import { SANDBOX_CASES } from './escape-cases.js';
import { createFixture, type Fixture } from './fixture.js';

let upstream: http.Server;
let upstreamPort: number;
let upstreamHits = 0;
const dialled: string[] = [];

/** Only names under allowed.test / also.test are "on the internet": they reach the loopback upstream. */
const connect: UpstreamConnect = (host, port) => {
  dialled.push(`${host}:${port}`);
  if (!/(^|\.)(allowed|also)\.test$/.test(host)) return Promise.reject(new Error(`test network: no route to ${host}`));
  return new Promise<Duplex>((resolve, reject) => {
    const socket = net.connect(upstreamPort, '127.0.0.1', () => resolve(socket));
    socket.once('error', reject);
  });
};

beforeAll(async () => {
  upstream = http.createServer((request, response) => {
    upstreamHits += 1;
    response.end(`upstream says hi to ${request.headers.host} for ${request.url}\n`);
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  upstreamPort = (upstream.address() as net.AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => upstream.close(() => resolve())));

describe('domain globs', () => {
  it('matches like net(…) rules: *.x subdomains only, exact names exactly, * everything', () => {
    const globs = ['*.npmjs.org', 'github.com'];
    expect(matchDomain('registry.npmjs.org', globs)).toBe('*.npmjs.org');
    expect(matchDomain('a.b.npmjs.org', globs)).toBe('*.npmjs.org');
    expect(matchDomain('npmjs.org', globs)).toBeUndefined();
    expect(matchDomain('GitHub.com.', globs)).toBe('github.com');
    expect(matchDomain('api.github.com', globs)).toBeUndefined();
    expect(matchDomain('evilgithub.com', globs)).toBeUndefined();
    expect(matchDomain('github.com.evil.org', globs)).toBeUndefined();
    expect(matchDomain('npmjs.org.evil.org', globs)).toBeUndefined();
    expect(matchDomain('anything.example', ['*'])).toBe('*');
    expect(matchDomain('registry.npmjs.org', ['https://registry.npmjs.org/some/path'])).toBe('https://registry.npmjs.org/some/path');
  });
});

describe('the proxy on its own', () => {
  it('refuses denied hosts, malformed requests and origin-form requests; reports every decision', async () => {
    const decisions: ProxyDecision[] = [];
    const proxy = await startNetworkProxy({ domains: ['allowed.test'], connect, onDecision: (decision) => decisions.push(decision) });
    try {
      const raw = (text: string): Promise<string> =>
        new Promise((resolve, reject) => {
          const socket = net.connect(proxy.socketPath);
          let answer = '';
          socket.on('data', (chunk) => (answer += chunk.toString('utf8')));
          socket.on('end', () => resolve(answer));
          socket.on('error', reject);
          socket.write(text);
          setTimeout(() => socket.destroy(), 3000);
        });
      const denied = await raw('CONNECT denied.test:443 HTTP/1.1\r\nHost: denied.test:443\r\n\r\n');
      expect(denied).toMatch(/^HTTP\/1\.1 403/);
      expect(denied).toContain('--allow-net denied.test');
      expect(denied).toContain('net(denied.test)');
      expect(await raw('CONNECT denied.test HTTP/1.1\r\n\r\n')).toMatch(/^HTTP\/1\.1 400/);
      expect(await raw('CONNECT allowed.test:99999 HTTP/1.1\r\n\r\n')).toMatch(/^HTTP\/1\.1 400/);
      expect(await raw('not http at all\r\n\r\n')).toMatch(/^HTTP\/1\.1 400/);
      expect(await raw('GET /relative HTTP/1.1\r\nHost: allowed.test\r\nConnection: close\r\n\r\n')).toMatch(/^HTTP\/1\.1 400/);
      expect(await raw('GET http://user@allowed.test/ HTTP/1.1\r\nHost: allowed.test\r\nConnection: close\r\n\r\n')).toMatch(/^HTTP\/1\.1 400/);
      const allowed = await raw('GET http://allowed.test/ok HTTP/1.1\r\nHost: evil.test\r\nConnection: close\r\n\r\n');
      // The Host header is rewritten to the checked host, so one allowed address cannot serve another site.
      expect(allowed).toContain('upstream says hi to allowed.test for /ok');
      expect(decisions.map((decision) => [decision.host, decision.method, decision.allowed])).toEqual([
        ['denied.test', 'CONNECT', false],
        ['allowed.test', 'GET', true],
      ]);
      expect(dialled).not.toContain('denied.test:443');
    } finally {
      await proxy.close();
    }
    await expect(fs.stat(path.dirname(proxy.socketPath))).rejects.toThrow();
  });

  it('asks about unlisted hosts when given a way to ask', async () => {
    const asked: string[] = [];
    const proxy = await startNetworkProxy({ domains: [], connect, askUnlisted: async ({ host }) => (asked.push(host), host === 'also.test') });
    try {
      const get = (host: string): Promise<number> =>
        new Promise((resolve, reject) => {
          const request = http.request({ socketPath: proxy.socketPath, path: `http://${host}/`, headers: { host } }, (response) => {
            response.resume();
            resolve(response.statusCode ?? 0);
          });
          request.on('error', reject);
          request.end();
        });
      expect(await get('also.test')).toBe(200);
      expect(await get('other.test')).toBe(403);
      expect(asked).toEqual(['also.test', 'other.test']);
    } finally {
      await proxy.close();
    }
  });
});

describe('sandbox in network allow mode', () => {
  let fx: Fixture;
  let policy: SandboxPolicy;
  let spawn: SandboxSpawn;
  const decisions: ProxyDecision[] = [];
  beforeAll(async () => {
    fx = await createFixture();
    const base = await defaultPolicy(fx.workspace, fx.env);
    policy = { ...base, network: { mode: 'allow', domains: ['allowed.test', '*.allowed.test'] } };
    spawn = createSandboxSpawn(policy, { connect, onNetworkDecision: (decision) => decisions.push(decision) });
  });
  afterAll(async () => {
    await spawn.close();
    await fx.dispose();
  });
  const run = (script: string, overrides: Partial<SpawnRequest> = {}): Promise<SpawnResult> =>
    spawn({ command: 'bash', args: ['-c', script], cwd: fx.workspace, env: fx.env, timeoutMs: 15_000, maxOutputBytes: 100_000, signal: new AbortController().signal, ...overrides });

  it('reaches an allowed domain with curl, plain HTTP and through a CONNECT tunnel', async () => {
    const result = await run('curl -sS --max-time 5 http://allowed.test/plain && curl -sS --max-time 5 --proxytunnel http://api.allowed.test/tunnel');
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('upstream says hi to allowed.test for /plain');
    expect(result.stdout).toContain('upstream says hi to api.allowed.test for /tunnel');
    expect(decisions).toEqual(expect.arrayContaining([
      expect.objectContaining({ host: 'allowed.test', method: 'GET', allowed: true, rule: 'allowed.test' }),
      expect.objectContaining({ host: 'api.allowed.test', method: 'CONNECT', allowed: true, rule: '*.allowed.test' }),
    ]));
  });

  it('reaches an allowed domain from node through the proxy the environment names', async () => {
    const script = `
      const http = require("http");
      const proxy = new URL(process.env.HTTP_PROXY);
      http.get({ host: proxy.hostname, port: proxy.port, path: "http://allowed.test/from-node", headers: { host: "allowed.test" } }, (res) => {
        let body = ""; res.on("data", (d) => (body += d)); res.on("end", () => console.log(res.statusCode, body.trim()));
      }).on("error", (e) => console.log("error", e.code));`;
    const result = await run(`node -e '${script}'`);
    expect(result.stdout).toContain('200 upstream says hi to allowed.test for /from-node');
  });

  it('gives a denied domain 403 with a body naming it and how to allow it', async () => {
    const before = dialled.length;
    const result = await run('curl -sS --max-time 5 -w "\\nstatus=%{http_code}" http://denied.test/secret');
    expect(result.stdout).toContain('status=403');
    expect(result.stdout).toContain('"denied.test" is blocked');
    expect(result.stdout).toContain('--allow-net denied.test');
    expect(result.stdout).toContain('net(denied.test)');
    expect(dialled.slice(before)).toEqual([]);
    expect(decisions).toEqual(expect.arrayContaining([expect.objectContaining({ host: 'denied.test', allowed: false })]));
  });

  it('refuses a CONNECT tunnel to a denied host (and to the bare parent of a *. glob)', async () => {
    const before = dialled.length;
    const result = await run('curl -sS --max-time 5 --proxytunnel http://denied.test/; echo "exit=$?"; curl -sS --max-time 5 --proxytunnel http://allowed.test.evil.test/; echo "exit=$?"');
    expect(result.stderr).toMatch(/CONNECT tunnel failed, response 403[\s\S]*CONNECT tunnel failed, response 403/);
    expect(result.stdout).toContain('exit=56');
    expect(result.stdout).not.toContain('upstream says');
    expect(dialled.slice(before)).toEqual([]);
  });

  it('still blocks connections that bypass the proxy', async () => {
    const hits = upstreamHits;
    const tcp = fx.tcpConnections();
    const result = await run(
      `curl -sS --max-time 3 --noproxy '*' http://127.0.0.1:${upstreamPort}/direct; echo "curl=$?"; ` +
        `(exec 3<>/dev/tcp/127.0.0.1/${fx.tcpPort}) 2>/dev/null; echo "devtcp=$?"; ip -o link 2>/dev/null | grep -v " lo:" | wc -l`,
    );
    expect(result.stdout).toMatch(/curl=(7|28)/);
    expect(result.stdout).toContain('devtcp=1');
    // No interface but loopback: the only way out is the relay to the proxy.
    expect(result.stdout.trim().split('\n').at(-1)).toBe('0');
    expect(result.stdout).not.toContain('upstream says');
    expect(upstreamHits).toBe(hits);
    expect(fx.tcpConnections()).toBe(tcp);
  });

  it('refuses when socat is missing, saying how to install it', async () => {
    const marker = path.join(fx.workspace, 'ran-without-socat');
    const noSocat = createSandboxSpawn(policy, { socatPath: '/nonexistent/socat', connect });
    await expect(noSocat({ command: 'touch', args: [marker], cwd: fx.workspace, env: fx.env, timeoutMs: 5000, maxOutputBytes: 1000, signal: new AbortController().signal }))
      .rejects.toMatchObject({ code: 'tool-failed', hint: expect.stringContaining('apt-get install socat') });
    await expect(fs.stat(marker)).rejects.toThrow();
  });

  it('closes its proxy with close() and starts a new one for a later command', async () => {
    const own = createSandboxSpawn(policy, { connect });
    const first = await own({ command: 'curl', args: ['-sS', '--max-time', '5', 'http://allowed.test/one'], cwd: fx.workspace, env: fx.env, timeoutMs: 10_000, maxOutputBytes: 10_000, signal: new AbortController().signal });
    expect(first.stdout).toContain('/one');
    await own.close();
    const second = await own({ command: 'curl', args: ['-sS', '--max-time', '5', 'http://allowed.test/two'], cwd: fx.workspace, env: fx.env, timeoutMs: 10_000, maxOutputBytes: 10_000, signal: new AbortController().signal });
    expect(second.stdout).toContain('/two');
    await own.close();
  });

  // The contract's network escapes again, now with the relay and proxy present.
  for (const entry of SANDBOX_CASES.filter((item) => item.category === 'network')) {
    it(`contains: ${entry.name}`, async () => {
      expect(await entry.check(await run(entry.script(fx)), fx)).toBeUndefined();
    });
  }
});
