// The server with its real verifiers: the math CAS and the bubblewrap sandbox behind each endpoint.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRewardServer, type RewardServer } from '../../../src/verify/server/index.js';
import { post } from './helpers.js';

let server: RewardServer;

beforeAll(async () => {
  server = await createRewardServer({ host: '127.0.0.1', port: 0, concurrency: 2, queueLimit: 64, maxBodyBytes: 1024 * 1024 });
});
afterAll(() => server.close());

describe('reward server with the real verifiers', () => {
  it('judges math and runs code in the sandbox', async () => {
    const answer = await post(server, '/v1/verify', {
      items: [
        { id: 1, kind: 'math', gold: '\\frac{1}{2}', prediction: 'so the answer is \\boxed{0.5}' },
        { id: 2, kind: 'code', language: 'python', program: 'print(int(input()) * 2)', tests: [{ stdin: '21', expected_stdout: '42' }] },
        { id: 3, kind: 'code', language: 'python', program: 'import os\nos.system("id")', tests: [{ stdin: '', expected_stdout: '' }] },
      ],
    });
    expect(answer.body.results).toMatchObject([
      { id: 1, correct: true, reward: 1, extracted: '0.5' },
      { id: 2, verdict: 'pass', reward: 1, stdout: '42\n' },
      { id: 3, verdict: 'blocked', reward: 0 },
    ]);
  });

  it('runs SandboxFusion requests: output, exit status, time limit, escape', async () => {
    const ok = await post(server, '/run_code', { code: 'import sys\ndata = sys.stdin.read()\nprint(data.upper())\nprint("warn", file=sys.stderr)', language: 'python', stdin: 'abc', run_timeout: 5 });
    expect(ok.body).toMatchObject({ status: 'Success', run_result: { status: 'Finished', return_code: 0, stdout: 'ABC\n', stderr: 'warn\n' } });
    expect((await post(server, '/run_code', { code: 'process.exit(3)', language: 'nodejs' })).body).toMatchObject({ status: 'Failed', run_result: { status: 'Finished', return_code: 3 } });
    expect((await post(server, '/run_code', { code: 'import sys\nprint("out")\nsys.exit(7)', language: 'python' })).body).toMatchObject({ status: 'Failed', run_result: { status: 'Finished', return_code: 7, stdout: 'out\n' } });
    expect((await post(server, '/run_code', { code: 'while True:\n    pass', language: 'python', run_timeout: 0.5 })).body).toMatchObject({ status: 'Failed', run_result: { status: 'TimeLimitExceeded' } });
    expect((await post(server, '/run_code', { code: 'import socket\nsocket.create_connection(("127.0.0.1", 22))', language: 'python' })).body).toMatchObject({ status: 'Failed', run_result: { status: 'Finished', return_code: 159 } });
  });

  it('returns stdout past the old 10,000-character clip, up to the 1 MB cap', async () => {
    const big = await post(server, '/run_code', { code: 'import sys\nsys.stdout.write("x" * 50000)', language: 'python' });
    expect(big.body).toMatchObject({ status: 'Success', run_result: { status: 'Finished', return_code: 0 } });
    expect((big.body.run_result as { stdout: string }).stdout).toBe('x'.repeat(50_000));
    const huge = await post(server, '/run_code', { code: 'process.stdout.write("y".repeat(1_500_000))', language: 'nodejs' });
    expect(huge.body).toMatchObject({ status: 'Success', run_result: { status: 'Finished', return_code: 0 } });
    expect((huge.body.run_result as { stdout: string }).stdout).toBe('y'.repeat(1024 * 1024));
  });

  it('scores OpenRLHF and verl requests', async () => {
    const reward = await post(server, '/get_reward', { query: ['<|user|>What is 2+2?<|assistant|>It is $\\boxed{4}$.'], prompts: ['<|user|>What is 2+2?<|assistant|>'], labels: ['4'] });
    expect(reward.body).toMatchObject({ rewards: [1], scores: [1] });
    const score = await post(server, '/compute_score', { data_source: 'apps', solution_str: '```python\nprint(sum(map(int, input().split())))\n```', ground_truth: { inputs: ['1 2\n', '5 5\n'], outputs: ['3\n', '10\n'] } });
    expect(score.body).toEqual({ score: 1, kind: 'code', verdict: 'pass' });
  });
});
