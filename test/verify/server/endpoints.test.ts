// Each endpoint's request and response shapes, with fake verifiers behind real HTTP on 127.0.0.1.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeCase } from '../../../src/verify/code/index.js';
import type { ProgramRun, RewardServer } from '../../../src/verify/server/index.js';
import { fakeCode, fakeMath, fakeProgram, post, startServer } from './helpers.js';

const seen: CodeCase[] = [];
const runs: ProgramRun[] = [];
let server: RewardServer;

beforeAll(async () => {
  server = await startServer({ verifiers: { math: fakeMath, code: fakeCode(seen), program: fakeProgram(runs) } });
});
afterAll(() => server.close());

describe('POST /v1/verify', () => {
  it('answers a mixed batch in order', async () => {
    const answer = await post(server, '/v1/verify', {
      items: [
        { id: 'a', kind: 'math', gold: '42', prediction: 'so \\boxed{42}' },
        { id: 2, kind: 'code', language: 'python', program: 'print("PASS")', tests: [{ stdin: '', expected_stdout: 'PASS' }] },
        { kind: 'math', gold: 7, prediction: 'no box' },
        { id: 'c', kind: 'code', language: 'javascript', program: 'nope', tests: [{ assert: 'assert(true)' }], time_limit_s: 2 },
      ],
    });
    expect(answer.status).toBe(200);
    expect(answer.body.results).toEqual([
      { id: 'a', kind: 'math', correct: true, reward: 1, extracted: '42' },
      { id: 2, kind: 'code', verdict: 'pass', reward: 1, stdout: 'ran python\n', elapsed_ms: 3 },
      { kind: 'math', correct: false, reward: 0, extracted: '' },
      { id: 'c', kind: 'code', verdict: 'fail', reward: 0, stdout: 'ran javascript\n', elapsed_ms: 3 },
    ]);
    expect(seen.at(-1)).toEqual({ id: 'c', language: 'javascript', program: 'nope', tests: [{ assert: 'assert(true)' }], time_limit_s: 2 });
  });

  it('names the bad field in a 400', async () => {
    const answer = await post(server, '/v1/verify', { items: [{ kind: 'math', gold: '1', prediction: 'x' }, { kind: 'math', gold: '1' }] });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: 'invalid-request', field: 'items.1.prediction' });
    expect((await post(server, '/v1/verify', { items: [{ kind: 'sql', query: 'x' }] })).body.error).toMatchObject({ field: 'items.0.kind' });
    expect((await post(server, '/v1/verify', '{not json')).body.error).toMatchObject({ code: 'invalid-json' });
    expect((await post(server, '/v1/verify', { items: [] })).status).toBe(400);
  });

  it('reports an item the verifier could not run, and still answers the rest', async () => {
    const broken = await startServer({
      verifiers: {
        math: fakeMath,
        code: async () => {
          throw Object.assign(new Error('the sandbox (bubblewrap) cannot start here'), {});
        },
      },
    });
    try {
      const answer = await post(broken, '/v1/verify', {
        items: [
          { kind: 'code', language: 'python', program: 'x', tests: [{ stdin: '', expected_stdout: '' }] },
          { kind: 'math', gold: '1', prediction: '\\boxed{1}' },
        ],
      });
      expect(answer.status).toBe(200);
      const results = answer.body.results as Array<Record<string, unknown>>;
      expect(results[0]).toMatchObject({ kind: 'code', reward: 0, error: { message: 'the sandbox (bubblewrap) cannot start here' } });
      expect(results[1]).toMatchObject({ kind: 'math', correct: true });
    } finally {
      await broken.close();
    }
  });
});

describe('POST /get_reward (OpenRLHF)', () => {
  it('strips each prompt and judges the response against its label', async () => {
    const prompt = 'Problem: what is 6 * 7? Example: \\boxed{41}\nAnswer:';
    const answer = await post(server, '/get_reward', {
      query: [`${prompt} it is \\boxed{42}`, `<s>${prompt} \\boxed{41}`, `no prompt here \\boxed{3}`, `${prompt} I am not sure`],
      prompts: [prompt, prompt, 'absent prompt', prompt],
      labels: ['42', '42', '3', '42'],
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      rewards: [1, 0, 1, 0],
      scores: [1, 0, 1, 0],
      extra_logs: { correct: [1, 0, 1, 0], answered: [1, 1, 1, 0], code: [0, 0, 0, 0] },
    });
  });

  it('routes a label that is a code spec to the code verifier, with the program from the response', async () => {
    const label = JSON.stringify({ language: 'python', tests: [{ stdin: '2', expected_stdout: '4' }] });
    const answer = await post(server, '/get_reward', {
      query: ['Write it.\nSure:\n```python\nprint("PASS")\n```\nDone.', 'Write it.\n```js\nconsole.log(1)\n```'],
      prompts: ['Write it.\n', 'Write it.\n'],
      labels: [label, { inputs: [1, 'x'], outputs: ['1', 'x'], language: 'nodejs' }],
    });
    expect(answer.body).toMatchObject({ rewards: [1, 0], extra_logs: { code: [1, 1], answered: [1, 1] } });
    expect(seen.at(-2)).toMatchObject({ language: 'python', program: 'print("PASS")\n', tests: [{ stdin: '2', expected_stdout: '4' }] });
    expect(seen.at(-1)).toMatchObject({ language: 'javascript', program: 'console.log(1)\n', tests: [{ stdin: '1', expected_stdout: '1' }, { stdin: 'x', expected_stdout: 'x' }] });
  });

  it('needs one label per query', async () => {
    expect((await post(server, '/get_reward', { query: ['a'] })).body.error).toMatchObject({ field: 'labels' });
    expect((await post(server, '/get_reward', { query: ['a', 'b'], labels: ['1'] })).body.error).toMatchObject({ field: 'labels' });
    expect((await post(server, '/get_reward', { query: ['a'], prompts: [], labels: ['1'] })).body.error).toMatchObject({ field: 'prompts' });
    expect((await post(server, '/get_reward', { query: ['a'], labels: [{ tests: [] }] })).body.error).toMatchObject({ field: 'labels.0.tests' });
    expect((await post(server, '/get_reward', { query: ['a'], labels: [[1, 2]] })).body.error).toMatchObject({ field: 'labels.0' });
  });
});

describe('POST /run_code (SandboxFusion)', () => {
  it('answers in SandboxFusion\'s shape, accepting the fields verl sends', async () => {
    const answer = await post(server, '/run_code', { compile_timeout: 10, run_timeout: 5, code: 'print(1)', stdin: 'in', memory_limit_MB: 1024, language: 'python', files: {}, fetch_files: [] });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      status: 'Success',
      message: '',
      compile_result: null,
      run_result: { status: 'Finished', execution_time: 0.003, return_code: 0, stdout: 'ran python: in\n', stderr: '' },
      files: {},
    });
    expect(runs.at(-1)).toEqual({ language: 'python', program: 'print(1)', stdin: 'in', timeLimitS: 5, memoryLimitMb: 1024 });
  });

  it('reports the exit status as it is: non-zero is Failed + Finished', async () => {
    expect((await post(server, '/run_code', { code: 'EXIT 3', language: 'python' })).body).toEqual({
      status: 'Failed',
      message: '',
      compile_result: null,
      run_result: { status: 'Finished', execution_time: 0.003, return_code: 3, stdout: 'ran python: \n', stderr: 'bye\n' },
      files: {},
    });
  });

  it('notes an escape on stderr, and says SandboxError when the sandbox could not run the program', async () => {
    expect((await post(server, '/run_code', { code: 'ESCAPE', language: 'python' })).body).toMatchObject({
      status: 'Failed',
      run_result: { status: 'Finished', return_code: 159, stderr: 'partial\nsummon: killed: the program tried to start a process or use the network\n' },
    });
    expect((await post(server, '/run_code', { code: 'BROKEN', language: 'python' })).body).toEqual({ status: 'SandboxError', message: 'the sandbox fell over', compile_result: null, run_result: null, files: {} });
  });

  it('maps a time limit to Failed + TimeLimitExceeded, and the languages by their SandboxFusion names', async () => {
    const answer = await post(server, '/run_code', { code: 'LOOP', language: 'nodejs', stdin: null, memory_limit_MB: -1 });
    expect(answer.body).toMatchObject({ status: 'Failed', run_result: { status: 'TimeLimitExceeded', return_code: null } });
    expect(runs.at(-1)).toEqual({ language: 'javascript', program: 'LOOP', stdin: '', timeLimitS: 10 });
  });

  it('says SandboxError for what it cannot run, and 400 for a malformed request', async () => {
    expect((await post(server, '/run_code', { code: 'x', language: 'cpp' })).body).toMatchObject({ status: 'SandboxError', run_result: null });
    expect((await post(server, '/run_code', { code: 'x', language: 'python', files: { 'a.txt': 'aGk=' } })).body).toMatchObject({ status: 'SandboxError' });
    const bad = await post(server, '/run_code', { language: 'python' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ field: 'code' });
  });
});

describe('POST /compute_score (verl)', () => {
  it('scores math data sources with the math verifier', async () => {
    expect((await post(server, '/compute_score', { data_source: 'openai/gsm8k', solution_str: '\\boxed{72}', ground_truth: '72', extra_info: { index: 3 } })).body).toEqual({ score: 1, kind: 'math', correct: true, extracted: '72' });
    expect((await post(server, '/compute_score', { data_source: 'HuggingFaceH4/MATH-500', solution_str: '\\boxed{1}', ground_truth: 2, extra_info: null })).body).toMatchObject({ score: 0, kind: 'math' });
  });

  it('scores code data sources, and code-spec ground truths, with the code verifier', async () => {
    const inOuts = JSON.stringify({ inputs: ['1\n'], outputs: ['1\n'] });
    expect((await post(server, '/compute_score', { data_source: 'codecontests', solution_str: '```python\nPASS\n```', ground_truth: inOuts })).body).toEqual({ score: 1, kind: 'code', verdict: 'pass' });
    expect(seen.at(-1)).toMatchObject({ language: 'python', program: 'PASS\n' });
    expect((await post(server, '/compute_score', { data_source: 'my-mix', solution_str: '```ts\nPASS\n```', ground_truth: { tests: [{ assert: 'x' }] }, extra_info: { language: 'typescript' } })).body).toMatchObject({ kind: 'code', score: 1 });
    expect(seen.at(-1)).toMatchObject({ language: 'typescript' });
    const wrong = await post(server, '/compute_score', { data_source: 'likaixin/TACO-verified', solution_str: 'x', ground_truth: '42' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toMatchObject({ field: 'ground_truth' });
    expect((await post(server, '/compute_score', { data_source: 'x', solution_str: 'x' })).body.error).toMatchObject({ field: 'ground_truth' });
  });
});

describe('routing', () => {
  it('404s unknown paths and 405s wrong methods', async () => {
    expect((await fetch(`${server.url}/nope`)).status).toBe(404);
    const wrong = await fetch(`${server.url}/v1/verify`);
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('POST');
  });
});
