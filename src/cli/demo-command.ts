// `summon demo`: copies the bundled sample project (one failing test) into a temporary folder and
// runs the real agent loop on it. Without --model, a scripted model (clearly labelled) drives it
// through the fake LLM server over HTTP; with --model, the configured provider does.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SummonError } from '../core/errors.js';
import { startFakeLlm } from '../fake-llm/index.js';
import type { ParsedArgs } from './args.js';
import { DEMO_SCRIPT, DEMO_TASK } from './demo-script.js';
import type { CliIo } from './io.js';
import { loadConfig } from '../config/index.js';
import { runCommand } from './run-command.js';

export async function demoCommand(args: ParsedArgs, io: CliIo): Promise<number> {
  // An honest first run: no scripted claim that tests pass when no command could run.
  const { config } = await loadConfig({ cwd: io.cwd, env: io.env, flags: args.layer, flagSources: args.flagSources });
  if (config.sandbox) {
    const { probeSandbox } = await import('../safety/sandbox/index.js');
    const probe = await probeSandbox({ path: io.env.PATH });
    if (!probe.ok) {
      io.stderr(`summon demo: the sandbox every command runs in cannot start: ${probe.reason}\n  hint: ${probe.hint} (summon demo --no-sandbox)\n`);
      return 1;
    }
  }
  const sample = findSampleProject();
  const workspace = mkdtempSync(path.join(os.tmpdir(), 'summon-demo-'));
  cpSync(sample, workspace, { recursive: true });
  git(workspace, ['init', '-q']);
  git(workspace, ['add', '-A']);
  git(workspace, ['-c', 'user.name=summon demo', '-c', 'user.email=demo@summon.invalid', 'commit', '-qm', 'sample project']);

  const scripted = args.layer.model === undefined;
  const server = scripted ? await startFakeLlm({ script: DEMO_SCRIPT }) : undefined;
  const say = (text: string): void => io.stderr(`${text}\n`);
  say(`summon demo: sample project copied to ${workspace}`);
  say(
    scripted
      ? 'model: SCRIPTED DEMO MODEL (not an AI: it replays a fixed script over HTTP through summon\'s fake LLM server).\n       The tools, the test runs and the diff below are real. Try a real model with: summon demo --model PROVIDER/MODEL'
      : `model: ${args.layer.model}`,
  );
  say(`task: ${DEMO_TASK}\n`);
  try {
    const runArgs: ParsedArgs = {
      ...args,
      command: 'run',
      task: DEMO_TASK,
      cwd: workspace,
      verbose: args.outputFormat === 'text' ? true : args.verbose,
      layer: server
        ? { ...args.layer, model: 'scripted/summon-demo', providers: { scripted: { type: 'openai-compatible', baseUrl: `${server.url}/v1` } }, models: { 'scripted/summon-demo': DEMO_MODEL_INFO } }
        : args.layer,
      // The verdict is the real test run's, not the model's word: npm test runs when the model says it is done.
      verify: [...args.verify, 'npm test'],
    };
    const code = await runCommand(runArgs, io);
    if (args.outputFormat === 'text') {
      const diff = git(workspace, ['diff', '--stat', '--patch']);
      say(`\nthe change, as git sees it (${workspace}):\n${diff || '(no changes)'}`);
    }
    return code;
  } finally {
    await server?.close();
    if (!args.keep) rmSync(workspace, { recursive: true, force: true });
    else say(`kept ${workspace}`);
  }
}

/** The scripted model costs nothing and has a generous window. */
const DEMO_MODEL_INFO = { contextWindow: 128_000, maxOutputTokens: 8_192, inputPrice: 0, outputPrice: 0, tools: true, reasoning: 'none' as const };

function findSampleProject(): string {
  // Works from the bundle (dist/) and from the sources (src/cli/).
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'examples', 'demo-project');
    if (existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (path.dirname(dir) === dir) break;
  }
  throw new SummonError('internal', 'the demo sample project is missing from this installation', { hint: 'reinstall summon; examples/demo-project should ship with it' });
}

function git(cwd: string, args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}
