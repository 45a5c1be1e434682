// `summon serve rewards`: runs the reward server (summon's verifiers over HTTP for RL trainers)
// until SIGINT/SIGTERM, then closes it gracefully.
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { SummonError } from '../core/errors.js';
import { createRewardServer, REWARD_ENDPOINTS } from '../verify/server/index.js';
import type { CliIo } from './io.js';

export const HELP = `summon serve rewards [--host 127.0.0.1] [--port 8700] [--token TOKEN] [--concurrency N] [--queue N] [--max-body-mb N]

Serves summon's verifiers over HTTP for RL trainers (TRL, OpenRLHF, verl). Stateless: run N
replicas behind any load balancer next to the trainer. Runs until Ctrl-C / SIGTERM, then lets
running requests finish.

  POST /v1/verify       native batch: {"items": [{"kind": "math", "gold", "prediction"} |
                        {"kind": "code", "language", "program", "tests", …}]} → {"results"}
  POST /get_reward      OpenRLHF remote reward: {"query", "prompts", "labels"} → {"rewards", "scores", "extra_logs"}
  POST /run_code        SandboxFusion-compatible code runner (verl: sandbox_fusion.url)
  POST /compute_score   verl custom reward: {"data_source", "solution_str", "ground_truth"} → {"score"}
  GET  /healthz         health check (no token needed; 503 while shutting down)
  GET  /metrics         Prometheus metrics

  --host HOST           address to listen on (default 127.0.0.1; 0.0.0.0 for other machines)
  --port PORT           port (default 8700; 0 picks a free one)
  --token TOKEN         require "Authorization: Bearer TOKEN" (default: $SUMMON_REWARD_TOKEN, else none)
  --concurrency N       verifications running at once (default: the number of CPUs)
  --queue N             verifications allowed to wait; past that, 429 with Retry-After (default 1024)
  --max-body-mb N       largest request body in MB; larger gets 413 (default 32)
  -h, --help            print this help

Examples:
  summon serve rewards
  SUMMON_REWARD_TOKEN=s3cret summon serve rewards --host 0.0.0.0 --port 8700 --concurrency 8
  curl -s localhost:8700/v1/verify -d '{"items":[{"kind":"math","gold":"1/2","prediction":"\\\\boxed{0.5}"}]}'
Trainer set-up (TRL, OpenRLHF, verl): docs/reward-server.md`;

const SERVICES = ['rewards'] as const;
const MB = 1024 * 1024;

export async function run(argv: string[], io: CliIo, options: { stop?: AbortSignal } = {}): Promise<number> {
  const [service, ...rest] = argv;
  if (service === '--help' || service === '-h' || service === 'help') {
    io.stdout(`${HELP}\n`);
    return 0;
  }
  if (service === undefined || !(SERVICES as readonly string[]).includes(service)) {
    throw new SummonError('usage', service === undefined ? 'summon serve needs a service' : `unknown service "${service}"`, {
      hint: `services: ${SERVICES.join(', ')} (e.g. summon serve rewards --port 8700)`,
    });
  }
  let values;
  try {
    ({ values } = parseArgs({
      args: rest,
      options: {
        host: { type: 'string' },
        port: { type: 'string' },
        token: { type: 'string' },
        concurrency: { type: 'string' },
        queue: { type: 'string' },
        'max-body-mb': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new SummonError('usage', (error as Error).message.replace(/\. To specify a positional.*$/s, ''), { hint: 'run `summon serve rewards --help` for the flags' });
  }
  if (values.help) {
    io.stdout(`${HELP}\n`);
    return 0;
  }
  const token = values.token ?? (io.env.SUMMON_REWARD_TOKEN || undefined);
  const server = await createRewardServer({
    host: values.host ?? '127.0.0.1',
    port: integer('--port', values.port, 8700, 0, 65_535),
    ...(token === undefined ? {} : { token }),
    concurrency: integer('--concurrency', values.concurrency, availableParallelism(), 1, 4096),
    queueLimit: integer('--queue', values.queue, 1024, 0, 1_000_000),
    maxBodyBytes: Math.round(positive('--max-body-mb', values['max-body-mb'], 32) * MB),
  });
  io.stderr(`summon reward server listening on ${server.url}${token === undefined ? ' (no token: anyone who can reach it may use it)' : ' (bearer token required)'}\n`);
  for (const endpoint of REWARD_ENDPOINTS) io.stderr(`  ${endpoint.method.padEnd(4)} ${server.url}${endpoint.path.padEnd(15)} ${endpoint.what}\n`);
  io.stderr('Ctrl-C to stop\n');

  await new Promise<void>((resolve) => {
    const done = (): void => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      options.stop?.removeEventListener('abort', done);
      resolve();
    };
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
    if (options.stop?.aborted) done();
    else options.stop?.addEventListener('abort', done, { once: true });
  });
  io.stderr('summon reward server: stopping (letting running requests finish)…\n');
  await server.close();
  io.stderr('summon reward server: stopped\n');
  return 0;
}

function integer(flag: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new SummonError('usage', `${flag} "${raw}" is not a whole number from ${min} to ${max}`, { hint: `e.g. ${flag} ${fallback}` });
  return value;
}

function positive(flag: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new SummonError('usage', `${flag} "${raw}" is not a positive number`, { hint: `e.g. ${flag} ${fallback}` });
  return value;
}
