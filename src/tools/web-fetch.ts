// The web_fetch tool: an HTTP(S) GET decided by the same net(…) rules as the sandbox's network (a
// host no rule allows is asked about, headless ⇒ refused), every redirect hop decided again, no
// private or loopback address unless a rule names the host, size and time limits, HTML turned into
// readable markdown, PDFs and binaries refused, results cached for the session. What it returns is
// untrusted: the guard redacts, scans and spotlights it like any tool result, and flags taint.
import type { LookupAddress } from 'node:dns';
import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { SummonError } from '../core/errors.js';
import { decompressed, unsupportedEncoding } from '../core/http-body.js';
import { defineTool, type Tool } from '../core/tool.js';
import description from './web-fetch.md?raw';

export interface WebFetchOptions {
  /** The whole fetch, redirects included (default 20 s). */
  timeoutMs?: number;
  /** Body bytes after decompression (default 5 MB). */
  maxBytes?: number;
  maxRedirects?: number;
}

const inputSchema = z.object({
  url: z.string().min(1),
  prompt: z.string().optional().describe('what you are looking for on the page'),
});
type WebFetchInput = z.infer<typeof inputSchema>;

const BINARY = /^(application\/(pdf|zip|gzip|x-tar|octet-stream|x-7z|vnd\.|msword|x-msdownload)|image\/|audio\/|video\/|font\/)/;

export function createWebFetchTool(options: WebFetchOptions = {}): Tool {
  const timeoutMs = options.timeoutMs ?? 20_000;
  const maxBytes = options.maxBytes ?? 5 * 1_048_576;
  const maxRedirects = options.maxRedirects ?? 5;
  const cache = new Map<string, string>();
  return defineTool<WebFetchInput>({
    name: 'web_fetch',
    description,
    input: inputSchema,
    kind: 'net',
    async execute(input, ctx) {
      const start = checkUrl(input.url);
      const key = start.href;
      const cached = cache.get(key);
      if (cached !== undefined) return { output: `${cached}\n\n(from this session's cache)` };
      const net = ctx.net;
      if (!net) throw new SummonError('tool-failed', 'web_fetch is not available here: the session has no network rules to decide it', { hint: 'use it through a summon session' });
      const deadline = AbortSignal.any([ctx.signal, AbortSignal.timeout(timeoutMs)]);
      const seen = new Set<string>();
      let url = start;
      for (let hop = 0; ; hop++) {
        if (seen.has(url.href)) throw new SummonError('tool-failed', `redirect loop: ${url.href} was reached twice`);
        seen.add(url.href);
        if (hop > 0) {
          const verdict = await net.permit(url.href);
          if (!verdict.allow) throw new SummonError('tool-failed', `permission denied for the redirect to ${url.host}: ${verdict.reason}`);
        }
        const address = await safeAddress(url.hostname, net.names(url.hostname.toLowerCase()));
        const response = await get(url, address, deadline, timeoutMs);
        const status = response.statusCode ?? 0;
        const location = response.headers.location;
        if (status >= 300 && status < 400 && location) {
          response.resume();
          if (hop >= maxRedirects) throw new SummonError('tool-failed', `more than ${maxRedirects} redirects (last: ${url.href})`);
          url = checkUrl(new URL(location, url).href);
          continue;
        }
        const page = await readPage(response, url, maxBytes, deadline, timeoutMs);
        const note = `(fetched ${url.href}${url.href !== start.href ? `, redirected from ${start.href}` : ''}; ${page.bytes.toLocaleString('en-US')} bytes${input.prompt ? `; looking for: ${input.prompt}` : ''})`;
        const output = `${page.title ? `# ${page.title}\n` : ''}${note}\n\n${page.text || '(the page has no readable text)'}`;
        cache.set(key, output);
        return { output };
      }
    },
  });
}

/** http or https, no credentials in it; the error says what to change. */
function checkUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new SummonError('tool-invalid-input', `not a URL: ${text}`, { hint: 'give a full URL such as https://example.com/docs' });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new SummonError('tool-invalid-input', `${url.protocol.replace(/:$/, '')} URLs cannot be fetched: only http and https`);
  if (url.username || url.password) throw new SummonError('tool-invalid-input', 'URLs with credentials in them are refused', { hint: 'fetch the page without user:password@' });
  url.hash = '';
  return url;
}

/** The address to connect to: private and loopback ones only when a rule names the host itself. */
async function safeAddress(host: string, namedByRule: boolean): Promise<LookupAddress> {
  const dns = await import('node:dns');
  const bare = host.replace(/^\[|\]$/g, '');
  let addresses: LookupAddress[];
  try {
    addresses = await dns.promises.lookup(bare, { all: true });
  } catch (error) {
    throw new SummonError('tool-failed', `cannot resolve ${host}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const first = addresses[0];
  if (!first) throw new SummonError('tool-failed', `cannot resolve ${host}`);
  // Every address counts: a name that resolves to a public and a private one is not let through.
  if (!namedByRule && addresses.some((address) => isPrivateAddress(address.address))) {
    throw new SummonError('tool-failed', `${host} resolves to a private or loopback address (${addresses.map((address) => address.address).join(', ')}); refused unless a rule names it`, {
      hint: `allow it explicitly with a net(${host}) rule`,
    });
  }
  return first;
}

export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  const v4 = mapped ?? (/^\d+\.\d+\.\d+\.\d+$/.test(address) ? address : undefined);
  if (v4) {
    const [a = 0, b = 0] = v4.split('.').map(Number);
    return a === 0 || a === 10 || a === 127 || (a === 100 && b >= 64 && b <= 127) || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || a >= 224;
  }
  const lower = address.toLowerCase();
  return lower === '::' || lower === '::1' || /^f[cd]/.test(lower) || /^fe[89ab]/.test(lower);
}

/** One GET, connected to the address that was checked (no second lookup a DNS rebinding could change). */
async function get(url: URL, address: LookupAddress, signal: AbortSignal, timeoutMs: number): Promise<IncomingMessage> {
  const client = url.protocol === 'https:' ? await import('node:https') : await import('node:http');
  return new Promise<IncomingMessage>((resolve, reject) => {
    const request = client.request(
      url,
      {
        method: 'GET',
        signal,
        headers: { 'user-agent': 'summon-web-fetch/1 (+https://www.npmjs.com/package/summon)', accept: 'text/html,text/markdown,text/plain,application/json;q=0.9,*/*;q=0.5', 'accept-encoding': 'gzip, deflate, br' },
        // Node asks for every address (all: true) when it races IPv4 and IPv6; either way, only the checked one.
        lookup: (_host, lookupOptions, callback) => {
          if ((lookupOptions as { all?: boolean }).all) (callback as (error: null, addresses: LookupAddress[]) => void)(null, [address]);
          else (callback as (error: null, address: string, family: number) => void)(null, address.address, address.family);
        },
      },
      resolve,
    );
    request.on('error', (error) => reject(fetchError(error, url, signal, timeoutMs)));
    request.end();
  });
}

async function readPage(response: IncomingMessage, url: URL, maxBytes: number, signal: AbortSignal, timeoutMs: number): Promise<{ title: string; text: string; bytes: number }> {
  const status = response.statusCode ?? 0;
  const type = String(response.headers['content-type'] ?? '').toLowerCase();
  if (status < 200 || status >= 300) {
    response.resume();
    throw new SummonError('tool-failed', `${url.href} answered HTTP ${status}`);
  }
  if (BINARY.test(type)) {
    response.resume();
    throw new SummonError('tool-failed', `${url.href} is ${type.split(';')[0]}, not a page summon reads (PDFs and binaries are refused)`, { hint: 'look for an HTML or text version of it' });
  }
  const encoding = unsupportedEncoding(response);
  if (encoding) {
    response.resume();
    throw new SummonError('tool-failed', `the page is compressed as ${encoding}, which summon cannot read`);
  }
  const body = await collect(decompressed(response), maxBytes, url, signal, timeoutMs);
  const charset = /charset=([^;\s]+)/.exec(type)?.[1]?.replace(/"/g, '') ?? (type.includes('html') ? /<meta[^>]+charset=["']?([\w-]+)/i.exec(body.subarray(0, 4096).toString('latin1'))?.[1] : undefined) ?? 'utf-8';
  let text: string;
  try {
    text = new TextDecoder(charset).decode(body);
  } catch {
    throw new SummonError('tool-failed', `${url.href} is in an encoding summon does not know (${charset})`);
  }
  if (type.includes('html') || (!type && /^\s*<(!doctype|html)/i.test(text))) {
    const { htmlToMarkdown } = await import('./html-markdown.js');
    const page = await htmlToMarkdown(text, url.href);
    return { title: page.title, text: page.markdown, bytes: body.length };
  }
  return { title: '', text: text.trim(), bytes: body.length };
}

function collect(stream: NodeJS.ReadableStream, maxBytes: number, url: URL, signal: AbortSignal, timeoutMs: number): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onAbort = (): void => fail(fetchError(signal.reason, url, signal, timeoutMs));
    const fail = (error: unknown): void => {
      signal.removeEventListener('abort', onAbort);
      (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
      reject(error);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) fail(new SummonError('tool-failed', `${url.href} is larger than ${Math.round(maxBytes / 1_048_576)} MB; refused`, { hint: 'fetch a smaller page, e.g. a raw or text version' }));
      else chunks.push(chunk);
    });
    stream.on('end', () => {
      signal.removeEventListener('abort', onAbort);
      resolve(Buffer.concat(chunks));
    });
    stream.on('error', (error) => fail(fetchError(error, url, signal, timeoutMs)));
  });
}

function fetchError(error: unknown, url: URL, signal: AbortSignal, timeoutMs: number): SummonError {
  if (signal.aborted && (signal.reason as { name?: string } | undefined)?.name === 'TimeoutError') {
    return new SummonError('tool-failed', `${url.host} did not answer within ${timeoutMs / 1000} s`);
  }
  if (signal.aborted) return new SummonError('interrupted', 'interrupted');
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return new SummonError('tool-failed', `fetching ${url.href} failed: ${code ?? (error instanceof Error ? error.message : String(error))}`);
}
