// Shapes of group sampling: its options, one attempt's outcome, and the group's result.
import type { AgentEvent, Usage } from '../core/events.js';
import type { RunSummary } from '../core/summary.js';
import type { Message } from '../core/messages.js';
import type { Verifier } from '../core/verify.js';
import type { TrajectoryStore } from '../export/store.js';
import type { VerificationResult } from '../verify/registry.js';
import type { AdvantageKind } from './advantage.js';
import type { AttemptDiff } from './workspace.js';

/** The session an attempt runs in: the session core's Session, opened in the attempt's workspace. */
export interface AttemptSession {
  readonly system: string;
  run(task: string, options: { signal: AbortSignal }): AsyncIterable<AgentEvent>;
  close(): Promise<void>;
}

export interface AttemptInfo {
  groupId: string;
  /** 1-based. */
  index: number;
  sessionId: string;
  /** The attempt's own workspace (inside its worktree or copy). */
  workspace: string;
}

export type GroupProgress =
  | { type: 'attempt-start'; attempt: AttemptInfo }
  | { type: 'attempt-scored'; attempt: AttemptResult }
  | { type: 'applied'; attempt: AttemptResult; files: string[] };

export interface GroupOptions {
  task: string;
  /** The user's workspace: the winner's change is applied here. */
  workspace: string;
  /** A number, or 'auto': one attempt, then more only while none passes, up to maxAttempts. */
  attempts: number | 'auto';
  /** The cap for 'auto' (default 4). */
  maxAttempts?: number;
  /** Attempts running at once (default 2). */
  concurrency?: number;
  verifiers: readonly Verifier[];
  advantage?: AdvantageKind;
  epsilon?: number;
  /** Apply the winner's change to the workspace (default true; only a winner with reward > 0 is applied). */
  apply?: boolean;
  signal: AbortSignal;
  /** Opens the session an attempt runs in, in its own workspace (createSession with the attempt's cwd and session id). */
  session: (attempt: AttemptInfo) => Promise<AttemptSession>;
  /** The model the attempts use, as saved with the trajectories. */
  modelId: string;
  /** Every event of every attempt, as it happens. */
  onEvent?: (attempt: AttemptInfo, event: AgentEvent) => void;
  onProgress?: (progress: GroupProgress) => void;
  /** Where each attempt's trajectory is appended once the group is scored. */
  store?: TrajectoryStore;
  /** A reference answer saved with the trajectories (verl's ground_truth). */
  reference?: string;
  groupId?: string;
  /** Parent folder for the attempts' worktrees (default: /dev/shm when it has 2 GiB free, else the OS temp folder). */
  tempDir?: string;
  /** Ignored dependency folders symlinked into every attempt (default node_modules, .venv, venv). */
  linkDirs?: readonly string[];
}

export interface AttemptResult {
  index: number;
  sessionId: string;
  summary: RunSummary;
  /** Absent when the attempt was interrupted before it could be verified. */
  verification?: VerificationResult;
  rewards: Record<string, number>;
  reward: number;
  passed: boolean;
  advantage: number;
  /** Input + output tokens. */
  tokens: number;
  costUsd: number;
  diff: AttemptDiff;
  /** The system prompt the attempt ran with. */
  system: string;
  messages: Message[];
  startedAt: string;
  endedAt: string;
}

export interface GroupResult {
  groupId: string;
  task: string;
  advantage: AdvantageKind;
  verifierNames: string[];
  /** In attempt order. */
  attempts: AttemptResult[];
  /** Scored attempts, best first. */
  leaderboard: AttemptResult[];
  winner?: AttemptResult;
  applied: boolean;
  /** Why the winner's change could not be applied (its patch is in winner.diff.patch). */
  applyError?: string;
  interrupted: boolean;
  compute: { attempts: number; tokens: number; usage: Usage; costUsd: number; wallMs: number };
}
