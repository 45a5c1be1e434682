// The workspace's secret files (`.env`, `.env.local`, …; not `.env.example` and its kin) and files
// read(…) rules deny: found afresh before each sandboxed command, so the sandbox can show them as
// empty. A command the agent runs must not be able to print what the read tool would redact or refuse.
// Files git tracks are left alone: an empty stand-in there would look like a change to commit.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { SpawnPort } from '../../core/tool.js';

/** Folders that hold dependencies or build output, not a project's own secrets. */
const SKIP_DIRS = new Set(['.git', 'node_modules', '.venv', 'venv', '__pycache__', 'dist', 'build', 'target', 'vendor', '.next', '.cache']);
const MAX_DEPTH = 6;
const MAX_ENTRIES = 50_000;
/** Conventionally templates without values. */
const TEMPLATE = /\.(example|sample|template|dist|defaults)$/;

export function isSecretFileName(name: string): boolean {
  return (name === '.env' || name.startsWith('.env.')) && !TEMPLATE.test(name);
}

export interface SecretFileOptions {
  /** Whether the permission rules let the agent read a file (absolute path); absent, every file is. */
  readable?: (file: string) => boolean;
  /** Runs `git ls-files` (unsandboxed); absent, tracked files are not told apart. */
  spawn?: SpawnPort;
  signal?: AbortSignal;
}

/** Absolute paths of the files to hide inside the sandbox, under `root`. */
export async function secretFiles(root: string, options: SecretFileOptions = {}): Promise<string[]> {
  const found: string[] = [];
  let entries = 0;
  const walk = async (dir: string, depth: number): Promise<void> => {
    if (depth > MAX_DEPTH || entries > MAX_ENTRIES) return;
    const children = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
    entries += children.length;
    const folders: string[] = [];
    for (const child of children) {
      const full = path.join(dir, child.name);
      if (child.isDirectory()) {
        if (!SKIP_DIRS.has(child.name)) folders.push(full);
      } else if (child.isFile() && (isSecretFileName(child.name) || (options.readable && !options.readable(full)))) {
        found.push(full);
      }
    }
    await Promise.all(folders.map((folder) => walk(folder, depth + 1)));
  };
  await walk(root, 0);
  if (found.length === 0 || !options.spawn) return found.sort();
  const tracked = await trackedFiles(root, found, options.spawn, options.signal);
  return found.filter((file) => !tracked.has(file)).sort();
}

async function trackedFiles(root: string, files: readonly string[], spawn: SpawnPort, signal: AbortSignal | undefined): Promise<Set<string>> {
  try {
    const result = await spawn({
      command: 'git',
      args: ['ls-files', '-z', '--', ...files.map((file) => path.relative(root, file))],
      cwd: root,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', GIT_TERMINAL_PROMPT: '0' },
      timeoutMs: 5_000,
      maxOutputBytes: 1_000_000,
      signal: signal ?? new AbortController().signal,
    });
    // Outside a repository git fails: nothing is tracked. Paths come back relative to root.
    if (result.exitCode !== 0) return new Set();
    return new Set(result.stdout.split('\0').filter(Boolean).map((name) => path.join(root, name)));
  } catch {
    return new Set();
  }
}
