// `summon serve rewards`: usage errors, help, and a real start/stop with the URL on stderr.
import { describe, expect, it } from 'vitest';
import { run } from '../../../src/cli/serve-command.js';
import type { CliIo } from '../../../src/cli/io.js';

function io(): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (text) => void out.push(text), stderr: (text) => void err.push(text), env: {}, cwd: '/', stderrIsTty: false };
}

describe('summon serve', () => {
  it('needs a known service', async () => {
    await expect(run([], io())).rejects.toMatchObject({ code: 'usage', hint: expect.stringContaining('rewards') });
    await expect(run(['rewardz'], io())).rejects.toMatchObject({ code: 'usage', message: 'unknown service "rewardz"' });
    await expect(run(['rewards', '--port', 'x'], io())).rejects.toMatchObject({ code: 'usage' });
    await expect(run(['rewards', '--bogus'], io())).rejects.toMatchObject({ code: 'usage' });
  });

  it('prints help', async () => {
    const terminal = io();
    expect(await run(['rewards', '--help'], terminal)).toBe(0);
    expect(terminal.out.join('')).toContain('POST /get_reward');
  });

  it('serves until stopped, printing the URL and endpoints on stderr', async () => {
    const terminal = { ...io(), env: { SUMMON_REWARD_TOKEN: 'tok' } };
    const stop = new AbortController();
    const finished = run(['rewards', '--port', '0', '--concurrency', '1', '--queue', '4', '--max-body-mb', '0.5'], terminal, { stop: stop.signal });
    let url: string | undefined;
    for (let tries = 0; url === undefined && tries < 400; tries++) {
      url = /listening on (http:\/\/\S+)/.exec(terminal.err.join(''))?.[1];
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(terminal.err.join('')).toContain(`${url}/compute_score`);
    expect(terminal.err.join('')).toContain('bearer token required');
    const answer = await fetch(`${url}/v1/verify`, { method: 'POST', headers: { authorization: 'Bearer tok' }, body: JSON.stringify({ items: [{ kind: 'math', gold: '3', prediction: '\\boxed{3}' }] }) });
    expect(await answer.json()).toMatchObject({ results: [{ correct: true }] });
    stop.abort();
    expect(await finished).toBe(0);
    expect(terminal.err.join('')).toContain('stopped');
  });
});
