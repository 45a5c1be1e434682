// Options some programs take before their sub-command: `git -C dir push`, `docker -H host rm`,
// `make -C sub clean`, `terraform -chdir=x destroy`. A deny rule `bash(git push:*)` must see the
// `git push` in them. The form without those options is for deny and ask rules only: an allow rule
// still has to match the command as written (`git -C /elsewhere status` is not `git status`).
import type { ShellWord } from './shell-parse.js';
import { programName } from './shell-wrappers.js';

/** Per program, the leading options that take the next word as their value (others are flags). */
const WITH_VALUE: Readonly<Record<string, ReadonlySet<string>>> = {
  git: new Set(['-C', '-c', '--git-dir', '--work-tree', '--namespace', '--super-prefix', '--config-env', '--list-cmds']),
  docker: new Set(['-H', '--host', '-c', '--context', '--config', '-l', '--log-level', '--tlscacert', '--tlscert', '--tlskey']),
  podman: new Set(['--connection', '-c', '--url', '--identity', '--root', '--runroot', '--storage-driver', '--log-level', '--cgroup-manager']),
  kubectl: new Set(['-n', '--namespace', '--context', '--cluster', '--user', '-s', '--server', '--kubeconfig', '--token', '--as', '--as-group', '-l']),
  helm: new Set(['-n', '--namespace', '--kube-context', '--kubeconfig', '--registry-config', '--repository-config']),
  npm: new Set(['--prefix', '-w', '--workspace', '--userconfig', '--cache', '--registry', '--loglevel']),
  pnpm: new Set(['-C', '--dir', '-F', '--filter', '--loglevel']),
  yarn: new Set(['--cwd']),
  make: new Set(['-C', '--directory', '-f', '--file', '--makefile', '-j', '--jobs', '-I', '--include-dir', '-o', '-W']),
  go: new Set(['-C']),
  cargo: new Set(['-C', '--config', '-Z', '--color']),
  gh: new Set(['-R', '--repo', '--hostname']),
  terraform: new Set([]),
  aws: new Set(['--profile', '--region', '--endpoint-url', '--output', '--query', '--ca-bundle', '--cli-read-timeout', '--cli-connect-timeout']),
};

/** The command without the options before its sub-command, or undefined when it has none (or is not one of these programs). */
export function withoutGlobalOptions(words: readonly ShellWord[]): ShellWord[] | undefined {
  const first = words[0];
  const withValue = first ? WITH_VALUE[programName(first.value)] : undefined;
  if (!first || !withValue) return undefined;
  let index = 1;
  while (index < words.length) {
    const word = words[index]?.value ?? '';
    if (word === '--') {
      index += 1;
      break;
    }
    // cargo's `+nightly` toolchain choice sits where options do.
    if (!(word.startsWith('-') && word !== '-') && !(word.startsWith('+') && programName(first.value) === 'cargo')) break;
    index += withValue.has(word) ? 2 : 1;
  }
  return index === 1 || index >= words.length ? undefined : [first, ...words.slice(index)];
}
