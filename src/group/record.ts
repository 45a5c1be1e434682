// Saves a scored group's attempts as trajectories (RLVR training data) in the store.
import type { TrajectoryStore } from '../export/store.js';
import type { AdvantageKind } from './advantage.js';
import type { AttemptResult } from './types.js';

export interface GroupRecordInfo {
  groupId: string;
  task: string;
  kind: AdvantageKind;
  model: string;
  reference: string | undefined;
}

export function recordTrajectories(store: TrajectoryStore, info: GroupRecordInfo, scored: readonly AttemptResult[]): void {
  for (const attempt of scored) {
    store.append({
      version: 1,
      id: `${info.groupId}-${attempt.index}`,
      groupId: info.groupId,
      attempt: attempt.index,
      groupSize: scored.length,
      task: info.task,
      system: attempt.system,
      messages: attempt.messages,
      finalAnswer: attempt.summary.result,
      rewards: attempt.rewards,
      reward: attempt.reward,
      passed: attempt.passed,
      advantage: attempt.advantage,
      advantageKind: info.kind,
      ...(info.reference !== undefined ? { reference: info.reference } : {}),
      diff: attempt.diff.patch,
      model: info.model,
      usage: attempt.summary.usage,
      costUsd: attempt.summary.costUsd,
      turns: attempt.summary.turns,
      exitReason: attempt.summary.reason,
      startedAt: attempt.startedAt,
      endedAt: attempt.endedAt,
    });
  }
}
