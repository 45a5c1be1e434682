// Where index databases live. Its own module so an agent run can name the folder without loading
// the engine (SQLite, tree-sitter, hashing) before its first model request.
import os from 'node:os';
import path from 'node:path';

/** `$XDG_CACHE_HOME/summon/index`, else `~/.cache/summon/index`. */
export function defaultIndexCacheDir(env: Readonly<Record<string, string | undefined>>): string {
  const cache = env.XDG_CACHE_HOME || path.join(env.HOME || os.homedir(), '.cache');
  return path.join(cache, 'summon', 'index');
}
