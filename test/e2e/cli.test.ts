// The CLI's other commands through the real binary: demo, config, models, help, version.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SUBCOMMANDS } from '../../src/cli/commands.js';
import { COMMAND_HELP } from '../../src/cli/help.js';
import { makeSandbox, parseStream, runSummon } from './harness.js';

describe('summon demo', () => {
  it('runs the real loop on the sample project with a labelled scripted model: the test fails, gets fixed, passes', async () => {
    const sandbox = makeSandbox();
    const result = await runSummon(['demo'], sandbox);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/SCRIPTED DEMO MODEL \(not an AI/);
    // The real test run: one failure before the fix…
    expect(result.stderr).toMatch(/› bash .*npm test/);
    // …and the real diff at the end.
    expect(result.stderr).toMatch(/-\s+\.replace\(\/\[\^a-z0-9\]\+\/, '-'\)/);
    expect(result.stderr).toMatch(/\+\s+\.replace\(\/\[\^a-z0-9\]\+\/g, '-'\)/);
    expect(result.stderr).toMatch(/summon: completed · 1 file changed \(src\/slugify\.js\)/);
    expect(result.stdout).toMatch(/both tests now pass/);
    // The verdict is the real test run's (npm test as a verifier), not the scripted model's word.
    expect(result.stderr).toMatch(/verified: test 1\.00 ✓ — reward 1\.00/);
  });

  it('refuses to start without the sandbox, saying how to install it or run without it', async () => {
    const sandbox = makeSandbox();
    const result = await runSummon(['demo'], sandbox, { PATH: path.join(sandbox.home, 'no-such-bin') });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/cannot start: the sandbox program "bwrap" \(bubblewrap\) is not installed/);
    expect(result.stderr).toMatch(/apt-get install bubblewrap/);
    expect(result.stderr).toMatch(/--no-sandbox/);
    expect(result.stderr).not.toMatch(/SCRIPTED DEMO MODEL|completed/);
  });

  it('streams the same run as schema-valid events, with the failing and then passing test output', async () => {
    const result = await runSummon(['demo', '--output-format', 'stream-json'], makeSandbox());
    expect(result.code).toBe(0);
    const bashResults = parseStream(result.stdout).flatMap((event) => (event.type === 'tool-result' && event.name === 'bash' ? [event.output] : []));
    expect(bashResults).toHaveLength(2);
    expect(bashResults[0]).toMatch(/# fail 1/);
    expect(bashResults[1]).toMatch(/# fail 0/);
  });
});

describe('summon config', () => {
  it('prints each value with its source and masks secrets', async () => {
    const sandbox = makeSandbox();
    mkdirSync(path.join(sandbox.workspace, '.summon'));
    writeFileSync(path.join(sandbox.workspace, '.summon', 'config.json'), JSON.stringify({ maxTurns: 12 }));
    const key = 'sk-test-abcdefghijklmnopqrstuvwxyz0123';
    const result = await runSummon(['config', '--model', 'openai/gpt-5'], sandbox, { OPENAI_API_KEY: key });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/model\s+= "openai\/gpt-5"\s+\(flag --model\)/);
    expect(result.stdout).toMatch(/maxTurns\s+= 12\s+\(project file .*config\.json\)/);
    expect(result.stdout).toMatch(/providers\.openai\.apiKey\s+= .*\(env:OPENAI_API_KEY\)/);
    expect(result.stdout).toMatch(/think\s+= "off"\s+\(default\)/);
    expect(result.stdout).not.toContain(key);
    const json = await runSummon(['config', '--json'], sandbox, { OPENAI_API_KEY: key });
    expect(json.stdout).not.toContain(key);
    expect(JSON.parse(json.stdout).maxTurns).toEqual({ value: 12, source: expect.stringMatching(/^project file /) });
  });
});

describe('help, version, models', () => {
  it('has help with examples for every command', async () => {
    const sandbox = makeSandbox();
    for (const command of Object.keys(COMMAND_HELP)) {
      const result = await runSummon(['help', command], sandbox);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/Examples?:/);
    }
    for (const command of Object.keys(SUBCOMMANDS)) {
      const result = await runSummon([command, '--help'], sandbox);
      expect(result.code, command).toBe(0);
      expect(result.stdout, command).toMatch(/examples?:/i);
    }
    const main = await runSummon(['--help'], sandbox);
    expect(main.stdout).toMatch(/Exit codes: 0 done, 1 the agent failed or gave up, 2 usage or configuration error, 130 interrupted/);
  });

  it('prints the version and the model table', async () => {
    const sandbox = makeSandbox();
    expect((await runSummon(['--version'], sandbox)).stdout).toMatch(/^summon \d+\.\d+\.\d+\n$/);
    const models = await runSummon(['models', '--json'], sandbox);
    expect(JSON.parse(models.stdout)['anthropic/claude-sonnet-4-5']).toMatchObject({ tools: true, reasoning: 'budget' });
  });
});

describe('summon verify', () => {
  it('math --json: one line out per line in, in order, a malformed line reported with its number', async () => {
    const input = [
      JSON.stringify({ id: 'a', gold: '\\frac{1}{2}', prediction: 'so \\boxed{0.5}' }),
      '{not json',
      JSON.stringify({ id: 'c', gold: '7', prediction: 'The answer is 8.' }),
    ].join('\n');
    const result = await runSummon(['verify', 'math', '--json'], makeSandbox(), {}, `${input}\n`);
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toEqual({ id: 'a', correct: true, reward: 1, extracted: '0.5' });
    expect(lines[1]).toMatchObject({ line: 2, error: expect.stringMatching(/JSON/) });
    expect(lines[2]).toMatchObject({ id: 'c', correct: false, reward: 0 });
  });

  it('an unknown kind is a usage error', async () => {
    const result = await runSummon(['verify', 'poetry'], makeSandbox());
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown verifier "poetry"/);
  });
});
