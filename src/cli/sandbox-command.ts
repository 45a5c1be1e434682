// `summon sandbox exec [--cwd DIR] [--allow-net DOMAIN…] [--timeout SEC] -- CMD ARGS…`: runs any
// command in the sandbox the agent's commands get, streaming its output; exits with its exit code.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { SummonError } from '../core/errors.js';
import {
  assertSandboxAvailable, createStandIns, defaultPolicy, findSocat, removeStandIns, runProcess, sandboxedCommand, secretFiles, startNetworkProxy,
  type NetworkBridge, type NetworkProxy, type SandboxPolicy,
} from '../safety/sandbox/index.js';
import { defaultSpawn } from '../tools/index.js';
import type { CliIo } from './io.js';

export const HELP = `summon sandbox exec [--cwd DIR] [--allow-net DOMAIN…] [--timeout SEC] -- CMD [ARGS…]

Runs CMD in the sandbox summon runs its commands in (bubblewrap): writes only in the workspace
(DIR, default the current folder) and a private /tmp; the home folder hidden except the workspace;
.git/hooks, .git/config, the core.hooksPath folder, .husky, .vscode, .idea, .summon/ and .env*
read-only; network off (with --allow-net, HTTP and HTTPS through summon's proxy to the domains
named, nothing else); the environment reduced to an allow-list without credentials; every
process it started killed when it ends. Output is streamed; the exit code is CMD's
(124 on timeout, 128+N when killed by signal N).

  --cwd DIR             the workspace and working folder (default: the current folder)
  --allow-net DOMAIN    allow HTTP(S) to DOMAIN through summon's proxy (repeatable; *.example.org
                        for its subdomains); other hosts get 403; needs socat
  --timeout SEC         kill the sandbox after SEC seconds (default: none)
  -h, --help            print this help

If bubblewrap (or, with --allow-net, socat) is missing or bubblewrap cannot start, nothing runs:
the message says what to install.

Examples:
  summon sandbox exec -- npm test
  summon sandbox exec --cwd ../repo --timeout 60 -- bash -c 'make && ./run-tests'
  summon sandbox exec --allow-net registry.npmjs.org -- npm install
  summon sandbox exec -- cat ~/.ssh/id_rsa        # fails: the home folder is hidden`;

const TIMEOUT_EXIT = 124;
const INTERRUPTED_EXIT = 130;
const NO_TIMEOUT_MS = 2_147_483_647;

export async function run(argv: string[], io: CliIo): Promise<number> {
  const [subcommand, ...rest] = argv;
  if (subcommand === undefined || subcommand === '--help' || subcommand === '-h' || subcommand === 'help') {
    io.stdout(`${HELP}\n`);
    return subcommand === undefined ? 2 : 0;
  }
  if (subcommand !== 'exec') throw new SummonError('usage', `unknown sandbox command "${subcommand}"`, { hint: 'e.g. summon sandbox exec -- npm test' });
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      options: { cwd: { type: 'string' }, 'allow-net': { type: 'string', multiple: true }, timeout: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    throw new SummonError('usage', error instanceof Error ? error.message : String(error), { hint: 'run `summon sandbox exec --help` for the flags' });
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(`${HELP}\n`);
    return 0;
  }
  const [command, ...args] = positionals;
  if (command === undefined) throw new SummonError('usage', 'summon sandbox exec needs a command after --', { hint: 'e.g. summon sandbox exec -- ls -la' });
  const timeoutMs = values.timeout === undefined ? NO_TIMEOUT_MS : Number(values.timeout) * 1000;
  if (!(timeoutMs > 0)) throw new SummonError('usage', `--timeout "${values.timeout}" is not a positive number of seconds`, { hint: 'e.g. --timeout 60' });

  const workspace = path.resolve(io.cwd, values.cwd ?? '.');
  const base = await defaultPolicy(workspace, io.env).catch((error: unknown) => {
    throw new SummonError('usage', `cannot use ${workspace} as the workspace: ${error instanceof Error ? error.message : String(error)}`, { hint: 'pass an existing folder with --cwd' });
  });
  const domains = values['allow-net'] ?? [];
  // As for the agent's commands: the workspace's secret files read as empty.
  const unreadable = await secretFiles(base.workspace, { spawn: defaultSpawn });
  const policy: SandboxPolicy = { ...base, ...(domains.length > 0 ? { network: { mode: 'allow' as const, domains } } : {}), ...(unreadable.length > 0 ? { unreadable } : {}) };
  await assertSandboxAvailable(policy, undefined, { searchPath: io.env.PATH });

  let proxy: NetworkProxy | undefined;
  let network: NetworkBridge | undefined;
  if (domains.length > 0) {
    const socatPath = await findSocat({ searchPath: io.env.PATH, hidden: policy.hidden });
    proxy = await startNetworkProxy({
      domains,
      onDecision: (decision) => {
        if (!decision.allowed) io.stderr(`summon: blocked network access to ${decision.host}:${decision.port} (allow it with --allow-net ${decision.host})\n`);
      },
    });
    network = { socketPath: proxy.socketPath, socatPath };
  }
  try {
    return await execute(policy, { command, args, network, timeoutMs, timeoutText: values.timeout }, io);
  } finally {
    await proxy?.close();
  }
}

interface Execution {
  command: string;
  args: string[];
  network: NetworkBridge | undefined;
  timeoutMs: number;
  timeoutText: string | undefined;
}

async function execute(policy: SandboxPolicy, { command, args, network, timeoutMs, timeoutText }: Execution, io: CliIo): Promise<number> {
  const sandboxed = sandboxedCommand(policy, { command, args, cwd: policy.workspace, env: io.env, network });
  const controller = new AbortController();
  const onSignal = (): void => controller.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const created = await createStandIns(policy);
  try {
    const result = await runProcess({
      command: sandboxed.command,
      args: sandboxed.args,
      cwd: policy.workspace,
      env: sandboxed.env,
      timeoutMs,
      maxOutputBytes: 0,
      signal: controller.signal,
      stdin: undefined,
      onStdout: (chunk) => io.stdout(chunk.toString('utf8')),
      onStderr: (chunk) => io.stderr(chunk.toString('utf8')),
    });
    if (controller.signal.aborted) return INTERRUPTED_EXIT;
    if (result.timedOut) {
      io.stderr(`summon: the command timed out after ${timeoutText} s; the sandbox was killed\n`);
      return TIMEOUT_EXIT;
    }
    return result.exitCode ?? 128 + signalNumber(result.signal);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await removeStandIns(created);
  }
}

function signalNumber(signal: string | null): number {
  const numbers: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGABRT: 6, SIGKILL: 9, SIGSEGV: 11, SIGPIPE: 13, SIGTERM: 15 };
  return signal === null ? 0 : (numbers[signal] ?? 0);
}
