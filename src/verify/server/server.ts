// The reward server: summon's verifiers over HTTP for RL trainers. Stateless, so N replicas can
// sit behind any load balancer. Routes, auth, limits, metrics and graceful close live here; each
// endpoint's protocol lives in its own file.
import { setMaxListeners } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SummonError, isSummonError } from '../../core/errors.js';
import { warmUpMathVerifier } from '../math/index.js';
import { handleComputeScore } from './compute-score-endpoint.js';
import { bearerMatches, HttpError, readJsonBody, send, sendJson } from './http.js';
import { WorkLimiter } from './limiter.js';
import { RewardMetrics } from './metrics.js';
import { handleVerify } from './native-endpoint.js';
import { handleGetReward } from './openrlhf-endpoint.js';
import { checkOptions, type RewardServerOptions } from './options.js';
import { resolveVerifiers } from './ports.js';
import { handleRunCode } from './sandbox-fusion-endpoint.js';
import type { WorkContext } from './work.js';

export interface RewardServer {
  /** e.g. http://127.0.0.1:8700 */
  url: string;
  /** Stops taking requests, lets running ones finish (up to closeGraceMs), then resolves. */
  close(): Promise<void>;
}

type PostHandler = (body: unknown, context: WorkContext) => Promise<unknown>;

const POST_ROUTES: Readonly<Record<string, PostHandler>> = {
  '/v1/verify': handleVerify,
  '/get_reward': handleGetReward,
  '/run_code': handleRunCode,
  '/compute_score': handleComputeScore,
};

export const REWARD_ENDPOINTS: ReadonlyArray<{ method: 'GET' | 'POST'; path: string; what: string }> = [
  { method: 'POST', path: '/v1/verify', what: 'native batch: {items: [{kind: "math"|"code", …}]} → {results}' },
  { method: 'POST', path: '/get_reward', what: 'OpenRLHF remote reward: {query, prompts, labels} → {rewards, scores, extra_logs}' },
  { method: 'POST', path: '/run_code', what: 'SandboxFusion run_code (verl sandbox_fusion.url)' },
  { method: 'POST', path: '/compute_score', what: 'verl custom reward: {data_source, solution_str, ground_truth} → {score}' },
  { method: 'GET', path: '/healthz', what: 'health check (no token needed)' },
  { method: 'GET', path: '/metrics', what: 'Prometheus metrics' },
];

const DEFAULT_CLOSE_GRACE_MS = 30_000;
/** nginx's status for a request whose client went away before the answer. */
const CLIENT_CLOSED = 499;
/** Longer than common load balancers' idle timeouts (60 s), so they close idle connections, not us. */
const KEEP_ALIVE_MS = 65_000;

export async function createRewardServer(options: RewardServerOptions): Promise<RewardServer> {
  const settings = checkOptions(options);
  const verifiers = resolveVerifiers(options.verifiers);
  if (settings.warmUp ?? options.verifiers?.math === undefined) warmUpMathVerifier();
  const limiter = new WorkLimiter(settings.concurrency, settings.queueLimit);
  const metrics = new RewardMetrics();
  const stopping = new AbortController();
  // Every request listens to `stopping`, and every queued item of a request to the request's signal.
  setMaxListeners(0, stopping.signal);
  let closing = false;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const started = performance.now();
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const known = path in POST_ROUTES || path === '/healthz' || path === '/metrics';
    const client = new AbortController();
    const onClose = (): void => {
      if (!res.writableFinished) client.abort();
    };
    res.on('close', onClose);
    const signal = AbortSignal.any([client.signal, stopping.signal]);
    setMaxListeners(0, signal);
    let status = 500;
    try {
      const extraHeaders: Record<string, string> = closing ? { connection: 'close' } : {};
      if (path === '/healthz' && req.method === 'GET') {
        status = closing ? 503 : 200;
        sendJson(res, status, { status: closing ? 'closing' : 'ok', in_flight: limiter.inFlight, queue_depth: limiter.waiting }, extraHeaders);
        return;
      }
      if (!known) throw new HttpError(404, 'not-found', `no endpoint ${path}`, { hint: `endpoints: ${REWARD_ENDPOINTS.map((endpoint) => `${endpoint.method} ${endpoint.path}`).join(', ')}` });
      const method = path === '/metrics' ? 'GET' : 'POST';
      if (req.method !== method) throw new HttpError(405, 'method-not-allowed', `${path} takes ${method}, not ${req.method ?? '?'}`, { headers: { allow: method } });
      if (settings.token !== undefined && !bearerMatches(req.headers.authorization, settings.token)) {
        throw new HttpError(401, 'unauthorized', 'missing or wrong bearer token', { hint: 'send Authorization: Bearer TOKEN (the --token the server was started with)', headers: { 'www-authenticate': 'Bearer' } });
      }
      if (path === '/metrics') {
        status = 200;
        send(res, 200, metrics.render({ queueDepth: limiter.waiting, inFlight: limiter.inFlight, concurrency: limiter.concurrency, queueLimit: limiter.queueLimit }), 'text/plain; version=0.0.4; charset=utf-8', extraHeaders);
        return;
      }
      if (closing) throw new HttpError(503, 'closing', 'the reward server is shutting down', { hint: 'retry on another replica', headers: { 'retry-after': '1' } });
      const body = await readJsonBody(req, settings.maxBodyBytes);
      const result = await POST_ROUTES[path]!(body, { verifiers, limiter, metrics, signal });
      status = 200;
      sendJson(res, 200, result, closing ? { connection: 'close' } : {});
    } catch (error) {
      if (client.signal.aborted) {
        status = CLIENT_CLOSED; // the client is gone: nobody to answer
        return;
      }
      const failure = asHttpError(error);
      status = failure.status;
      if (!res.headersSent) sendJson(res, failure.status, failure.toJSON(), { ...failure.headers, ...(closing ? { connection: 'close' } : {}) });
    } finally {
      res.off('close', onClose);
      metrics.recordRequest(known ? path : 'other', status, (performance.now() - started) / 1000);
    }
  };

  const server = createServer({ keepAliveTimeout: KEEP_ALIVE_MS }, (req, res) => void handle(req, res));
  await listen(server, settings.host, settings.port);
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  let closed: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closed ??= new Promise<void>((resolve) => {
      closing = true;
      const grace = setTimeout(() => {
        stopping.abort();
        server.closeAllConnections();
      }, settings.closeGraceMs ?? DEFAULT_CLOSE_GRACE_MS);
      grace.unref();
      server.close(() => {
        clearTimeout(grace);
        resolve();
      });
      // Connections still serving a request close after their response, which says connection: close.
      server.closeIdleConnections();
    });
    return closed;
  };

  return { url: `http://${host}:${address.port}`, close };
}

function listen(server: ReturnType<typeof createServer>, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      const hint = error.code === 'EADDRINUSE' ? 'pick another --port, or stop the process using it' : error.code === 'EACCES' ? 'ports below 1024 need privileges: use a port such as 8700' : 'check --host and --port';
      reject(new SummonError('usage', `cannot listen on ${host}:${port}: ${error.code ?? error.message}`, { hint, cause: error }));
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

function asHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  if (isSummonError(error)) {
    if (error.code === 'interrupted') return new HttpError(503, 'interrupted', error.message, { hint: 'the server is shutting down; retry on another replica' });
    // The verifier could not run at all (no sandbox here): the trainer should retry elsewhere, not get reward 0.
    return new HttpError(503, 'verifier-unavailable', error.message, error.hint ? { hint: error.hint } : {});
  }
  return new HttpError(500, 'internal', error instanceof Error ? error.message : String(error));
}
