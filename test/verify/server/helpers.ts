// Shared by the reward-server tests: a server on 127.0.0.1:0 with fake verifiers, and a JSON poster.
import type { CodeCase, CodeResult } from '../../../src/verify/code/index.js';
import { createRewardServer, type ProgramResult, type ProgramRun, type RewardServer, type RewardServerOptions, type RewardVerifiers } from '../../../src/verify/server/index.js';

/** Judges like the real verifier for simple cases: the last \boxed{…} must equal the gold text. */
export function fakeMath(prediction: string, gold: string): { correct: boolean; reward: number; extracted: string } {
  const extracted = [...prediction.matchAll(/\\boxed\{([^}]*)\}/g)].at(-1)?.[1] ?? '';
  const correct = extracted !== '' && extracted === gold;
  return { correct, reward: correct ? 1 : 0, extracted };
}

/** Passes a case when its program contains "PASS"; records every case it was given. */
export function fakeCode(seen: CodeCase[] = []): (input: CodeCase) => Promise<CodeResult> {
  return async (input) => {
    seen.push(input);
    const verdict = input.program.includes('PASS') ? 'pass' : input.program.includes('LOOP') ? 'timeout' : 'fail';
    const test = { verdict, stdout: `ran ${input.language}\n`, stderr: '', elapsed_ms: 3 } as const;
    return { verdict, reward: verdict === 'pass' ? 1 : 0, stdout: test.stdout, elapsed_ms: 3, tests: [test] };
  };
}

/**
 * Runs a program like a stand-in interpreter: "LOOP" times out, "ESCAPE" is blocked, "BROKEN" is a
 * sandbox error, "EXIT n" exits n, anything else exits 0 echoing stdin; records every run it was given.
 */
export function fakeProgram(seen: ProgramRun[] = []): (run: ProgramRun) => Promise<ProgramResult> {
  return async (run) => {
    seen.push(run);
    const base = { stdout: `ran ${run.language}: ${run.stdin}\n`, stderr: '', elapsedMs: 3 };
    if (run.program.includes('LOOP')) return { ...base, outcome: 'timeout', exitCode: null };
    if (run.program.includes('ESCAPE')) return { ...base, stderr: 'partial', outcome: 'blocked', exitCode: 159 };
    if (run.program.includes('BROKEN')) return { ...base, stderr: 'the sandbox fell over\n', outcome: 'error', exitCode: null };
    const exit = /EXIT (\d+)/.exec(run.program);
    return { ...base, outcome: 'exited', exitCode: exit ? Number(exit[1]) : 0, ...(exit ? { stderr: 'bye\n' } : {}) };
  };
}

export async function startServer(options: Partial<RewardServerOptions> & { verifiers?: RewardVerifiers } = {}): Promise<RewardServer> {
  return createRewardServer({
    host: '127.0.0.1',
    port: 0,
    concurrency: 4,
    queueLimit: 64,
    maxBodyBytes: 1024 * 1024,
    verifiers: { math: fakeMath, code: fakeCode(), program: fakeProgram() },
    ...options,
  });
}

export interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

export async function post(server: RewardServer, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
}

/** A promise with its resolver, to hold a fake verifier until the test lets it go. */
export function gate(): { promise: Promise<void>; open: () => void } {
  let open: () => void = () => undefined;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}
