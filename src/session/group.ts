// Group sampling through the session core: N attempts, each a session of its own in its own
// worktree, scored by the verifiers the configuration names (plus ad-hoc ones), the winner applied.
import { SummonError } from '../core/errors.js';
import type { AgentEvent } from '../core/events.js';
import { runGroup } from '../group/run-group.js';
import type { AttemptInfo, GroupOptions, GroupResult } from '../group/types.js';
import type { TrajectoryStore } from '../export/store.js';
import { assemble } from './assemble.js';
import { createSession, type SessionOptions } from './session.js';

export interface GroupSessionOptions extends SessionOptions {
  task: string;
  attempts: number | 'auto';
  maxAttempts?: number;
  concurrency?: number;
  advantage?: GroupOptions['advantage'];
  apply?: boolean;
  store?: TrajectoryStore;
  tempDir?: string;
  onEvent?: (attempt: AttemptInfo, event: AgentEvent) => void;
  onProgress?: GroupOptions['onProgress'];
}

export async function runGroupSession(options: GroupSessionOptions): Promise<GroupResult> {
  const { task, attempts, maxAttempts, concurrency, advantage, apply, store, tempDir, onEvent, onProgress, ...session } = options;
  const env = session.env ?? process.env;
  // The user's workspace is assembled once, for its verifiers (the group scores with them); no journal.
  const parent = await assemble({ ...session, env, emit: () => undefined });
  if (parent.verifiers.length === 0) {
    throw new SummonError('usage', 'group sampling needs a verifier to score the attempts', {
      hint: 'pass --verify "npm test" (or another check), or set "verify": [{"kind": "test"}] in .summon/config.json',
    });
  }
  return runGroup({
    task,
    workspace: parent.workspace,
    attempts,
    ...(maxAttempts !== undefined ? { maxAttempts } : {}),
    ...(concurrency !== undefined ? { concurrency } : {}),
    ...(advantage ? { advantage } : {}),
    ...(apply !== undefined ? { apply } : {}),
    ...(store ? { store } : {}),
    ...(tempDir ? { tempDir } : {}),
    ...(onEvent ? { onEvent } : {}),
    ...(onProgress ? { onProgress } : {}),
    verifiers: parent.verifiers,
    signal: session.signal ?? new AbortController().signal,
    modelId: parent.model.id,
    session: (attempt) => createSession({ ...session, env, cwd: attempt.workspace, id: attempt.sessionId }),
  });
}
