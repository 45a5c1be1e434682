// Small real repositories in temp folders, with git history, for the context engine's tests.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface TempRepo {
  root: string;
  cacheDir: string;
  write(file: string, text: string): void;
  commit(message: string, files: Record<string, string>): void;
  remove(): void;
}

const GIT_ENV = { GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' };

export function makeRepo(options: { git?: boolean } = {}): TempRepo {
  const base = mkdtempSync(path.join(os.tmpdir(), 'summon-context-'));
  const root = path.join(base, 'repo');
  const cacheDir = path.join(base, 'cache');
  mkdirSync(root);
  const git = (...args: string[]): void => void execFileSync('git', args, { cwd: root, env: { ...process.env, ...GIT_ENV }, stdio: 'ignore' });
  if (options.git !== false) git('init', '-q', '-b', 'main');
  let clock = 1_700_000_000;
  const write = (file: string, text: string): void => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  };
  return {
    root,
    cacheDir,
    write,
    commit(message, files) {
      for (const [file, text] of Object.entries(files)) write(file, text);
      git('add', '-A');
      clock += 3600;
      const date = `@${clock} +0000`;
      execFileSync('git', ['commit', '-q', '-m', message], { cwd: root, env: { ...process.env, ...GIT_ENV, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date }, stdio: 'ignore' });
    },
    remove: () => rmSync(base, { recursive: true, force: true }),
  };
}

/** A small HTTP-client-like project with a history whose messages say what each file is for. */
export function makeSampleRepo(): TempRepo {
  const repo = makeRepo();
  repo.commit('initial project layout', {
    'src/config.ts': 'export interface Config { retries: number; baseUrl: string }\n\nexport function parseConfig(text: string): Config {\n  const raw = JSON.parse(text);\n  return { retries: raw.retries ?? 3, baseUrl: raw.baseUrl };\n}\n',
    'src/client.ts': "import { parseConfig, type Config } from './config.js';\n\nexport class Client {\n  constructor(private readonly config: Config) {}\n  async send(path: string): Promise<string> {\n    return fetch(this.config.baseUrl + path).then((r) => r.text());\n  }\n}\n\nexport function makeClient(text: string): Client {\n  return new Client(parseConfig(text));\n}\n",
    'src/pool.py': 'class ConnectionPool:\n    """Keeps sockets open between requests."""\n\n    def acquire(self, host):\n        return self._sockets.get(host)\n\n    def release(self, sock):\n        sock.close()\n',
    'src/router.go': 'package router\n\ntype Route struct {\n\tPath string\n}\n\nfunc Match(routes []Route, path string) *Route {\n\tfor i := range routes {\n\t\tif routes[i].Path == path {\n\t\t\treturn &routes[i]\n\t\t}\n\t}\n\treturn nil\n}\n',
    'test/client.test.ts': "import { makeClient } from '../src/client.js';\n// sends a request through the client\nmakeClient('{}');\n",
    'README.md': '# sample\n\nA tiny client.\n',
  });
  repo.commit('abort slow requests after the deadline passes', { 'src/pool.py': 'class ConnectionPool:\n    """Keeps sockets open between requests."""\n\n    def acquire(self, host, wait=5):\n        return self._sockets.get(host)\n\n    def release(self, sock):\n        sock.close()\n' });
  repo.commit('deadline: keep waiting sockets from hanging forever', {
    'src/pool.py': 'class ConnectionPool:\n    """Keeps sockets open between requests."""\n\n    def acquire(self, host, wait=10):\n        return self._sockets.get(host)\n\n    def release(self, sock):\n        sock.close()\n',
    'src/client.ts': "import { parseConfig, type Config } from './config.js';\n\nexport class Client {\n  constructor(private readonly config: Config) {}\n  async send(path: string): Promise<string> {\n    return fetch(this.config.baseUrl + path).then((r) => r.text());\n  }\n}\n\nexport function makeClient(text: string): Client {\n  return new Client(parseConfig(text)); // reuses pooled connections\n}\n",
  });
  return repo;
}
