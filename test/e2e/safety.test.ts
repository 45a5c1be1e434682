// Safety through the real CLI: permission rules on parsed shell commands, headless ask ⇒ deny,
// secrets never reaching the model, and the sandbox around the agent's commands.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeLlm, type FakeLlmServer } from '../../src/fake-llm/index.js';
import { makeSandbox, parseStream, providerEnv, runSummon } from './harness.js';

let server: FakeLlmServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('permissions', () => {
  it('a deny rule catches a command chained behind an innocent one, and the run goes on', async () => {
    server = await startFakeLlm({ script: [{ toolCalls: [{ name: 'bash', input: { command: 'echo ok && rm -rf victim' } }] }, { text: 'gave up on that' }] });
    const sandbox = makeSandbox();
    sandbox.files({ 'victim/keep.txt': 'precious' });
    const { env, model } = providerEnv('openai', server.url);
    const result = await runSummon(['-p', 'clean up', '--model', model, '--deny', 'bash(rm -rf*)', '--output-format', 'stream-json'], sandbox, env);
    expect(result.code).toBe(0);
    expect(existsSync(path.join(sandbox.workspace, 'victim', 'keep.txt'))).toBe(true);
    const events = parseStream(result.stdout);
    expect(events.find((event) => event.type === 'permission')).toMatchObject({ tool: 'bash', decision: 'deny' });
    expect(events.find((event) => event.type === 'tool-result')).toMatchObject({ isError: true });
  });

  it('a read rule covers grep too: a search over the workspace shows nothing of the denied file', async () => {
    server = await startFakeLlm({ script: [{ toolCalls: [{ name: 'grep', input: { pattern: 'TOKEN', path: '.' } }] }, { text: 'done' }] });
    const sandbox = makeSandbox();
    sandbox.files({ '.env.local': 'TOKEN_NAME=internal-billing\n', 'src/config.ts': 'export const TOKEN_HEADER = "x-token";\n' });
    const { env, model } = providerEnv('openai', server.url);
    const result = await runSummon(['-p', 'where is TOKEN used?', '--model', model, '--deny', 'read(.env*)'], sandbox, env);
    expect(result.code).toBe(0);
    const sent = JSON.stringify(server.requests[1]!.body);
    expect(sent).toContain('src/config.ts:1:export const TOKEN_HEADER');
    expect(sent).not.toContain('internal-billing');
    // Inside the sandbox the denied file reads as empty: nothing matches in it, and nothing fails.
    expect(sent).not.toMatch(/could not be searched|Permission denied/);
  });

  it('without the sandbox, commands need an explicit allow: headless ask ⇒ deny, reported', async () => {
    server = await startFakeLlm({ script: [{ toolCalls: [{ name: 'bash', input: { command: 'touch made-it' } }] }, { text: 'ok' }] });
    const sandbox = makeSandbox();
    const { env, model } = providerEnv('openai', server.url);
    const result = await runSummon(['-p', 'touch', '--model', model, '--no-sandbox', '--output-format', 'stream-json'], sandbox, env);
    expect(result.code).toBe(0);
    expect(existsSync(path.join(sandbox.workspace, 'made-it'))).toBe(false);
    expect(parseStream(result.stdout).find((event) => event.type === 'permission')).toMatchObject({ decision: 'deny', reason: expect.stringMatching(/--allow/) });
    expect(result.stderr).toMatch(/--no-sandbox/);
  });
});

describe('secrets', () => {
  it('a key in a file the agent reads reaches neither the model nor the journal', async () => {
    const key = 'sk-ant-api03-Zx8Qw2Er4Ty6Ui8Op0As2Df4Gh6Jk8Lz0Xc2Vb4Nm6Qw8Er0Ty2Ui4Op6As8Df0Gh2Jk4Lz6Xc8Vb0NmAA';
    server = await startFakeLlm({ script: [{ toolCalls: [{ name: 'read', input: { path: 'settings.py' } }] }, { text: 'read it' }] });
    const sandbox = makeSandbox();
    sandbox.files({ 'settings.py': `ANTHROPIC_KEY = "${key}"\nDEBUG = True\n` });
    const { env, model } = providerEnv('openai', server.url);
    const result = await runSummon(['-p', 'what is in settings.py?', '--model', model, '--output-format', 'stream-json'], sandbox, env);
    expect(result.code).toBe(0);
    expect(JSON.stringify(server.requests.map((request) => request.body))).not.toContain(key);
    expect(JSON.stringify(server.requests[1]!.body)).toMatch(/«secret:[a-z_]+:1»/);
    expect(result.stdout).not.toContain(key);
    expect(JSON.stringify(sandbox.journalEvents())).not.toContain(key);
  });
});

describe('sandbox', () => {
  it("the agent's commands cannot read the home folder or see the provider key", async () => {
    server = await startFakeLlm({ script: [{ toolCalls: [{ name: 'bash', input: { command: 'ls -A ~; env | grep -c API_KEY; cat ~/.git-credentials' } }] }, { text: 'ok' }] });
    const sandbox = makeSandbox();
    const { writeFileSync } = await import('node:fs');
    writeFileSync(path.join(sandbox.home, '.git-credentials'), 'https://user:hunter2-token@example.com\n');
    const { env, model } = providerEnv('openai', server.url);
    const result = await runSummon(['-p', 'look around', '--model', model, '--output-format', 'stream-json'], sandbox, env);
    expect(result.code).toBe(0);
    const output = parseStream(result.stdout).find((event) => event.type === 'tool-result');
    expect(output?.type === 'tool-result' && output.output).toMatch(/No such file or directory/);
    expect(JSON.stringify(server.requests[1]!.body)).not.toContain('hunter2-token');
  });
});

describe('change audit', () => {
  it('finds SQL built by concatenation in the change, sends it back once, and reports what remains', async () => {
    const vulnerable = "export function find(db: { query(sql: string): unknown }, name: string) {\n  return db.query(\"SELECT * FROM users WHERE name = '\" + name + \"'\");\n}\n";
    server = await startFakeLlm({
      script: [
        { toolCalls: [{ name: 'write', input: { path: 'src/users.ts', content: vulnerable } }] },
        { text: 'done' },
        { text: 'it is fine' },
      ],
    });
    const sandbox = makeSandbox();
    const { env, model } = providerEnv('openai', server.url);
    const result = await runSummon(['-p', 'add a user lookup', '--model', model, '--output-format', 'json'], sandbox, env);
    expect(result.code).toBe(0);
    // The second model request carried the finding (one chance to fix it)…
    expect(JSON.stringify(server.requests[2]!.body)).toMatch(/security audit of your changes found problems[^"]*src\/users\.ts:2 sql-injection/);
    // …and what the model left unfixed is shown to the user.
    const output = JSON.parse(result.stdout);
    expect(output.auditFindings).toEqual([expect.objectContaining({ file: 'src/users.ts', line: 2, rule: 'sql-injection', cwe: 'CWE-89' })]);
  });
});

describe('permission rules with examples', () => {
  it('a rule that fails its own examples is a configuration error naming the rule, exit 2', async () => {
    const sandbox = makeSandbox();
    sandbox.files({
      '.summon/config.json': JSON.stringify({ permissions: { deny: [{ rule: 'bash(rm -rf*)', examples: { match: ['rm -fr /'] } }] } }),
    });
    const result = await runSummon(['-p', 'hi', '--model', 'openai/gpt-5'], sandbox, { OPENAI_API_KEY: 'sk-test' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/bash\(rm -rf\*\)/);
    expect(result.stderr).toMatch(/rm -fr \//);
  });
});
