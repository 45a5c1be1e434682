import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { httpFetch } from '../../src/model/http-fetch.js';
import { classifyFailure } from '../../src/model/retry.js';

type Handler = (request: IncomingMessage, body: string, response: ServerResponse) => void;

let server: Server | undefined;
const seen: { method: string; url: string; headers: IncomingMessage['headers']; body: string }[] = [];

async function serve(handler: Handler): Promise<string> {
  seen.length = 0;
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      seen.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body });
      handler(request, body, response);
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  if (!server) return;
  server.closeAllConnections();
  await new Promise((resolve) => server!.close(resolve));
  server = undefined;
});

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string[]> {
  const chunks: string[] = [];
  const decoder = new TextDecoder();
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) chunks.push(decoder.decode(chunk));
  return chunks;
}

describe('httpFetch', () => {
  it('sends method, headers and body, and returns status, headers and text', async () => {
    const base = await serve((_request, body, response) => {
      response.writeHead(201, 'Made', { 'content-type': 'application/json', 'x-thing': 'a' });
      response.end(JSON.stringify({ echo: body }));
    });
    const response = await httpFetch(`${base}/v1/x?q=1`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: 'Bearer k' }, body: '{"a":1}' });
    expect(response.status).toBe(201);
    expect(response.statusText).toBe('Made');
    expect(response.ok).toBe(true);
    expect(response.headers.get('X-Thing')).toBe('a');
    expect(Object.fromEntries([...response.headers])).toMatchObject({ 'content-type': 'application/json', 'x-thing': 'a' });
    expect(await response.json()).toEqual({ echo: '{"a":1}' });
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/v1/x?q=1', body: '{"a":1}' });
    expect(seen[0]!.headers).toMatchObject({ authorization: 'Bearer k', 'content-type': 'application/json', 'content-length': '7' });
  });

  it('streams the body as it arrives, chunk by chunk', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const base = await serve((_request, _body, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write('data: one\n\n');
      void gate.then(() => response.end('data: two\n\n'));
    });
    const response = await httpFetch(base, {});
    const reader = response.body!.getReader();
    // The first event is readable while the server still holds the second back.
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe('data: one\n\n');
    release();
    const rest: string[] = [];
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      rest.push(new TextDecoder().decode(value));
    }
    expect(rest.join('')).toBe('data: two\n\n');
  });

  it('decodes a gzip body', async () => {
    const base = await serve((_request, _body, response) => {
      response.writeHead(200, { 'content-encoding': 'gzip' });
      response.end(gzipSync('hello, compressed'));
    });
    expect(await (await httpFetch(base, {})).text()).toBe('hello, compressed');
  });

  it('returns non-2xx responses with their body, not as errors', async () => {
    const base = await serve((_request, _body, response) => {
      response.writeHead(429, { 'retry-after': '2' });
      response.end('slow down');
    });
    const response = await httpFetch(base, { method: 'POST', body: 'x' });
    expect(response.ok).toBe(false);
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('2');
    expect(await response.text()).toBe('slow down');
    await expect(response.text()).rejects.toThrow(/already been read/);
  });

  it('follows 307 with method and body, and turns 303 into a GET', async () => {
    const base = await serve((request, _body, response) => {
      if (request.url === '/a') response.writeHead(307, { location: '/b' }).end();
      else if (request.url === '/b') response.writeHead(303, { location: '/c' }).end();
      else response.end(`${request.method} at ${request.url}`);
    });
    const response = await httpFetch(`${base}/a`, { method: 'POST', body: 'payload', headers: { 'content-type': 'text/plain' } });
    expect(await response.text()).toBe('GET at /c');
    expect(response.redirected).toBe(true);
    expect(response.url).toBe(`${base}/c`);
    expect(seen.map((request) => [request.method, request.url, request.body])).toEqual([
      ['POST', '/a', 'payload'],
      ['POST', '/b', 'payload'],
      ['GET', '/c', ''],
    ]);
  });

  it('drops credentials when a redirect leaves the origin', async () => {
    const other = createServer((request, response) => response.end(JSON.stringify(request.headers)));
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    try {
      const otherUrl = `http://localhost:${(other.address() as AddressInfo).port}/steal`;
      const base = await serve((_request, _body, response) => response.writeHead(302, { location: otherUrl }).end());
      const response = await httpFetch(base, { headers: { authorization: 'Bearer secret', 'x-api-key': 'k', accept: 'text/plain' } });
      const headers = (await response.json()) as Record<string, string>;
      expect(headers.accept).toBe('text/plain');
      expect(headers.authorization).toBeUndefined();
      expect(headers['x-api-key']).toBeUndefined();
    } finally {
      other.closeAllConnections();
      await new Promise((resolve) => other.close(resolve));
    }
  });

  it('fails a refused connection as undici does, and the retry policy retries it', async () => {
    const base = await serve((_request, _body, response) => response.end());
    server!.closeAllConnections();
    await new Promise((resolve) => server!.close(resolve));
    server = undefined;
    const error = await httpFetch(base, {}).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(TypeError);
    expect((error as TypeError).message).toBe('fetch failed');
    expect(((error as TypeError).cause as NodeJS.ErrnoException).code).toBe('ECONNREFUSED');
    expect(classifyFailure(error)).toMatchObject({ retryable: true });
  });

  it('errors the body with "terminated" when the connection breaks mid-stream', async () => {
    const base = await serve((_request, _body, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write('data: partial\n\n');
      setTimeout(() => response.socket?.destroy(), 20);
    });
    const response = await httpFetch(base, {});
    const error = await readAll(response.body!).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(TypeError);
    expect((error as TypeError).message).toBe('terminated');
    expect(classifyFailure(error)).toMatchObject({ retryable: true });
  });

  it('aborts before the response with the signal reason, and mid-body too', async () => {
    const base = await serve((request, _body, response) => {
      if (request.url === '/hang') return; // never answers
      response.writeHead(200);
      response.write('first');
    });
    const before = new AbortController();
    const pending = httpFetch(`${base}/hang`, { signal: before.signal });
    setTimeout(() => before.abort(new Error('stop now')), 20);
    await expect(pending).rejects.toThrow('stop now');

    const during = new AbortController();
    const response = await httpFetch(`${base}/body`, { signal: during.signal });
    const reader = response.body!.getReader();
    await reader.read();
    during.abort();
    await expect(reader.read()).rejects.toMatchObject({ name: 'AbortError' });

    const already = new AbortController();
    already.abort();
    await expect(httpFetch(base, { signal: already.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('reuses one kept-alive connection across requests', async () => {
    const base = await serve((_request, _body, response) => response.end('ok'));
    const ports = new Set<number | undefined>();
    server!.on('connection', (socket) => ports.add(socket.remotePort));
    for (let index = 0; index < 3; index++) expect(await (await httpFetch(base, { method: 'POST', body: 'x' })).text()).toBe('ok');
    expect(ports.size).toBeLessThanOrEqual(1);
  });

  it('leaves what it does not cover to the global fetch', async () => {
    const base = await serve((_request, body, response) => response.end(`got ${body}`));
    const form = new FormData();
    form.set('field', 'value');
    const response = await httpFetch(base, { method: 'POST', body: form });
    expect(await response.text()).toMatch(/got [\s\S]*name="field"[\s\S]*value/);
    expect(response).toBeInstanceOf(Response);
  });
});
