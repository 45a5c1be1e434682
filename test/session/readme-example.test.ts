// The README's library example is examples/library.mjs, word for word, and it runs: against the
// fake server speaking Anthropic's wire protocol, from a project folder, as a user would run it.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { useFakeLlm } from '../fake-llm/lifecycle.js';
import { isolatedEnv, tempWorkspace } from './helpers.js';

const root = path.resolve(import.meta.dirname, '../..');
const example = path.join(root, 'examples', 'library.mjs');
const startFake = useFakeLlm();

it('the README shows examples/library.mjs as it is', () => {
  const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
  const block = /## summon as a library[\s\S]*?```js\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(block).toBe(readFileSync(example, 'utf8'));
});

it('runs: two tasks in one session, approvals answered by its callback', async () => {
  const bash = (command: string) => ({ toolCalls: [{ name: 'bash', input: { command } }] });
  const fake = await startFake([
    bash('npm test'),
    { toolCalls: [{ name: 'write', input: { path: 'slug.test.js', content: '// fixed\n' } }] },
    bash('curl -s https://example.com'),
    { text: 'Fixed the test.' },
    bash('npm test'),
    { text: 'Added the test.' },
  ]);
  const cwd = tempWorkspace({ 'package.json': JSON.stringify({ name: 'p', scripts: { test: 'echo tests pass' } }) });
  const env = { ...isolatedEnv(), ANTHROPIC_API_KEY: 'sk-ant-test', ANTHROPIC_BASE_URL: `${fake.url}/v1` };
  const child = spawn(process.execPath, [example], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  expect(code, stderr).toBe(0);
  expect(stdout).toContain('Fixed the test.');
  expect(stdout).toContain('Added the test.');
  // npm test asked once (allowed always), the write once, curl once (denied); the second npm test not at all.
  expect(stderr.match(/^\? policy: (\S+)/gm)).toEqual(['? policy: bash', '? policy: write', '? policy: bash']);
  expect(stderr.match(/^completed: /gm)).toHaveLength(2);
  expect(stderr).toMatch(/continue later with resumeSession\('[\w-]+'\)/);
  expect(JSON.stringify(fake.requests[3]!.body)).toContain('only npm test may run here');
  expect(readFileSync(path.join(cwd, 'slug.test.js'), 'utf8')).toBe('// fixed\n');
});
