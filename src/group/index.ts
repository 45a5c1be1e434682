// Public entry of group sampling: run N attempts, score, rank, apply; advantages; the leaderboard.
export { runGroup } from './run-group.js';
export { groupAdvantages, DEFAULT_EPSILON, type AdvantageKind } from './advantage.js';
export { compareAttempts, rankAttempts } from './rank.js';
export { renderLeaderboard } from './leaderboard.js';
export { defaultAttemptRoot } from './temp-root.js';
export {
  DEFAULT_LINK_DIRS,
  applyToSource,
  attemptDiff,
  createAttemptWorkspace,
  pruneWorktrees,
  removeAttemptWorkspace,
  snapshotSource,
  type AttemptDiff,
  type AttemptWorkspace,
  type SourceSnapshot,
} from './workspace.js';
export type { AttemptInfo, AttemptResult, AttemptSession, GroupOptions, GroupProgress, GroupResult } from './types.js';
