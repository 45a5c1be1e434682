// Spawns the real summon CLI in an isolated home (config, state) against a workspace folder.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { agentEventSchema, type AgentEvent } from '../../src/core/events.js';

export const BIN = path.resolve(import.meta.dirname, '../../bin/summon.cjs');

export interface Sandbox {
  home: string;
  workspace: string;
  env: NodeJS.ProcessEnv;
  /** Writes files into the workspace: relative path → content. */
  files(files: Record<string, string>): void;
  journalEvents(): AgentEvent[];
}

export function makeSandbox(extraEnv: Record<string, string> = {}): Sandbox {
  const home = mkdtempSync(path.join(os.tmpdir(), 'summon-e2e-home-'));
  const workspace = mkdtempSync(path.join(os.tmpdir(), 'summon-e2e-ws-'));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_STATE_HOME: path.join(home, '.local', 'state'),
    ...extraEnv,
  };
  return {
    home,
    workspace,
    env,
    files(files) {
      for (const [name, content] of Object.entries(files)) {
        const file = path.join(workspace, name);
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, content);
      }
    },
    journalEvents() {
      const dir = path.join(home, '.local', 'state', 'summon', 'sessions');
      return readdirSync(dir)
        .filter((name) => name.endsWith('.jsonl'))
        .flatMap((name) => readFileSync(path.join(dir, name), 'utf8').trim().split('\n'))
        .map((line) => agentEventSchema.parse(JSON.parse(line)));
    },
  };
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function startSummon(args: string[], sandbox: Sandbox, env: Record<string, string> = {}, input?: string): { child: ChildProcess; done: Promise<CliResult> } {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: sandbox.workspace, env: { ...sandbox.env, ...env }, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
  if (input !== undefined) child.stdin!.end(input);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<CliResult>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, done };
}

export function runSummon(args: string[], sandbox: Sandbox, env: Record<string, string> = {}, input?: string): Promise<CliResult> {
  return startSummon(args, sandbox, env, input).done;
}

/** Parses and validates stream-json output: every line must be a documented event. */
export function parseStream(stdout: string): AgentEvent[] {
  return stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => agentEventSchema.parse(JSON.parse(line)));
}

export type FakeProviderProtocol = 'openai' | 'openai-chat' | 'anthropic' | 'google';

export interface ProviderSetup {
  env: Record<string, string>;
  model: string;
  /** Workspace files the provider needs (pass to `sandbox.files`): Gemini's base URL has no variable, so it goes in project config. */
  files: Record<string, string>;
}

/** Env (and, for google, a project config file) that points a provider at the fake server. */
export function providerEnv(protocol: FakeProviderProtocol, url: string): ProviderSetup {
  if (protocol === 'anthropic') return { env: { ANTHROPIC_API_KEY: 'sk-ant-test', ANTHROPIC_BASE_URL: `${url}/v1` }, model: 'anthropic/claude-sonnet-4-5', files: {} };
  if (protocol === 'google') {
    const config = { providers: { google: { baseUrl: `${url}/v1beta` } } };
    return { env: { GEMINI_API_KEY: 'gemini-test' }, model: 'google/gemini-2.5-flash', files: { '.summon/config.json': `${JSON.stringify(config, null, 2)}\n` } };
  }
  return { env: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: `${url}/v1` }, model: `${protocol}/gpt-4.1`, files: {} };
}
