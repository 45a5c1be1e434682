// Prometheus metrics of the reward server in the text exposition format (version 0.0.4):
// requests by endpoint and status, verifications by kind and verdict, latency histograms, and
// the limiter's queue depth and in-flight count read at scrape time.

const REQUEST_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];
const VERIFICATION_BUCKETS = [0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

class Histogram {
  readonly counts: number[];
  sum = 0;
  count = 0;

  constructor(readonly buckets: readonly number[]) {
    this.counts = buckets.map(() => 0);
  }

  observe(value: number): void {
    this.sum += value;
    this.count++;
    for (let index = 0; index < this.buckets.length; index++) if (value <= this.buckets[index]!) this.counts[index]!++;
  }
}

export interface LimiterGauges {
  queueDepth: number;
  inFlight: number;
  concurrency: number;
  queueLimit: number;
}

export class RewardMetrics {
  private readonly requests = new Map<string, number>();
  private readonly verifications = new Map<string, number>();
  private readonly requestSeconds = new Map<string, Histogram>();
  private readonly verificationSeconds = new Map<string, Histogram>();

  recordRequest(endpoint: string, status: number, seconds: number): void {
    increment(this.requests, labels({ endpoint, status: String(status) }));
    histogramOf(this.requestSeconds, labels({ endpoint }), REQUEST_BUCKETS).observe(seconds);
  }

  recordVerification(kind: string, verdict: string, seconds: number): void {
    increment(this.verifications, labels({ kind, verdict }));
    histogramOf(this.verificationSeconds, labels({ kind }), VERIFICATION_BUCKETS).observe(seconds);
  }

  render(gauges: LimiterGauges): string {
    const lines: string[] = [];
    counter(lines, 'summon_reward_requests_total', 'HTTP requests by endpoint and status code.', this.requests);
    counter(lines, 'summon_reward_verifications_total', 'Verifications by kind (math, code, run_code) and verdict.', this.verifications);
    gauge(lines, 'summon_reward_queue_depth', 'Verifications waiting for a slot.', gauges.queueDepth);
    gauge(lines, 'summon_reward_in_flight', 'Verifications running now.', gauges.inFlight);
    gauge(lines, 'summon_reward_concurrency_limit', 'Verifications allowed to run at once (--concurrency).', gauges.concurrency);
    gauge(lines, 'summon_reward_queue_limit', 'Waiting verifications beyond which requests get 429 (--queue).', gauges.queueLimit);
    histogram(lines, 'summon_reward_request_duration_seconds', 'Time from request to response, by endpoint.', this.requestSeconds);
    histogram(lines, 'summon_reward_verification_duration_seconds', 'Time of one verification (queue wait excluded), by kind.', this.verificationSeconds);
    return `${lines.join('\n')}\n`;
  }
}

function labels(values: Record<string, string>): string {
  return Object.entries(values)
    .map(([key, value]) => `${key}="${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`)
    .join(',');
}

function increment(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function histogramOf(map: Map<string, Histogram>, key: string, buckets: readonly number[]): Histogram {
  let found = map.get(key);
  if (!found) {
    found = new Histogram(buckets);
    map.set(key, found);
  }
  return found;
}

function counter(lines: string[], name: string, help: string, values: Map<string, number>): void {
  lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} counter`);
  for (const [key, value] of [...values].sort(([a], [b]) => a.localeCompare(b))) lines.push(`${name}{${key}} ${value}`);
}

function gauge(lines: string[], name: string, help: string, value: number): void {
  lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} gauge`, `${name} ${value}`);
}

function histogram(lines: string[], name: string, help: string, values: Map<string, Histogram>): void {
  lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} histogram`);
  for (const [key, data] of [...values].sort(([a], [b]) => a.localeCompare(b))) {
    data.buckets.forEach((bound, index) => lines.push(`${name}_bucket{${key},le="${bound}"} ${data.counts[index]}`));
    lines.push(`${name}_bucket{${key},le="+Inf"} ${data.count}`, `${name}_sum{${key}} ${data.sum}`, `${name}_count{${key}} ${data.count}`);
  }
}
