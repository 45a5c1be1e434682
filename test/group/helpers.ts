// A git project with a failing node:test suite, and attempt sessions (the session core's
// createSession) that point the real agent loop at the fake LLM server, scripted per attempt (the
// attempt is read from the worktree path in the prompt).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FakeReply, RecordedRequest } from '../../src/fake-llm/index.js';
import type { GroupOptions } from '../../src/group/index.js';
import { createSession } from '../../src/session/session.js';

export const BUGGY_SLUG = "export const slug = (s) => s.toLowerCase().replace(' ', '-');\n";
export const FIXED_SLUG = "export const slug = (s) => s.trim().toLowerCase().split(/\\s+/).join('-');\n";
/** Passes "lowercases", "one space" and "trims" but not "many spaces". */
export const PARTIAL_SLUG = "export const slug = (s) => s.trim().toLowerCase().replace(' ', '-');\n";

export const SLUG_TESTS = [
  "import test from 'node:test';",
  "import assert from 'node:assert/strict';",
  "import { slug } from '../slug.js';",
  "test('lowercases', () => assert.equal(slug('AB'), 'ab'));",
  "test('one space', () => assert.equal(slug('a b'), 'a-b'));",
  "test('many spaces', () => assert.equal(slug('a b c'), 'a-b-c'));",
  "test('trims', () => assert.equal(slug(' a '), 'a'));",
  '',
].join('\n');

export function git(cwd: string, args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

export function makeRepo(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'summon-group-repo-'));
  write(dir, files);
  git(dir, ['init', '-q']);
  git(dir, ['add', '-A']);
  git(dir, ['-c', 'user.name=t', '-c', 'user.email=t@t.invalid', 'commit', '-qm', 'init']);
  return dir;
}

export function write(dir: string, files: Record<string, string>): void {
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
}

export function slugProject(): string {
  return makeRepo({ 'package.json': JSON.stringify({ type: 'module', scripts: { test: 'node --test' } }), 'slug.js': BUGGY_SLUG, 'test/slug.test.js': SLUG_TESTS });
}

/** The model config a test session uses: the fake server as an OpenAI-compatible provider, priced 1/2 $ per M tokens. */
export function scriptedConfig(serverUrl: string, maxTurns = 8) {
  return {
    model: 'scripted/group-test',
    providers: { scripted: { type: 'openai-compatible' as const, baseUrl: `${serverUrl}/v1` } },
    models: { 'scripted/group-test': { contextWindow: 128_000, maxOutputTokens: 8_192, inputPrice: 1, outputPrice: 2, tools: true, reasoning: 'none' as const } },
    maxTurns,
    retry: { maxAttempts: 1, baseDelayMs: 10, maxDelayMs: 10, requestTimeoutMs: 20_000 },
  };
}

/** An environment with its own home, so no user config or cache leaks in. */
export function isolatedEnv(): Record<string, string> {
  const home = mkdtempSync(path.join(os.tmpdir(), 'summon-test-home-'));
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, XDG_CONFIG_HOME: path.join(home, 'config'), XDG_CACHE_HOME: path.join(home, 'cache'), XDG_STATE_HOME: path.join(home, 'state') };
}

/** What runGroup needs to open each attempt's session against the fake server. */
export function attemptSessions(serverUrl: string): Pick<GroupOptions, 'session' | 'modelId'> {
  const env = isolatedEnv();
  return {
    modelId: 'scripted/group-test',
    session: (attempt) => createSession({ cwd: attempt.workspace, id: attempt.sessionId, env, config: scriptedConfig(serverUrl), sessionsDir: false }),
  };
}

/** Which attempt sent a request (its worktree folder is named in the system prompt) and at which turn. */
export function requestInfo(request: RecordedRequest): { attempt: number; turn: number } {
  const body = JSON.stringify(request.body);
  const attempt = Number(/attempt-(\d+)/.exec(body)?.[1] ?? 0);
  const turn = (body.match(/\\?"role\\?":\\?"assistant\\?"/g) ?? []).length;
  return { attempt, turn };
}

/** A two-turn script: write `content` to slug.js (if given), then answer. */
export function writeThenAnswer(turn: number, content: string | undefined, usage = { inputTokens: 1000, outputTokens: 100 }): FakeReply {
  if (turn === 0 && content !== undefined) return { text: 'Fixing slug.js.', toolCalls: [{ name: 'write', input: { path: 'slug.js', content } }], usage };
  return { text: 'Done.', usage };
}
