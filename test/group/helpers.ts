// A git project with a failing node:test suite, and run options that point the real agent loop at
// the fake LLM server, scripted per attempt (the attempt is read from the worktree path in the prompt).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { prepareModel, prepareSystemPrompt } from '../../src/agent/setup.js';
import type { FakeReply, RecordedRequest } from '../../src/fake-llm/index.js';
import type { SharedRunOptions } from '../../src/group/index.js';
import { builtinTools, defaultSpawn } from '../../src/tools/index.js';

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

export async function runOptions(serverUrl: string): Promise<{ run: SharedRunOptions; system: (workspace: string) => string }> {
  const model = await prepareModel(
    {
      model: 'scripted/group-test',
      providers: { scripted: { type: 'openai-compatible', baseUrl: `${serverUrl}/v1` } },
      models: { 'scripted/group-test': { contextWindow: 128_000, maxOutputTokens: 8_192, inputPrice: 1, outputPrice: 2, tools: true, reasoning: 'none' } },
    },
    {},
  );
  return {
    run: {
      model,
      think: 'off',
      limits: { maxTurns: 8 },
      compactAt: 0.8,
      retry: { maxAttempts: 1, baseDelayMs: 10, maxDelayMs: 10, requestTimeoutMs: 20_000 },
      tools: builtinTools,
      commandTimeoutMs: 30_000,
      maxToolOutputChars: 30_000,
      spawn: defaultSpawn,
      version: 'test',
    },
    system: (workspace) => prepareSystemPrompt(workspace).system,
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
