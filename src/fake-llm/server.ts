// The fake LLM HTTP server: routes each request to its wire format, records it, applies the scripted
// delay or fault, and renders the reply as JSON or as a stream.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { anthropic } from './anthropic.js';
import { createPromptCache, promptOf, type CacheOutcome, type PromptCache } from './cache.js';
import { google } from './google.js';
import { openAiChat } from './openai-chat.js';
import { openAiResponses } from './openai-responses.js';
import { pause, untilAborted } from './pause.js';
import { defaultErrorMessage, type ProtocolAdapter } from './protocol.js';
import { resolveReply, wantsStream } from './reply.js';
import { createScriptCursor, type FakeReply, type FakeScript } from './script.js';
import { write, writeSse } from './sse.js';
import type { FakeLlmServer, RecordedRequest } from './types.js';

const ADAPTERS: readonly ProtocolAdapter[] = [openAiChat, openAiResponses, anthropic, google];

export interface StartFakeLlmOptions {
  script: FakeScript;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Defaults to 127.0.0.1. */
  host?: string;
  /**
   * Simulate each provider's prompt caching and report it in the wire's usage fields (see cache.ts);
   * defaults to true. Off: cache markers are ignored, input tokens are an estimate of the whole body
   * and cache figures are 0 unless scripted.
   */
  caching?: boolean;
}

interface ServerState {
  requests: RecordedRequest[];
  nextReply: (request: RecordedRequest) => Promise<FakeReply>;
  closing: AbortSignal;
  cache: PromptCache | undefined;
}

export async function startFakeLlm(options: StartFakeLlmOptions): Promise<FakeLlmServer> {
  const closing = new AbortController();
  const state: ServerState = {
    requests: [],
    nextReply: createScriptCursor(options.script),
    closing: closing.signal,
    cache: options.caching === false ? undefined : createPromptCache(),
  };
  const server = createServer((req, res) => {
    handle(req, res, state).catch(() => res.destroy());
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('fake-llm: server has no TCP address');
  const hostInUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closed: Promise<void> | undefined;
  return {
    url: `http://${hostInUrl}:${address.port}`,
    requests: state.requests,
    close: () => {
      closed ??= new Promise<void>((resolve) => {
        closing.abort();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, state: ServerState): Promise<void> {
  const method = req.method ?? 'GET';
  const path = new URL(req.url ?? '/', 'http://fake-llm').pathname;
  if (method === 'GET' && path === '/healthz') return sendJson(res, 200, { status: 'ok' });
  if (method === 'GET' && path === '/v1/models') return sendJson(res, 200, modelList());
  const adapter = ADAPTERS.find((candidate) => (typeof candidate.path === 'string' ? candidate.path === path : candidate.path.test(path)));
  if (adapter === undefined || method !== 'POST') {
    const speaker = adapter ?? (path.startsWith('/v1beta/') ? google : openAiChat);
    return sendJson(res, 404, speaker.error(404, `fake-llm: no route for ${method} ${path}`));
  }

  const raw = await readBody(req);
  const body = parseJson(raw);
  const record: RecordedRequest = {
    index: state.requests.length,
    protocol: adapter.protocol,
    method,
    path,
    headers: lowerCaseHeaders(req),
    body: body.ok ? body.value : raw,
    stream: adapter.wantsStream ? adapter.wantsStream(path, body.value) : wantsStream(body.value),
    receivedAt: Date.now(),
  };
  state.requests.push(record);
  if (!body.ok) return sendJson(res, 400, adapter.error(400, 'fake-llm: request body is not valid JSON'));
  // The provider rejects bad cache markers before any model runs, so no scripted reply is used up.
  const prompt = state.cache === undefined ? undefined : promptOf(adapter.protocol, body.value, adapter.modelOf?.(path));
  if (prompt?.ok === false) return sendJson(res, prompt.status, adapter.error(prompt.status, prompt.message));

  const signal = requestSignal(res, state.closing);
  const reply = await state.nextReply(record);
  if (reply.delayMs) await pause(reply.delayMs, signal);
  if (signal.aborted) return void res.destroy();

  const fault = reply.fault;
  // Only a request the model works on touches the cache; a cut one has already been read (and written).
  const served = fault === undefined || fault.kind === 'cut';
  let cache: CacheOutcome | undefined;
  if (served && state.cache !== undefined && prompt?.ok === true) {
    cache = state.cache.serve(prompt.prompt);
    record.cache = cache;
  }
  const resolved = resolveReply(reply, record, adapter.toolIdPrefix, adapter.modelOf?.(path), cache);
  const headers: Record<string, string> = { [adapter.requestIdHeader]: `req_fake_${record.index}` };
  if (fault?.kind === 'reset') return void res.destroy();
  if (fault?.kind === 'hang') {
    await untilAborted(signal);
    return void res.destroy();
  }
  if (fault?.kind === 'status') {
    const message = fault.message ?? defaultErrorMessage(fault.status, resolved.model);
    if (fault.retryAfterSec !== undefined) headers['retry-after'] = String(fault.retryAfterSec);
    return sendJson(res, fault.status, adapter.error(fault.status, message), headers);
  }
  const cut = fault?.kind === 'cut';
  if (record.stream) {
    const events = adapter.events(resolved, record.body);
    const cutAfter = cut ? Math.max(1, Math.ceil(events.length / 2)) : undefined;
    return writeSse(res, events, { chunkDelayMs: reply.chunkDelayMs ?? 0, cutAfter, signal, headers });
  }
  const text = JSON.stringify(adapter.json(resolved));
  if (!cut) return sendJson(res, 200, text, headers);
  // A cut JSON reply promises the full length, sends half, then drops the connection.
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  await write(res, text.slice(0, Math.ceil(text.length / 2)));
  res.destroy();
}

/** Aborts when the client goes away or the server closes, whichever comes first. */
function requestSignal(res: ServerResponse, closing: AbortSignal): AbortSignal {
  const controller = new AbortController();
  const abort = (): void => controller.abort();
  closing.addEventListener('abort', abort, { once: true });
  res.once('close', () => {
    closing.removeEventListener('abort', abort);
    abort();
  });
  return controller.signal;
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseJson(raw: string): { ok: true; value: unknown } | { ok: false; value: undefined } {
  try {
    return { ok: true, value: JSON.parse(raw) };
  } catch {
    return { ok: false, value: undefined };
  }
}

function lowerCaseHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

/** One list that satisfies both OpenAI's and Anthropic's model-list shapes. */
function modelList(): unknown {
  const models = ['fake-model', 'fake-reasoning-model'].map((id) => ({
    id,
    object: 'model',
    type: 'model',
    created: 1_700_000_000,
    created_at: '2023-11-14T22:13:20Z',
    owned_by: 'fake-llm',
    display_name: id,
  }));
  return { object: 'list', data: models, has_more: false, first_id: models[0]?.id ?? null, last_id: models.at(-1)?.id ?? null };
}
