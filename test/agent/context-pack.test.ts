// The opening context: a pack when the index is ready in time; past the wait, the run starts
// without one and the build it leaves behind is kept for the next run.
import { afterEach, describe, expect, it } from 'vitest';
import { openingContext, type OpeningContextOptions } from '../../src/agent/context-pack.js';
import type { AgentEventBody } from '../../src/core/events.js';
import { makeSampleRepo, type TempRepo } from '../context/helpers.js';

let repo: TempRepo | undefined;
afterEach(() => repo?.remove());

function options(root: string, cacheDir: string, events: AgentEventBody[], extra: Partial<OpeningContextOptions> = {}): OpeningContextOptions {
  return { workspace: root, task: 'why does parseConfig ignore retries?', budgetTokens: 2000, minFiles: 1, cacheDir, historyCommits: 100, emit: (event) => events.push(event), waitMs: 60_000, ...extra };
}

describe('openingContext', () => {
  it('packs when the index is ready within the wait', async () => {
    repo = makeSampleRepo();
    const events: AgentEventBody[] = [];
    const text = await openingContext(options(repo.root, repo.cacheDir, events));
    expect(text).toContain('parseConfig');
    expect(events.filter((event) => event.type === 'context-pack')).toHaveLength(1);
  });

  it('starts without a pack once the wait is over, says so, and a later run gets one', async () => {
    repo = makeSampleRepo();
    const events: AgentEventBody[] = [];
    const runEnded = new AbortController();
    // No index yet and no time to build one.
    expect(await openingContext(options(repo.root, repo.cacheDir, events, { waitMs: 0, signal: runEnded.signal }))).toBeUndefined();
    expect(events).toEqual([{ type: 'notice', message: expect.stringMatching(/^context: the repository's index is not ready after 0 s; starting without an opening pack/) }]);
    // The run ends: the build stops quietly (no error notice, no pack made for nobody).
    runEnded.abort();
    const next = await openingContext(options(repo.root, repo.cacheDir, events));
    expect(next).toContain('parseConfig');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(events.map((event) => event.type)).toEqual(['notice', 'context-pack']);
  });
});
