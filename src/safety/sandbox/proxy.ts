// The sandbox's only way out in allow mode: an HTTP forward proxy (CONNECT tunnels for HTTPS, absolute
// URLs for plain HTTP) on a unix socket in a private folder, deciding each request by its host.
import { rmSync, promises as fs } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import { SummonError } from '../../core/errors.js';
import { matchDomain, normalizeHost } from './domain-glob.js';

/** Opens the connection to an allowed host; resolves once it is connected. Tests map names to loopback servers. */
export type UpstreamConnect = (host: string, port: number) => Promise<Duplex>;

export interface ProxyDecision {
  host: string;
  port: number;
  /** `CONNECT` for a tunnel (HTTPS), else the HTTP method of a plain request. */
  method: string;
  allowed: boolean;
  /** The glob that allowed the host, when one did. */
  rule?: string;
  reason: string;
}

export interface NetworkProxyOptions {
  /** Allowed domain globs; a function is read at every request (grants made during a run count at once). */
  domains: readonly string[] | (() => readonly string[]);
  connect?: UpstreamConnect;
  /** Every decision, allowed or refused (e.g. to emit events). */
  onDecision?: (decision: ProxyDecision) => void;
  /** Asked about a host no glob covers (interactive runs); without it such hosts are refused. */
  askUnlisted?: (request: { host: string; port: number; method: string }) => Promise<boolean>;
  /** Folder the proxy's private folder is made in (default: the system temp folder). */
  parentDir?: string;
}

export interface NetworkProxy {
  /** The unix socket the proxy listens on, inside a folder only this user can enter. */
  socketPath: string;
  close(): Promise<void>;
}

const CONNECT_TIMEOUT_MS = 15_000;
const HOST_NAME = /^[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*$/;
/** Headers meant for the proxy or for one hop only; never forwarded. */
const HOP_HEADERS = new Set(['proxy-connection', 'proxy-authorization', 'proxy-authenticate', 'connection', 'keep-alive', 'te', 'trailer', 'transfer-encoding', 'upgrade']);

/** Private folders of live proxies, removed if the process ends without close(). */
const liveDirs = new Set<string>();
let exitHook = false;

export async function startNetworkProxy(options: NetworkProxyOptions): Promise<NetworkProxy> {
  const dir = await fs.mkdtemp(path.join(options.parentDir ?? os.tmpdir(), 'summon-proxy-'));
  await fs.chmod(dir, 0o700);
  const socketPath = path.join(dir, 'proxy.sock');
  const connect = options.connect ?? connectTcp;
  const sockets = new Set<Duplex>();
  const track = (socket: Duplex): void => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };

  const decide = async (host: string, port: number, method: string): Promise<ProxyDecision> => {
    const globs = typeof options.domains === 'function' ? options.domains() : options.domains;
    const rule = matchDomain(host, globs);
    let decision: ProxyDecision;
    if (rule !== undefined) decision = { host, port, method, allowed: true, rule, reason: `allowed by "${rule}"` };
    else if (options.askUnlisted && (await options.askUnlisted({ host, port, method }).catch(() => false))) {
      decision = { host, port, method, allowed: true, reason: 'approved by the user' };
    } else decision = { host, port, method, allowed: false, reason: `${host} is not in the network allow-list` };
    options.onDecision?.(decision);
    return decision;
  };

  const server = http.createServer();
  server.on('connection', track);
  server.on('request', (request: http.IncomingMessage, response: http.ServerResponse) => {
    void forward(request, response, decide, connect, track);
  });
  server.on('connect', (request: http.IncomingMessage, client: Duplex, head: Buffer) => {
    void tunnel(request, client, head, decide, connect, track);
  });
  // WebSocket upgrades through a plain-HTTP proxy are not supported: refuse rather than hang.
  server.on('upgrade', (_request: http.IncomingMessage, client: Duplex) => client.end(reply(501, 'summon: protocol upgrades are not supported by the sandbox proxy\n')));
  server.on('clientError', (_error, socket: Duplex) => {
    if (socket.writable) socket.end(reply(400, 'summon: the sandbox proxy could not parse the request\n'));
    else socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => {
      server.off('error', reject);
      resolve();
    });
  }).catch(async (error: unknown) => {
    await fs.rm(dir, { recursive: true, force: true });
    throw new SummonError('tool-failed', `could not start the sandbox's network proxy: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  });
  // The proxy serves commands that are running; it never keeps the process alive on its own.
  server.unref();
  liveDirs.add(dir);
  if (!exitHook) {
    exitHook = true;
    process.once('exit', () => {
      for (const live of liveDirs) rmSync(live, { recursive: true, force: true });
    });
  }

  let closing: Promise<void> | undefined;
  return {
    socketPath,
    close: () => {
      closing ??= (async () => {
        for (const socket of sockets) socket.destroy();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        liveDirs.delete(dir);
        await fs.rm(dir, { recursive: true, force: true });
      })();
      return closing;
    },
  };
}

type Decide = (host: string, port: number, method: string) => Promise<ProxyDecision>;

/** A CONNECT tunnel: `CONNECT host:port`, then bytes both ways once the host is allowed and reached. */
async function tunnel(request: http.IncomingMessage, client: Duplex, head: Buffer, decide: Decide, connect: UpstreamConnect, track: (socket: Duplex) => void): Promise<void> {
  client.on('error', () => undefined);
  const target = parseAuthority(request.url ?? '');
  if (!target) {
    client.end(reply(400, `summon: the sandbox proxy expects CONNECT host:port, got "${request.url ?? ''}"\n`));
    return;
  }
  const decision = await decide(target.host, target.port, 'CONNECT');
  if (!decision.allowed) {
    client.end(reply(403, deniedBody(target.host)));
    return;
  }
  let upstream: Duplex;
  try {
    upstream = await connect(target.host, target.port);
  } catch (error) {
    client.end(reply(502, `summon: the sandbox proxy could not reach ${target.host}:${target.port}: ${errorText(error)}\n`));
    return;
  }
  track(upstream);
  upstream.on('error', () => client.destroy());
  client.on('error', () => upstream.destroy());
  client.on('close', () => upstream.destroy());
  upstream.on('close', () => client.destroy());
  client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
  if (head.length > 0) upstream.write(head);
  client.pipe(upstream);
  upstream.pipe(client);
}

/** A plain-HTTP request in absolute form (`GET http://host/path`): sent on to the host when it is allowed. */
async function forward(request: http.IncomingMessage, response: http.ServerResponse, decide: Decide, connect: UpstreamConnect, track: (socket: Duplex) => void): Promise<void> {
  const url = parseUrl(request.url ?? '');
  if (!url) {
    sendText(response, 400, `summon: the sandbox proxy only forwards absolute http:// URLs (use CONNECT for https), got "${request.url ?? ''}"\n`);
    return;
  }
  const host = normalizeHost(url.hostname);
  const port = url.port === '' ? 80 : Number(url.port);
  const decision = await decide(host, port, request.method ?? 'GET');
  if (!decision.allowed) {
    sendText(response, 403, deniedBody(host));
    return;
  }
  let upstream: Duplex;
  try {
    upstream = await connect(host, port);
  } catch (error) {
    sendText(response, 502, `summon: the sandbox proxy could not reach ${host}:${port}: ${errorText(error)}\n`);
    return;
  }
  track(upstream);
  const headers: http.OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(request.headers)) if (!HOP_HEADERS.has(name) && value !== undefined) headers[name] = value;
  // The Host header must name the host that was checked, or one allowed address could serve any site.
  headers.host = url.host;
  headers.connection = 'close';
  const outgoing = http.request({ method: request.method, path: `${url.pathname}${url.search}`, headers, createConnection: () => upstream as net.Socket });
  outgoing.on('response', (incoming) => {
    const back: http.OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(incoming.headers)) if (!HOP_HEADERS.has(name) && value !== undefined) back[name] = value;
    response.writeHead(incoming.statusCode ?? 502, incoming.statusMessage, back);
    incoming.pipe(response);
  });
  outgoing.on('error', (error) => {
    if (!response.headersSent) sendText(response, 502, `summon: the sandbox proxy lost ${host}:${port}: ${errorText(error)}\n`);
    else response.destroy();
  });
  request.pipe(outgoing);
}

/** Text of a refusal: which host, and how the user allows it. */
export function deniedBody(host: string): string {
  const labels = host.split('.');
  const wider = net.isIP(host) === 0 && labels.length > 2 ? ` (or "net(*.${labels.slice(-2).join('.')})" for all its subdomains)` : '';
  return (
    `summon: network access to "${host}" is blocked by the sandbox: it is not in the allow-list.\n` +
    `To allow it, run with --allow-net ${host} (summon sandbox exec), or add a "net(${host})" rule to permissions.allow${wider}.\n`
  );
}

function parseAuthority(authority: string): { host: string; port: number } | undefined {
  const match = /^(\[[0-9a-f:.]+\]|[^:[\]/@\s]+):(\d{1,5})$/i.exec(authority);
  if (!match?.[1] || !match[2]) return undefined;
  const port = Number(match[2]);
  const host = normalizeHost(match[1]);
  return port > 0 && port < 65_536 && validHost(host) ? { host, port } : undefined;
}

function parseUrl(text: string): URL | undefined {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' && url.username === '' && validHost(normalizeHost(url.hostname)) ? url : undefined;
  } catch {
    return undefined;
  }
}

function validHost(host: string): boolean {
  return net.isIP(host) !== 0 || (host.length <= 253 && HOST_NAME.test(host));
}

function connectTcp(host: string, port: number): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    socket.setTimeout(CONNECT_TIMEOUT_MS, () => socket.destroy(new Error('timed out')));
    socket.once('connect', () => {
      socket.setTimeout(0);
      socket.off('error', reject);
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

function reply(status: number, body: string): string {
  return `HTTP/1.1 ${status} ${http.STATUS_CODES[status] ?? ''}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nX-Summon-Proxy: refused\r\nConnection: close\r\n\r\n${body}`;
}

function sendText(response: http.ServerResponse, status: number, body: string): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(body), 'x-summon-proxy': 'refused', connection: 'close' });
  response.end(body);
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
