// Group sampling, the test-time compute dial: N independent attempts at one task, each in its own
// worktree, with at most C running at once; each scored by the verifiers, given a group-relative
// advantage, ranked; the winner's change applied to the user's workspace. Worktrees are removed on
// every path out — success, error, Ctrl-C — and git's worktree list is pruned.
import { mkdtempSync } from 'node:fs';
import path from 'node:path';
import { SummonError, toSummonError } from '../core/errors.js';
import { addUsage, emptyUsage } from '../core/events.js';
import type { Message } from '../core/messages.js';
import { summaryOf, type DoneEvent } from '../core/summary.js';
import { runVerifiers } from '../verify/registry.js';
import { DEFAULT_EPSILON, groupAdvantages } from './advantage.js';
import { rankAttempts } from './rank.js';
import { recordTrajectories } from './record.js';
import { defaultAttemptRoot } from './temp-root.js';
import type { AttemptInfo, AttemptResult, GroupOptions, GroupResult } from './types.js';
import { applyToSource, attemptDiff, createAttemptWorkspace, pruneWorktrees, removeAttemptWorkspace, snapshotSource, type SourceSnapshot } from './workspace.js';

export async function runGroup(options: GroupOptions): Promise<GroupResult> {
  const started = Date.now();
  if (options.verifiers.length === 0) {
    throw new SummonError('usage', 'group sampling needs at least one verifier to score the attempts', { hint: 'add --verify "npm test" or a "verify" list to .summon/config.json' });
  }
  const auto = options.attempts === 'auto';
  const cap = options.attempts === 'auto' ? (options.maxAttempts ?? 4) : options.attempts;
  if (!Number.isInteger(cap) || cap < 1) throw new SummonError('usage', `attempts must be a positive whole number or "auto", got ${String(options.attempts)}`);
  const concurrency = Math.max(1, Math.min(options.concurrency ?? 2, cap));
  const groupId = options.groupId ?? newGroupId();
  const kind = options.advantage ?? 'grpo';

  const source = await snapshotSource(options.workspace, options.linkDirs);
  const groupDir = mkdtempSync(path.join(options.tempDir ?? defaultAttemptRoot(), 'summon-group-'));
  // Aborting the group aborts every attempt; a fatal attempt error (bad key, unknown model) does too.
  const controller = new AbortController();
  const onAbort = (): void => controller.abort();
  if (options.signal.aborted) controller.abort();
  options.signal.addEventListener('abort', onAbort, { once: true });
  let fatal: SummonError | undefined;
  // `git worktree add` updates shared files in .git: one at a time. All attempts share one base tree.
  let setupChain: Promise<unknown> = Promise.resolve();
  let baseTree: string | undefined;
  const results: AttemptResult[] = [];

  const runOne = async (index: number): Promise<void> => {
    const dir = path.join(groupDir, `attempt-${index}`);
    try {
      const setup = setupChain.then(async () => {
        const created = await createAttemptWorkspace(source, dir, baseTree ? { baseTree } : {});
        baseTree ??= created.baseTree;
        return created;
      });
      setupChain = setup.catch(() => undefined);
      const attempt = await setup;
      if (controller.signal.aborted) return;
      const result = await runAttempt(options, source, attempt, { groupId, index, sessionId: `${groupId}-${index}`, workspace: attempt.workspace }, controller.signal);
      results.push(result);
      if (result.summary.error && result.summary.error.exitCode === 2) {
        fatal ??= result.summary.error;
        controller.abort();
      }
    } finally {
      await removeAttemptWorkspace(dir);
    }
  };

  let interrupted = false;
  try {
    let next = 1;
    while (next <= cap && !controller.signal.aborted) {
      // 'auto': a first attempt alone, then rounds of up to C while nothing has passed.
      const round = auto ? (next === 1 ? 1 : Math.min(concurrency, cap - next + 1)) : cap;
      const indices = Array.from({ length: round }, (_, offset) => next + offset);
      next += round;
      await pool(indices, concurrency, runOne);
      if (!auto || results.some((result) => result.passed)) break;
    }
  } catch (thrown) {
    controller.abort();
    throw toSummonError(thrown);
  } finally {
    interrupted = options.signal.aborted;
    options.signal.removeEventListener('abort', onAbort);
    await removeAttemptWorkspace(groupDir);
    await pruneWorktrees(source).catch(() => undefined);
  }
  if (fatal) throw fatal;

  results.sort((a, b) => a.index - b.index);
  const scored = results.filter((result) => result.verification !== undefined);
  const advantages = groupAdvantages(scored.map((result) => result.reward), kind, options.epsilon ?? DEFAULT_EPSILON);
  scored.forEach((result, position) => (result.advantage = advantages[position]!));
  const leaderboard = rankAttempts(scored);
  const winner = leaderboard[0];

  let applied = false;
  let applyError: string | undefined;
  if (!interrupted && winner && winner.reward > 0 && winner.diff.patch !== '' && options.apply !== false) {
    try {
      await applyToSource(source, winner.diff.patch);
      applied = true;
      options.onProgress?.({ type: 'applied', attempt: winner, files: winner.diff.files });
    } catch (thrown) {
      applyError = toSummonError(thrown).message;
    }
  }
  if (options.store && !interrupted) recordTrajectories(options.store, { groupId, task: options.task, kind, model: options.modelId, reference: options.reference }, scored);

  const usage = results.reduce((total, result) => addUsage(total, result.summary.usage), emptyUsage());
  return {
    groupId,
    task: options.task,
    advantage: kind,
    verifierNames: options.verifiers.map((verifier) => verifier.name),
    attempts: results,
    leaderboard,
    ...(winner ? { winner } : {}),
    applied,
    ...(applyError ? { applyError } : {}),
    interrupted,
    compute: {
      attempts: results.length,
      tokens: usage.inputTokens + usage.outputTokens,
      usage,
      costUsd: results.reduce((total, result) => total + result.summary.costUsd, 0),
      wallMs: Date.now() - started,
    },
  };
}

async function runAttempt(
  options: GroupOptions,
  source: SourceSnapshot,
  attempt: Awaited<ReturnType<typeof createAttemptWorkspace>>,
  info: AttemptInfo,
  signal: AbortSignal,
): Promise<AttemptResult> {
  const startedAt = new Date().toISOString();
  options.onProgress?.({ type: 'attempt-start', attempt: info });
  const messages: Message[] = [];
  const session = await options.session(info);
  const system = session.system;
  let done: DoneEvent | undefined;
  try {
    for await (const event of session.run(options.task, { signal })) {
      if (event.type === 'message') messages.push(event.message);
      else if (event.type === 'history-replaced') messages.splice(0, messages.length, ...event.messages);
      else if (event.type === 'done') done = event;
      options.onEvent?.(info, event);
    }
  } finally {
    await session.close();
  }
  if (!done) throw new SummonError('internal', `attempt ${info.index} ended without a done event`);
  const summary = summaryOf(done);
  // The diff is taken before verifying: test runs leave caches and build output behind.
  const diff = await attemptDiff(source, attempt);
  const base = { index: info.index, sessionId: info.sessionId, summary, tokens: summary.usage.inputTokens + summary.usage.outputTokens, costUsd: summary.costUsd, diff, messages, system, startedAt, advantage: 0 };
  if (summary.reason === 'interrupted' || signal.aborted) return { ...base, rewards: {}, reward: 0, passed: false, endedAt: new Date().toISOString() };
  let verification;
  try {
    verification = await runVerifiers(options.verifiers, { workspace: attempt.workspace, response: summary.result }, signal);
  } catch (thrown) {
    if (toSummonError(thrown).code !== 'interrupted') throw thrown;
    return { ...base, rewards: {}, reward: 0, passed: false, endedAt: new Date().toISOString() };
  }
  const result: AttemptResult = { ...base, verification, rewards: verification.rewards, reward: verification.reward, passed: verification.passed, endedAt: new Date().toISOString() };
  options.onProgress?.({ type: 'attempt-scored', attempt: result });
  return result;
}

/** Runs `work` over the items with at most `limit` at once; the first error stops new starts and is thrown. */
async function pool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let cursor = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (cursor < items.length && !failure) {
      const item = items[cursor++]!;
      try {
        await work(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure) throw failure.error;
}

function newGroupId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
  return `g${stamp}-${Math.random().toString(36).slice(2, 8)}`;
}
