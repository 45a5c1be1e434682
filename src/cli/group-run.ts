// `summon run --attempts N`: N independent attempts in their own worktrees, scored by the verifiers,
// ranked by group-relative advantage; the winner's change is applied. Prints the leaderboard.
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openTrajectoryStore, trajectoriesDir } from '../export/index.js';
import { renderLeaderboard } from '../group/index.js';
import { runGroupSession } from '../session/group.js';
import type { SessionOptions } from '../session/session.js';
import type { ParsedArgs } from './args.js';
import type { CliIo } from './io.js';
import type { Printer } from './output.js';

export interface GroupModeOptions {
  session: SessionOptions;
  task: string;
  group: NonNullable<ParsedArgs['group']>;
  io: CliIo;
  printer: Printer;
  outputFormat: ParsedArgs['outputFormat'];
  sessionsDir: string;
}

export async function runGroupMode(options: GroupModeOptions): Promise<number> {
  const { io, group } = options;
  const result = await runGroupSession({
    ...options.session,
    sessionsDir: options.sessionsDir,
    task: options.task,
    attempts: group.attempts,
    maxAttempts: group.maxAttempts,
    concurrency: group.concurrency,
    advantage: group.advantage,
    apply: group.apply,
    store: openTrajectoryStore(trajectoriesDir(io.env, os.homedir())),
    onEvent: (_attempt, event) => options.printer.onEvent(event),
    onProgress: (progress) => {
      if (progress.type === 'attempt-start') io.stderr(`summon: attempt ${progress.attempt.index} started (${progress.attempt.workspace})\n`);
      else if (progress.type === 'attempt-scored') io.stderr(`summon: attempt ${progress.attempt.index} scored ${progress.attempt.reward.toFixed(2)}\n`);
    },
  });
  io.stderr(`\n${renderLeaderboard(result)}\n`);
  let patchFile: string | undefined;
  if (result.applyError && result.winner) {
    patchFile = path.join(path.resolve(options.session.cwd), `.summon-attempt-${result.winner.index}.patch`);
    writeFileSync(patchFile, result.winner.diff.patch);
    io.stderr(`summon: the winner's change could not be applied (${result.applyError}); its patch is in ${patchFile}\n`);
  }
  if (result.winner && options.outputFormat === 'text') {
    const answer = result.winner.summary.result;
    if (answer) io.stdout(answer.endsWith('\n') ? answer : `${answer}\n`);
  } else if (result.winner) {
    const object = {
      type: 'group-result',
      groupId: result.groupId,
      winner: result.winner.index,
      applied: result.applied,
      interrupted: result.interrupted,
      result: result.winner.summary.result,
      attempts: result.attempts.map((attempt) => ({ index: attempt.index, sessionId: attempt.sessionId, reward: attempt.reward, rewards: attempt.rewards, passed: attempt.passed, advantage: attempt.advantage, tokens: attempt.tokens, costUsd: attempt.costUsd })),
      compute: result.compute,
      ...(patchFile ? { patch: patchFile } : {}),
    };
    io.stdout(`${JSON.stringify(object)}\n`);
  }
  if (result.interrupted || options.session.signal?.aborted) return 130;
  return result.winner?.passed ? 0 : 1;
}
