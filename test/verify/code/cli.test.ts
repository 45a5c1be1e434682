// `summon verify code --json`: one verdict line per input line, in order, malformed lines reported.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { run } from '../../../src/cli/verify-code-command.js';
import type { CliIo } from '../../../src/cli/io.js';

describe('summon verify code --json', () => {
  it('answers every line in order', async () => {
    const lines = [
      { id: 'slow', language: 'python', program: 'import time\ntime.sleep(0.3)\nprint(2)', tests: [{ stdin: '', expected_stdout: '2' }] },
      { id: 'fast', language: 'javascript', program: 'console.log(3)', tests: [{ stdin: '', expected_stdout: '4' }] },
      'not json',
      { id: 'bad-shape', language: 'cobol', program: '', tests: [] },
      { id: 'escape', language: 'python', program: 'import os\nos.system("id")', tests: [{ stdin: '', expected_stdout: '' }] },
    ];
    const input = Readable.from([lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n') + '\n']);
    let out = '';
    const io: CliIo = { stdout: (text) => void (out += text), stderr: () => undefined, env: {}, cwd: '/', stderrIsTty: false };
    expect(await run(['--json'], io, input)).toBe(0);
    const results = out.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(results).toHaveLength(5);
    expect(results[0]).toMatchObject({ id: 'slow', verdict: 'pass', reward: 1, stdout: '2\n' });
    expect(results[1]).toMatchObject({ id: 'fast', verdict: 'fail', reward: 0 });
    expect(results[2]).toMatchObject({ line: 3 });
    expect(results[2]).toHaveProperty('error');
    expect(results[3]).toHaveProperty('error');
    expect(results[4]).toMatchObject({ id: 'escape', verdict: 'blocked' });
    expect(typeof results[0]?.elapsed_ms).toBe('number');
  });

  it('needs --json', async () => {
    const io: CliIo = { stdout: () => undefined, stderr: () => undefined, env: {}, cwd: '/', stderrIsTty: false };
    await expect(run([], io, Readable.from([]))).rejects.toMatchObject({ code: 'usage' });
  });
});
