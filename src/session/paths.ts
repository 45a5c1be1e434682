// Where sessions live: $XDG_STATE_HOME/summon/sessions, else ~/.local/state/summon/sessions.
import os from 'node:os';
import path from 'node:path';

export function sessionsDir(env: Readonly<Record<string, string | undefined>>): string {
  const state = env.XDG_STATE_HOME || path.join(env.HOME || os.homedir(), '.local', 'state');
  return path.join(state, 'summon', 'sessions');
}
