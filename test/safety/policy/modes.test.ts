// Modes, one-run grants, headless refusals, and rules checked against their own examples.
import { describe, expect, it } from 'vitest';
import { SummonError } from '../../../src/core/errors.js';
import { asDenyWhenHeadless, createPermit, loadPolicy, type PermissionsConfigInput } from '../../../src/safety/policy/index.js';

const WORKSPACE = '/work/project';
const read = { tool: 'read', kind: 'read' as const, input: { path: 'a.ts' }, workspace: WORKSPACE };
const edit = { tool: 'edit', kind: 'write' as const, input: { path: 'a.ts', old_string: 'a', new_string: 'b' }, workspace: WORKSPACE };
const exec = (command: string) => ({ tool: 'bash', kind: 'exec' as const, input: { command }, workspace: WORKSPACE });
const fetch = { tool: 'web_fetch', kind: 'net' as const, input: { url: 'https://example.com/' }, workspace: WORKSPACE };

describe('modes', () => {
  it.each([
    ['default', ['allow', 'ask', 'ask', 'ask']],
    ['accept-edits', ['allow', 'allow', 'ask', 'ask']],
    ['plan', ['allow', 'deny', 'deny', 'ask']],
    // auto lets sandboxed commands run, but the network stays the rules' to open, for fetches too.
    ['auto', ['allow', 'allow', 'allow', 'ask']],
  ] as const)('%s: read, edit, exec, net', async (mode, expected) => {
    const policy = await loadPolicy({ mode });
    expect([read, edit, exec('make'), fetch].map((request) => policy.decide(request).decision)).toEqual(expected);
  });

  it('auto mode still obeys deny and ask rules, and never allows an unparseable command', async () => {
    const policy = await loadPolicy({ mode: 'auto', deny: ['bash(rm -rf*)'], ask: ['edit(*.lock)'] });
    expect(policy.decide(exec('make && rm -rf /')).decision).toBe('deny');
    expect(policy.decide({ ...edit, input: { ...edit.input, path: 'yarn.lock' } }).decision).toBe('ask');
    expect(policy.decide(exec('echo "open')).decision).toBe('ask');
    expect(policy.decide(exec('$TOOL run')).decision).toBe('ask');
  });

  it('plan mode is read-only even where an allow rule covers the edit', async () => {
    const policy = await loadPolicy({ mode: 'plan', allow: ['edit(**)', 'bash(git log:*)'] });
    expect(policy.decide(edit).decision).toBe('deny');
    expect(policy.decide(exec('git log --oneline')).decision).toBe('allow');
  });
});

describe('grants and headless runs', () => {
  it('grant(rule) allows for the rest of the run', async () => {
    const policy = await loadPolicy({});
    expect(policy.decide(exec('make build')).decision).toBe('ask');
    policy.grant('bash(make:*)');
    expect(policy.decide(exec('make build')).decision).toBe('allow');
  });

  it('a deny rule beats a later grant', async () => {
    const policy = await loadPolicy({ deny: ['bash(make clean)'] });
    policy.grant('bash(make:*)');
    expect(policy.decide(exec('make clean')).decision).toBe('deny');
  });

  it('headless: ask becomes deny with a hint; interactive "always" grants each sub-command exactly', async () => {
    const policy = await loadPolicy({});
    const headless = asDenyWhenHeadless(policy.decide(exec('make')));
    expect(headless.decision).toBe('deny');
    expect(headless.reason).toMatch(/--allow/);
    const denied = await createPermit(policy, { workspace: WORKSPACE })({ name: 'bash', kind: 'exec', input: { command: 'make' } });
    expect(denied).toMatchObject({ allow: false });

    const asked: string[] = [];
    const permit = createPermit(policy, {
      workspace: WORKSPACE,
      approve: async (request) => {
        asked.push(JSON.stringify(request.input));
        return 'allow-always';
      },
    });
    expect(await permit({ name: 'bash', kind: 'exec', input: { command: 'make && make test' } })).toEqual({ allow: true });
    expect(await permit({ name: 'bash', kind: 'exec', input: { command: 'make test && make' } })).toEqual({ allow: true });
    expect(asked).toHaveLength(1);
    expect(policy.decide(exec('make install')).decision).toBe('ask');
  });
});

describe('config and examples', () => {
  const fails = async (config: PermissionsConfigInput | unknown, message: RegExp) => {
    const error = await loadPolicy(config).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(SummonError);
    expect((error as SummonError).code).toBe('config-invalid');
    expect((error as SummonError).message).toMatch(message);
  };

  it('accepts rules whose examples hold', async () => {
    await loadPolicy({
      deny: [{ rule: 'bash(rm -rf*)', examples: { match: ['rm -rf /', 'echo ok && rm -rf /', 'sudo rm -rf x'], noMatch: ['rm file.txt'] } }],
      allow: [
        { rule: 'bash(npm test:*)', examples: { match: ['npm test', 'npm test -- --run'], noMatch: ['npm test && rm x', 'npm testing'] } },
        { rule: 'read(.env*)', examples: { match: ['.env', 'config/.env.local'], noMatch: ['src/env.ts'] } },
        { rule: 'net(*.npmjs.org)', examples: { match: ['registry.npmjs.org'], noMatch: ['npmjs.org', 'evil-npmjs.org'] } },
      ],
    });
  });

  it('a rule failing its own example is a config error naming the rule and the example', async () => {
    await fails({ deny: [{ rule: 'bash(rm -rf*)', examples: { match: ['rm -fr /'] } }] }, /permissions\.deny\[0\] rule "bash\(rm -rf\*\)": example "rm -fr \/" should match/);
    await fails({ allow: [{ rule: 'bash(npm test*)', examples: { noMatch: ['npm test; rm -rf /', 'npm tests'] } }] }, /example "npm tests" should not match/);
    await fails({ allow: [{ rule: 'bash(ls:*)', examples: { match: ['ls "'] } }] }, /could not be parsed/);
  });

  it('rejects malformed sections and rules', async () => {
    await fails({ mode: 'yolo' }, /permissions\.mode/);
    await fails({ allow: ['bash(npm test'] }, /permissions\.allow\.0/);
    await fails({ deny: [{ rule: 'bash', examples: { sometimes: [] } }] }, /permissions\.deny\.0/);
  });
});
