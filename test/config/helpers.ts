// Real temporary folders standing in for a home directory and a repository.
import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface Sandbox {
  root: string;
  home: string;
  repo: string;
  /** A folder inside the repository, where the tests run from. */
  cwd: string;
  userFile: string;
  projectFile: string;
  env: Record<string, string>;
  write(path: string, content: unknown): Promise<void>;
  cleanup(): Promise<void>;
}

export async function makeSandbox(): Promise<Sandbox> {
  const root = await realpath(await mkdtemp(join(tmpdir(), 'summon-config-')));
  const home = join(root, 'home');
  const repo = join(root, 'repo');
  const cwd = join(repo, 'src', 'deep');
  await mkdir(join(repo, '.git'), { recursive: true });
  await mkdir(cwd, { recursive: true });
  await mkdir(home, { recursive: true });
  return {
    root,
    home,
    repo,
    cwd,
    userFile: join(home, '.config', 'summon', 'config.json'),
    projectFile: join(repo, '.summon', 'config.json'),
    env: { HOME: home },
    async write(path, content) {
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
    },
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
}
