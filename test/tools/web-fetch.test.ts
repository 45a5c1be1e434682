// web_fetch against local HTTP servers only: readable markdown from HTML, the session cache, every
// redirect hop decided again, private addresses only when a rule names the host, and each bad input
// or fault a clear tool error.
import { gzipSync } from 'node:zlib';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToolRegistry } from '../../src/tools/index.js';
import { createWebFetchTool, isPrivateAddress } from '../../src/tools/web-fetch.js';
import { makeContext } from './helpers.js';

let server: http.Server;
let base: string;
let port: number;
const hits = new Map<string, number>();
const ARTICLE = `<!doctype html><html><head><title>Release notes</title><script>var tracking = 1;</script></head><body>
<nav><a href="/">Home</a> · <a href="/blog">Blog</a> · <a href="/about">About us and our many links</a></nav>
<article><h1>Version 2.0</h1><p>${'This release rewrites the parser so that large files load quickly and errors name the line. '.repeat(6)}</p>
<h2>Breaking changes</h2><ul><li>The <code>--legacy</code> flag is gone.</li><li>Config files are JSON only.</li></ul>
<pre><code>npm install tool@2</code></pre></article><footer>© 2026 Example Corp · Privacy · Terms</footer></body></html>`;

beforeAll(async () => {
  server = http.createServer((request, response) => {
    const url = request.url ?? '/';
    hits.set(url, (hits.get(url) ?? 0) + 1);
    if (url === '/article') return void response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(ARTICLE);
    if (url === '/gzip') return void response.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip' }).end(gzipSync('compressed text'));
    if (url === '/hop') return void response.writeHead(302, { location: '/article' }).end();
    if (url === '/to-loopback') return void response.writeHead(302, { location: `http://127.0.0.1:${port}/article` }).end();
    if (url === '/to-localhost') return void response.writeHead(301, { location: `http://localhost:${port}/article` }).end();
    if (url === '/loop-a') return void response.writeHead(302, { location: '/loop-b' }).end();
    if (url === '/loop-b') return void response.writeHead(302, { location: '/loop-a' }).end();
    if (url === '/big') {
      response.writeHead(200, { 'content-type': 'text/plain' });
      const chunk = 'x'.repeat(1_048_576);
      for (let index = 0; index < 10; index++) response.write(chunk);
      return void response.end();
    }
    if (url === '/pdf') return void response.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF-1.7');
    if (url === '/odd-encoding') return void response.writeHead(200, { 'content-type': 'text/plain; charset=x-martian' }).end('zork');
    if (url === '/latin1') return void response.writeHead(200, { 'content-type': 'text/plain; charset=iso-8859-1' }).end(Buffer.from([0x63, 0x61, 0x66, 0xe9]));
    if (url === '/hang') return; // never answers
    response.writeHead(404).end('not here');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** A context whose rules allow 127.0.0.1 by name (and nothing else), like net(127.0.0.1). */
function context(allowed: readonly string[] = ['127.0.0.1']) {
  const permitted: string[] = [];
  const ctx = makeContext('/tmp', {
    net: {
      permit: async (url) => {
        permitted.push(url);
        const host = new URL(url).hostname;
        return allowed.includes(host) ? { allow: true } : { allow: false, reason: `no rule allows ${host}` };
      },
      names: (host) => allowed.includes(host),
    },
  });
  return { ctx, permitted };
}

const fetchWith = (options: Parameters<typeof createWebFetchTool>[0] = {}) => {
  const registry = createToolRegistry([createWebFetchTool(options)]);
  return (input: unknown, ctx = context().ctx) => registry.execute({ id: '1', name: 'web_fetch', input }, ctx);
};

describe('web_fetch', () => {
  it('turns an article into markdown without its navigation, scripts and footer, and caches it for the session', async () => {
    const fetch = fetchWith();
    const { ctx } = context();
    const first = await fetch({ url: `${base}/article`, prompt: 'breaking changes' }, ctx);
    expect(first.isError).toBe(false);
    expect(first.output).toMatch(/^# Release notes\n\(fetched http:\/\/127\.0\.0\.1:\d+\/article; [\d,]+ bytes; looking for: breaking changes\)/);
    expect(first.output).toContain('## Breaking changes');
    expect(first.output).toMatch(/- The `--legacy` flag is gone\./);
    expect(first.output).toContain('```\nnpm install tool@2\n```');
    expect(first.output).not.toMatch(/tracking|Privacy · Terms|About us and our many links/);
    const again = await fetch({ url: `${base}/article` }, ctx);
    expect(again.output).toContain("(from this session's cache)");
    expect(hits.get('/article')).toBe(1);
  });

  it('follows a redirect within the rules, deciding each hop; refuses one to a host no rule allows', async () => {
    const fetch = fetchWith();
    const { ctx, permitted } = context();
    expect((await fetch({ url: `${base}/hop` }, ctx)).output).toMatch(/redirected from http:\/\/127\.0\.0\.1:\d+\/hop/);
    expect(permitted).toEqual([`${base}/article`]);
    const refused = await fetch({ url: `${base}/to-localhost` }, ctx);
    expect(refused).toMatchObject({ isError: true, output: expect.stringMatching(/permission denied for the redirect to localhost:\d+: no rule allows localhost/) });
    expect((await fetch({ url: `${base}/loop-a` }, ctx)).output).toMatch(/redirect loop/);
  });

  it('refuses a redirect to a loopback address that no rule names, even when a wildcard allows it', async () => {
    const fetch = fetchWith();
    const ctx = makeContext('/tmp', { net: { permit: async () => ({ allow: true }), names: (host) => host === 'localhost' } });
    const result = await fetch({ url: `http://localhost:${port}/to-loopback` }, ctx);
    expect(result).toMatchObject({ isError: true, output: expect.stringMatching(/127\.0\.0\.1 resolves to a private or loopback address/) });
  });

  it('reaches a private or loopback address only when a rule names the host', async () => {
    const fetch = fetchWith();
    // A wildcard rule allows it, but does not name it.
    const { ctx } = context([]);
    const result = await fetch({ url: `${base}/article` }, { ...ctx, net: { ...ctx.net!, names: () => false } });
    expect(result).toMatchObject({ isError: true, output: expect.stringMatching(/resolves to a private or loopback address \(127\.0\.0\.1\)[\s\S]*net\(127\.0\.0\.1\)/) });
    expect(['10.1.2.3', '172.20.0.1', '192.168.1.1', '169.254.169.254', '::1', 'fd00::1', '::ffff:127.0.0.1'].every(isPrivateAddress)).toBe(true);
    expect(['93.184.216.34', '2606:4700::1111', '172.32.0.1'].some(isPrivateAddress)).toBe(false);
  });

  it.each([
    ['ftp://127.0.0.1/file', /ftp URLs cannot be fetched: only http and https/],
    ['http://user:secret@127.0.0.1/', /URLs with credentials in them are refused/],
    ['not a url', /not a URL: not a url/],
  ])('refuses %s with a clear error', async (url, message) => {
    expect(await fetchWith()({ url })).toMatchObject({ isError: true, output: expect.stringMatching(message) });
  });

  it('refuses a page over the size limit, a PDF, an unknown encoding and a server that never answers', async () => {
    const fetch = fetchWith({ timeoutMs: 1_000 });
    expect((await fetch({ url: `${base}/big` })).output).toMatch(/larger than 5 MB; refused/);
    expect((await fetch({ url: `${base}/pdf` })).output).toMatch(/application\/pdf, not a page summon reads/);
    expect((await fetch({ url: `${base}/odd-encoding` })).output).toMatch(/an encoding summon does not know \(x-martian\)/);
    const began = Date.now();
    expect((await fetch({ url: `${base}/hang` })).output).toMatch(/did not answer within 1 s/);
    expect(Date.now() - began).toBeLessThan(5_000);
    expect((await fetch({ url: `${base}/nothing` })).output).toMatch(/answered HTTP 404/);
  });

  it('decodes compressed bodies and declared charsets', async () => {
    const fetch = fetchWith();
    expect((await fetch({ url: `${base}/gzip` })).output).toMatch(/\n\ncompressed text$/);
    expect((await fetch({ url: `${base}/latin1` })).output).toMatch(/\n\ncafé$/);
  });
});
