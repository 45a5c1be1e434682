// Backpressure (429), body limit (413), bearer token (401), /healthz, /metrics, concurrent
// requests and graceful close, with injected fake verifiers over real HTTP on 127.0.0.1.
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { fakeMath, gate, post, startServer } from './helpers.js';

const mathItem = (gold: string) => ({ kind: 'math', gold, prediction: `\\boxed{${gold}}` });

/** A math verifier that holds every call until the gate opens, counting calls and the most at once. */
function slowMath(held: Promise<void>) {
  const stats = { calls: 0, running: 0, most: 0 };
  const verifier = async (prediction: string, gold: string) => {
    stats.calls++;
    stats.running++;
    stats.most = Math.max(stats.most, stats.running);
    await held;
    stats.running--;
    return fakeMath(prediction, gold);
  };
  return { verifier, stats };
}

async function until(condition: () => boolean): Promise<void> {
  for (let tries = 0; !condition(); tries++) {
    if (tries > 400) throw new Error('condition not reached');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('backpressure', () => {
  it('runs at most `concurrency` at once, queues up to `queueLimit`, then answers 429 with Retry-After', async () => {
    const held = gate();
    const { verifier, stats } = slowMath(held.promise);
    const server = await startServer({ concurrency: 2, queueLimit: 1, verifiers: { math: verifier } });
    try {
      const first = post(server, '/v1/verify', { items: [mathItem('1'), mathItem('2')] });
      await until(() => stats.running === 2);
      const second = post(server, '/v1/verify', { items: [mathItem('3')] });
      await until(() => stats.calls === 2);
      // The second request's item waits; the queue (limit 1) is now full.
      const metrics = await (await fetch(`${server.url}/metrics`)).text();
      expect(metrics).toContain('summon_reward_in_flight 2');
      expect(metrics).toContain('summon_reward_queue_depth 1');
      const refused = await post(server, '/v1/verify', { items: [mathItem('4')] });
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(refused.body.error).toMatchObject({ code: 'overloaded' });
      expect((await post(server, '/get_reward', { query: ['\\boxed{1}'], labels: ['1'] })).status).toBe(429);
      held.open();
      expect((await first).body.results).toHaveLength(2);
      expect((await second).body.results).toEqual([{ kind: 'math', correct: true, reward: 1, extracted: '3' }]);
      expect(stats.most).toBe(2);
      // Drained: admitted again.
      expect((await post(server, '/v1/verify', { items: [mathItem('5')] })).status).toBe(200);
      expect(await (await fetch(`${server.url}/metrics`)).text()).toContain('summon_reward_requests_total{endpoint="/v1/verify",status="429"} 1');
    } finally {
      held.open();
      await server.close();
    }
  });

  it('serves many concurrent requests, each answered in its own order', async () => {
    const server = await startServer({ concurrency: 3, queueLimit: 10_000 });
    try {
      const answers = await Promise.all(
        Array.from({ length: 40 }, (_, request) =>
          post(server, '/v1/verify', { items: Array.from({ length: 25 }, (_, index) => ({ id: `${request}-${index}`, ...mathItem(String(request * 100 + index)) })) }),
        ),
      );
      answers.forEach((answer, request) => {
        expect(answer.status).toBe(200);
        const results = answer.body.results as Array<{ id: string; extracted: string }>;
        expect(results.map((result) => result.id)).toEqual(Array.from({ length: 25 }, (_, index) => `${request}-${index}`));
        expect(results.every((result, index) => result.extracted === String(request * 100 + index))).toBe(true);
      });
    } finally {
      await server.close();
    }
  });

  it('drops the queued work of a client that went away', async () => {
    const held = gate();
    const { verifier, stats } = slowMath(held.promise);
    const server = await startServer({ concurrency: 1, queueLimit: 100, verifiers: { math: verifier } });
    try {
      const controller = new AbortController();
      const gone = fetch(`${server.url}/v1/verify`, { method: 'POST', body: JSON.stringify({ items: [mathItem('1'), mathItem('2'), mathItem('3')] }), signal: controller.signal });
      await until(() => stats.calls === 1);
      controller.abort();
      await expect(gone).rejects.toThrow();
      let depth = -1;
      for (let tries = 0; depth !== 0 && tries < 200; tries++) {
        depth = ((await (await fetch(`${server.url}/healthz`)).json()) as { queue_depth: number }).queue_depth;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      expect(depth).toBe(0);
      held.open();
      expect((await post(server, '/v1/verify', { items: [mathItem('9')] })).status).toBe(200);
      expect(stats.calls).toBe(2); // the aborted request's two queued items never ran
    } finally {
      held.open();
      await server.close();
    }
  });
});

describe('limits and auth', () => {
  it('answers 413 for a body over the limit, declared or streamed', async () => {
    const server = await startServer({ maxBodyBytes: 1000 });
    try {
      const declared = await post(server, '/v1/verify', { items: [{ kind: 'math', gold: 'x'.repeat(2000), prediction: 'x' }] });
      expect(declared.status).toBe(413);
      expect(declared.body.error).toMatchObject({ code: 'body-too-large' });
      // Chunked, without content-length: refused once the limit is passed.
      const streamed = await new Promise<number>((resolve, reject) => {
        const req = request(`${server.url}/v1/verify`, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.write(`{"items":[{"kind":"math","gold":"${'y'.repeat(1500)}`);
        req.end('","prediction":"x"}]}');
      });
      expect(streamed).toBe(413);
      expect((await post(server, '/v1/verify', { items: [mathItem('1')] })).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('requires the bearer token everywhere but /healthz', async () => {
    const server = await startServer({ token: 's3cret-token' });
    try {
      const missing = await post(server, '/v1/verify', { items: [mathItem('1')] });
      expect(missing.status).toBe(401);
      expect(missing.headers.get('www-authenticate')).toBe('Bearer');
      expect((await post(server, '/get_reward', { query: ['x'], labels: ['1'] }, { authorization: 'Bearer s3cret-tokeN' })).status).toBe(401);
      expect((await post(server, '/run_code', { code: 'x', language: 'python' }, { authorization: 's3cret-token' })).status).toBe(401);
      expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
      expect((await post(server, '/v1/verify', { items: [mathItem('1')] }, { authorization: 'Bearer s3cret-token' })).status).toBe(200);
      expect((await fetch(`${server.url}/metrics`, { headers: { authorization: 'bearer s3cret-token' } })).status).toBe(200);
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('refuses bad options with a usage error', async () => {
    await expect(startServer({ concurrency: 0 })).rejects.toMatchObject({ code: 'usage' });
    const first = await startServer();
    try {
      await expect(startServer({ port: Number(new URL(first.url).port) })).rejects.toMatchObject({ code: 'usage', message: expect.stringContaining('EADDRINUSE') });
    } finally {
      await first.close();
    }
  });
});

describe('/healthz and /metrics', () => {
  it('reports health, and metrics in the Prometheus text format', async () => {
    const server = await startServer();
    try {
      const health = await fetch(`${server.url}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok', in_flight: 0, queue_depth: 0 });
      await post(server, '/v1/verify', { items: [mathItem('1'), { kind: 'math', gold: '2', prediction: 'none' }, { kind: 'code', language: 'python', program: 'PASS', tests: [{ assert: 'x' }] }] });
      await post(server, '/v1/verify', { nope: true });
      const response = await fetch(`${server.url}/metrics`);
      expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
      const text = await response.text();
      expect(text).toContain('# TYPE summon_reward_requests_total counter');
      expect(text).toContain('summon_reward_requests_total{endpoint="/v1/verify",status="200"} 1');
      expect(text).toContain('summon_reward_requests_total{endpoint="/v1/verify",status="400"} 1');
      expect(text).toContain('summon_reward_requests_total{endpoint="/healthz",status="200"} 1');
      expect(text).toContain('summon_reward_verifications_total{kind="math",verdict="correct"} 1');
      expect(text).toContain('summon_reward_verifications_total{kind="math",verdict="wrong"} 1');
      expect(text).toContain('summon_reward_verifications_total{kind="code",verdict="pass"} 1');
      expect(text).toContain('# TYPE summon_reward_request_duration_seconds histogram');
      expect(text).toMatch(/summon_reward_request_duration_seconds_bucket\{endpoint="\/v1\/verify",le="\+Inf"\} 2/);
      expect(text).toMatch(/summon_reward_request_duration_seconds_count\{endpoint="\/v1\/verify"\} 2/);
      expect(text).toContain('summon_reward_queue_depth 0');
      expect(text).toContain('summon_reward_in_flight 0');
      // Every sample line is `name{labels} number` or `name number`.
      for (const line of text.trim().split('\n').filter((sample) => !sample.startsWith('#'))) expect(line).toMatch(/^[a-z_]+(\{[^}]*\})? [0-9.e+-]+$/);
    } finally {
      await server.close();
    }
  });
});

describe('graceful close', () => {
  it('finishes running requests, refuses new ones, and resolves when done', async () => {
    const held = gate();
    const { verifier, stats } = slowMath(held.promise);
    const server = await startServer({ verifiers: { math: verifier } });
    const running = post(server, '/v1/verify', { items: [mathItem('1')] });
    await until(() => stats.calls === 1);
    const closed = server.close();
    let done = false;
    void closed.then(() => (done = true));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(done).toBe(false);
    held.open();
    const answer = await running;
    expect(answer.status).toBe(200);
    expect(answer.headers.get('connection')).toBe('close');
    await closed;
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  });

  it('aborts work still running after the grace period', async () => {
    const never = gate();
    const server = await startServer({ closeGraceMs: 50, verifiers: { math: async (prediction, gold) => { await never.promise; return fakeMath(prediction, gold); } } });
    const running = post(server, '/v1/verify', { items: [mathItem('1')] }).catch(() => 'connection closed');
    await new Promise((resolve) => setTimeout(resolve, 20));
    await server.close();
    expect(await running).toBe('connection closed');
  });
});
