// A world for sandbox escape attempts: a git workspace with hooks and protected files, a fake home
// full of secrets, secret-looking environment variables, loopback servers and a victim process.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface Fixture {
  root: string;
  workspace: string;
  home: string;
  /** A real-looking folder outside both, for symlink targets and stray writes. */
  outside: string;
  env: Record<string, string>;
  secrets: { sshKey: string; gitCredentials: string; aws: string; apiKey: string; token: string; password: string };
  tcpPort: number;
  tcpConnections: () => number;
  unixSocket: string;
  abstractSocket: string;
  unixConnections: () => number;
  victimPid: number;
  /** A word no process on the host has in its command line until a sandboxed command puts it there. */
  token: string;
  dispose: () => Promise<void>;
}

export async function createFixture(): Promise<Fixture> {
  const root = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'summon-sandbox-')));
  const workspace = path.join(root, 'ws');
  const home = path.join(root, 'home');
  const outside = path.join(root, 'outside');
  const token = `summontoken${randomBytes(6).toString('hex')}`;
  const secrets = {
    sshKey: `-----BEGIN OPENSSH PRIVATE KEY----- ${token}ssh`,
    gitCredentials: `https://alice:ghp_${token}cred@github.com`,
    aws: `aws_secret_access_key = ${token}aws`,
    apiKey: `sk-${token}apikey`,
    token: `ghp_${token}envtoken`,
    password: `${token}dbpassword`,
  };
  await Promise.all([fs.mkdir(path.join(home, '.ssh'), { recursive: true }), fs.mkdir(path.join(home, '.aws'), { recursive: true }), fs.mkdir(outside), fs.mkdir(workspace)]);
  await Promise.all([
    fs.writeFile(path.join(home, '.ssh', 'id_rsa'), secrets.sshKey, { mode: 0o600 }),
    fs.writeFile(path.join(home, '.git-credentials'), secrets.gitCredentials),
    fs.writeFile(path.join(home, '.aws', 'credentials'), secrets.aws),
    fs.writeFile(path.join(home, '.bashrc'), '# original bashrc\n'),
    fs.writeFile(path.join(outside, 'target.txt'), 'original outside\n'),
  ]);
  const git = (...args: string[]): void => void execFileSync('git', args, { cwd: workspace, env: { PATH: '/usr/bin:/bin', HOME: home }, stdio: 'ignore' });
  git('init', '-q', '.');
  git('config', 'user.email', 'test@example.invalid');
  git('config', 'user.name', 'Sandbox Test');
  git('config', 'core.hooksPath', '.husky');
  await fs.mkdir(path.join(workspace, '.husky'));
  await fs.mkdir(path.join(workspace, '.summon'));
  await Promise.all([
    fs.writeFile(path.join(workspace, '.summon', 'config.json'), '{"model":"original"}\n'),
    fs.writeFile(path.join(workspace, '.env'), 'ORIGINAL=1\n'),
    fs.writeFile(path.join(workspace, 'README.md'), '# project\n'),
  ]);
  git('add', 'README.md');
  git('commit', '-qm', 'initial');

  let tcpCount = 0;
  let unixCount = 0;
  const tcp = net.createServer((socket) => {
    tcpCount += 1;
    socket.end('CONNECTED-TCP\n');
  });
  const unix = net.createServer((socket) => {
    unixCount += 1;
    socket.end('CONNECTED-UNIX\n');
  });
  const abstract = net.createServer((socket) => {
    unixCount += 1;
    socket.end('CONNECTED-ABSTRACT\n');
  });
  const unixSocket = path.join(home, 'agent.sock');
  const abstractSocket = `summon-abstract-${token}`;
  await Promise.all([
    new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve)),
    new Promise<void>((resolve) => unix.listen(unixSocket, resolve)),
    new Promise<void>((resolve) => abstract.listen(`\0${abstractSocket}`, resolve)),
  ]);
  const address = tcp.address();
  const tcpPort = typeof address === 'object' && address ? address.port : 0;
  const victim: ChildProcess = spawn('sleep', ['600'], { stdio: 'ignore' });

  const env: Record<string, string> = {
    PATH: '/usr/local/bin:/usr/bin:/bin',
    HOME: home,
    LANG: 'C.UTF-8',
    USER: 'tester',
    OPENAI_API_KEY: secrets.apiKey,
    GITHUB_TOKEN: secrets.token,
    DB_PASSWORD: secrets.password,
    AWS_SECRET_ACCESS_KEY: `${token}awsenv`,
  };
  return {
    root, workspace, home, outside, env, secrets, tcpPort, token, unixSocket, abstractSocket,
    tcpConnections: () => tcpCount,
    unixConnections: () => unixCount,
    victimPid: victim.pid ?? -1,
    dispose: async () => {
      victim.kill('SIGKILL');
      await Promise.all([tcp, unix, abstract].map((server) => new Promise((resolve) => server.close(resolve))));
      await fs.rm(root, { recursive: true, force: true });
    },
  };
}

/** Whether a process is alive (not gone, not a zombie). */
export async function isAlive(pid: number): Promise<boolean> {
  const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  return stat !== '' && !stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
}

/** Live host processes whose command line contains `word`. */
export async function processesWith(word: string): Promise<number[]> {
  const found: number[] = [];
  for (const entry of await fs.readdir('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    const cmdline = await fs.readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    if (cmdline.includes(word) && !cmdline.includes('vitest') && (await isAlive(Number(entry)))) found.push(Number(entry));
  }
  return found;
}

export async function readOrNull(file: string): Promise<string | null> {
  return fs.readFile(file, 'utf8').catch(() => null);
}
