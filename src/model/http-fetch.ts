// The `fetch` the model providers use: node:http/https underneath, a fetch-shaped Response on top.
// Node 20's global fetch is undici, which Node loads on first use (25–35 ms, http2 included) before
// the first model request can leave; node:http is already half-loaded and costs ~5 ms. The
// providers need only this: a request with a string or byte body, status and headers, a streamed
// body, abort, redirects. Anything else (a Request object, a FormData or stream body) goes to the
// global fetch. Failures take undici's shapes — TypeError('fetch failed', { cause }) before the
// response, TypeError('terminated', { cause }) mid-body — so the SDK and our retry policy read them
// the same way.
import type * as Http from 'node:http';
import { decompressed } from '../core/http-body.js';
import { lazyBuiltin } from '../core/lazy-builtin.js';
import { LightHeaders } from './light-headers.js';

// Loaded on first use: a run against a local http server never pays for TLS, and vice versa.
const transports = { 'http:': lazyBuiltin<typeof Http>('node:http'), 'https:': lazyBuiltin<typeof Http>('node:https') };
const agents = new Map<string, Http.Agent>();

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 20;
// Credentials must not follow a redirect to another origin.
const CREDENTIAL_HEADERS = ['authorization', 'x-api-key', 'x-goog-api-key', 'api-key', 'cookie', 'proxy-authorization'];

type Body = string | Uint8Array | ArrayBuffer;

function transport(url: URL): { request: typeof Http.request; agent: Http.Agent } {
  const name = url.protocol === 'https:' ? 'https:' : 'http:';
  const module = transports[name]();
  let agent = agents.get(name);
  if (!agent) {
    // Keep-alive: every turn of a run goes to the same host. Idle sockets do not hold the process open.
    agent = new module.Agent({ keepAlive: true });
    agents.set(name, agent);
  }
  return { request: module.request, agent };
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

function headerRecord(init: unknown): Record<string, string> {
  const record: Record<string, string> = {};
  new LightHeaders(init as ConstructorParameters<typeof LightHeaders>[0]).forEach((value, name) => (record[name] = value));
  return record;
}

function isSupportedBody(body: unknown): body is Body | undefined | null {
  return body === undefined || body === null || typeof body === 'string' || body instanceof Uint8Array || body instanceof ArrayBuffer;
}

function bodyBytes(body: Body | undefined | null): Buffer | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return Buffer.from(body);
  return body instanceof ArrayBuffer ? Buffer.from(body) : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
}

/** The response body as a web stream; a connection that breaks before the end errors it as undici does. */
function webBody(response: Http.IncomingMessage, signal: AbortSignal | undefined): ReadableStream<Uint8Array> {
  const source = decompressed(response);
  let finished = false;
  let onAbort: (() => void) | undefined;
  /** True the first time only: the stream ends once, however many ways it is told to. */
  const settle = (): boolean => {
    if (finished) return false;
    finished = true;
    if (onAbort) signal?.removeEventListener('abort', onAbort);
    return true;
  };
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const fail = (error: unknown): void => {
        if (settle()) controller.error(error);
      };
      onAbort = () => {
        fail(abortReason(signal as AbortSignal));
        response.destroy();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      source.on('data', (chunk: Buffer) => {
        if (finished) return;
        controller.enqueue(chunk);
        if ((controller.desiredSize ?? 1) <= 0) source.pause();
      });
      source.on('end', () => {
        if (settle()) controller.close();
      });
      source.on('error', (error) => fail(new TypeError('terminated', { cause: error })));
      response.on('close', () => {
        if (!response.complete) fail(new TypeError('terminated', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) }));
      });
    },
    pull() {
      source.resume();
    },
    cancel() {
      settle();
      response.destroy();
    },
  });
}

async function bytesOf(stream: ReadableStream<Uint8Array> | null): Promise<Buffer> {
  if (!stream) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks);
    chunks.push(value);
  }
}

class HttpResponse {
  readonly ok: boolean;
  readonly type = 'basic';
  #body: ReadableStream<Uint8Array> | null;
  #used = false;

  constructor(
    readonly status: number,
    readonly statusText: string,
    readonly headers: LightHeaders,
    readonly url: string,
    readonly redirected: boolean,
    body: ReadableStream<Uint8Array> | null,
  ) {
    this.ok = status >= 200 && status < 300;
    this.#body = body;
  }

  get body(): ReadableStream<Uint8Array> | null {
    return this.#body;
  }

  get bodyUsed(): boolean {
    return this.#used || (this.#body?.locked ?? false);
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = await this.#consume();
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }

  async text(): Promise<string> {
    return new TextDecoder().decode(await this.#consume());
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text()) as unknown;
  }

  async #consume(): Promise<Buffer> {
    if (this.bodyUsed) throw new TypeError('Body is unusable: Body has already been read');
    this.#used = true;
    return bytesOf(this.#body);
  }
}

interface Attempt {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body: Buffer | undefined;
  signal: AbortSignal | undefined;
  redirects: number;
}

function send(attempt: Attempt): Promise<HttpResponse> {
  const { url, method, headers, body, signal } = attempt;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortReason(signal));
    const { request, agent } = transport(url);
    const outgoing = { ...headers, ...(body ? { 'content-length': String(body.byteLength) } : {}) };
    let request_: Http.ClientRequest;
    try {
      request_ = request(url, { method, headers: outgoing, agent });
    } catch (error) {
      // Invalid header characters and the like, raised before anything is sent.
      return reject(new TypeError('fetch failed', { cause: error }));
    }
    const onAbort = (): void => {
      request_.destroy();
      reject(abortReason(signal as AbortSignal));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    request_.on('error', (error) => {
      signal?.removeEventListener('abort', onAbort);
      reject(signal?.aborted ? abortReason(signal) : new TypeError('fetch failed', { cause: error }));
    });
    request_.on('response', (response) => {
      signal?.removeEventListener('abort', onAbort);
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (REDIRECTS.has(status) && location) {
        response.resume();
        resolve(redirect(attempt, status, location));
        return;
      }
      const responseHeaders = new LightHeaders();
      for (let index = 0; index + 1 < response.rawHeaders.length; index += 2) {
        responseHeaders.append(response.rawHeaders[index] as string, response.rawHeaders[index + 1] as string);
      }
      const empty = method === 'HEAD' || status === 204 || status === 304;
      if (empty) response.resume();
      resolve(new HttpResponse(status, response.statusMessage ?? '', responseHeaders, url.href, attempt.redirects > 0, empty ? null : webBody(response, signal)));
    });
    request_.end(body);
  });
}

function redirect(attempt: Attempt, status: number, location: string): Promise<HttpResponse> {
  if (attempt.redirects >= MAX_REDIRECTS) return Promise.reject(new TypeError('fetch failed', { cause: new Error(`more than ${MAX_REDIRECTS} redirects`) }));
  const next = new URL(location, attempt.url);
  if (next.protocol !== 'http:' && next.protocol !== 'https:') {
    return Promise.reject(new TypeError('fetch failed', { cause: new Error(`redirect to unsupported URL scheme ${next.protocol}`) }));
  }
  // As fetch does: 303 (and 301/302 after a POST) become a GET without a body.
  const toGet = (status === 303 && attempt.method !== 'HEAD') || ((status === 301 || status === 302) && attempt.method === 'POST');
  const headers = { ...attempt.headers };
  if (toGet) for (const name of ['content-type', 'content-encoding', 'content-language', 'content-location']) delete headers[name];
  if (next.origin !== attempt.url.origin) for (const name of CREDENTIAL_HEADERS) delete headers[name];
  return send({ ...attempt, url: next, method: toGet ? 'GET' : attempt.method, headers, body: toGet ? undefined : attempt.body, redirects: attempt.redirects + 1 });
}

/** A drop-in `fetch` for the AI SDK providers (see the file comment for what it covers). */
export const httpFetch: typeof globalThis.fetch = (input, init) => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : undefined;
  if (url === undefined || !isSupportedBody(init?.body) || (init?.redirect !== undefined && init.redirect !== 'follow')) {
    return globalThis.fetch(input, init);
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (error) {
    return Promise.reject(new TypeError(`Failed to parse URL from ${url}`, { cause: error }));
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return globalThis.fetch(input, init);
  const attempt: Attempt = {
    url: parsed,
    method: (init?.method ?? 'GET').toUpperCase(),
    headers: headerRecord(init?.headers),
    body: bodyBytes(init?.body as Body | undefined | null),
    signal: init?.signal ?? undefined,
    redirects: 0,
  };
  return send(attempt) as unknown as Promise<Response>;
};
