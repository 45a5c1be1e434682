// Sub-agents through the session core against the fake LLM server: two in parallel, their events
// nested in the parent's stream, their cost in the parent's, read-only unless defined otherwise,
// custom agents from .summon/agents and Claude Code's .claude/agents, and a bad agent file named.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RecordedRequest } from '../../src/fake-llm/index.js';
import { parseAgentFile } from '../../src/session/agents.js';
import { createSession, resumeSession } from '../../src/session/session.js';
import { useFakeLlm } from '../fake-llm/lifecycle.js';
import { fakeModelConfig, isolatedEnv, ofType, runTask, tempWorkspace } from './helpers.js';

const startFake = useFakeLlm();
const has = (request: RecordedRequest, text: string): boolean => JSON.stringify(request.body).includes(text);
const task = (prompt: string, agent?: string) => ({ name: 'task', input: { description: prompt.slice(0, 20), prompt, ...(agent ? { agent } : {}) } });

describe('the task tool', () => {
  it('runs two sub-agents in parallel, nests their events, sums their cost, keeps the parent conversation clean', async () => {
    const answered = { a: 0, b: 0 };
    const fake = await startFake((request) => {
      if (has(request, 'investigate A and B')) return has(request, 'A lives in a.txt') ? { text: 'both done' } : { toolCalls: [task('FIND-A: where does A live?'), task('FIND-B: where is B?')] };
      if (has(request, 'FIND-A')) return answered.a++ === 0 ? { toolCalls: [{ name: 'read', input: { path: 'a.txt' } }], delayMs: 300 } : { text: 'A lives in a.txt' };
      return answered.b++ === 0 ? { toolCalls: [{ name: 'write', input: { path: 'b.txt', content: 'x' } }] } : { text: 'B is nowhere' };
    });
    const env = isolatedEnv();
    const cwd = tempWorkspace({ 'a.txt': 'A\n' });
    // A verifier judges the parent's task, not the children's answers.
    const session = await createSession({ cwd, env, config: fakeModelConfig(fake.url), verify: ['true'] });
    const events = await runTask(session, 'investigate A and B');
    await session.close();

    const done = events.at(-1);
    expect(done).toMatchObject({ type: 'done', reason: 'completed', result: 'both done', sessionId: session.id });
    // Parallel: both children's first requests arrived before the first child's second one.
    const firstA = fake.requests.findIndex((request) => has(request, 'FIND-A'));
    const firstB = fake.requests.findIndex((request) => has(request, 'FIND-B'));
    const secondA = fake.requests.findIndex((request, index) => index > firstA && has(request, 'FIND-A'));
    expect(Math.max(firstA, firstB)).toBeLessThan(secondA);
    // Their events are in the parent's stream, marked with the parent's id.
    const nested = events.filter((event) => event.parentSessionId === session.id);
    const children = new Set(nested.map((event) => event.sessionId));
    expect(children.size).toBe(2);
    expect([...children].every((id) => id.startsWith(`${session.id}.explore-`))).toBe(true);
    expect(ofType(nested, 'done')).toHaveLength(2);
    expect(ofType(nested, 'verify-result')).toEqual([]);
    expect(ofType(events, 'verify-result')).toHaveLength(1);
    // Read-only by default: the write was refused as a tool the sub-agent does not have.
    expect(ofType(nested, 'tool-result').find((result) => result.name === 'write')).toMatchObject({ isError: true, output: expect.stringContaining('unknown tool "write"') });
    expect(existsSync(path.join(cwd, 'b.txt'))).toBe(false);
    // The results came back with the files each looked at.
    const results = ofType(events.filter((event) => event.parentSessionId === undefined), 'tool-result');
    expect(results.map((result) => result.name)).toEqual(['task', 'task']);
    // (B finished first: A's first reply was slower.)
    expect(results.map((result) => result.output.split('\n')[0])).toEqual([expect.stringMatching(/^sub-agent explore \(FIND-B.*\): completed, 2 turns/), expect.stringMatching(/^sub-agent explore \(FIND-A.*\): completed, 2 turns/)]);
    expect(results[1]!.output).toMatch(/A lives in a\.txt[\s\S]*Files it looked at: a\.txt/);
    expect(results[0]!.output).toContain('B is nowhere');
    // Cost: the parent's done counts every turn, its own and the children's.
    const allCost = ofType(events, 'usage').reduce((sum, event) => sum + event.costUsd, 0);
    const ownCost = ofType(events.filter((event) => event.parentSessionId === undefined), 'usage').reduce((sum, event) => sum + event.costUsd, 0);
    expect(done?.type === 'done' && done.costUsd).toBeCloseTo(allCost, 12);
    expect(allCost).toBeGreaterThan(ownCost);
    // The parent's conversation holds the task calls and results, not the children's turns.
    expect(session.history().map((message) => message.role)).toEqual(['user', 'assistant', 'tool', 'assistant']);
    const resumed = await resumeSession(session.id, { env, config: fakeModelConfig(fake.url) });
    expect(resumed.history()).toEqual(session.history());
    await resumed.close();
  });

  it('custom agents from .summon/agents and .claude/agents: their tools and instructions; a bad file is one notice naming it and the field', async () => {
    const fake = await startFake((request) => {
      if (has(request, 'Review like a hawk')) return has(request, 'tool_call_id') ? { text: 'reviewed' } : { toolCalls: [{ name: 'bash', input: { command: 'echo looked' } }] };
      return has(request, 'reviewed') ? { text: 'done' } : { toolCalls: [task('REVIEW the change', 'reviewer')] };
    });
    const cwd = tempWorkspace();
    mkdirSync(path.join(cwd, '.claude', 'agents'), { recursive: true });
    mkdirSync(path.join(cwd, '.summon', 'agents'), { recursive: true });
    writeFileSync(path.join(cwd, '.claude', 'agents', 'reviewer.md'), '---\nname: reviewer\ndescription: reviews changes\ntools: Read, Grep, Bash, WebFetch\nmodel: sonnet\n---\nReview like a hawk.\n');
    writeFileSync(path.join(cwd, '.summon', 'agents', 'broken.md'), '---\nname: broken one\ndescription: x\n---\n');
    // Commands are asked about: the sub-agent's ask reaches the parent's approve.
    const asked: string[] = [];
    const config = { ...fakeModelConfig(fake.url), permissions: { mode: 'default' as const, allow: [], ask: [], deny: [] } };
    const session = await createSession({ cwd, env: isolatedEnv(), config, approve: async (request) => (asked.push(`${request.tool}: ${JSON.stringify(request.input)}`), 'allow') });
    const events = await runTask(session, 'review');
    expect(asked).toEqual(['bash: {"command":"echo looked"}']);
    await session.close();
    expect(ofType(events, 'notice').map((event) => event.message)).toEqual(expect.arrayContaining([expect.stringMatching(/broken\.md: field "name": letters, digits/)]));
    const nested = events.filter((event) => event.parentSessionId === session.id);
    // Bash came from the Claude Code file's tools; the sandbox ran it.
    expect(ofType(nested, 'tool-result')[0]).toMatchObject({ name: 'bash', isError: false, output: expect.stringContaining('looked') });
    expect(events.at(-1)).toMatchObject({ type: 'done', result: 'done' });
    // The task tool's description names the custom agent.
    expect(has(fake.requests[0]!, 'reviewer (reviews changes; tools: read, grep, bash, web_fetch)')).toBe(true);
  });

  it('a sub-agent that runs out of turns returns its partial findings and the reason; the parent goes on', async () => {
    const fake = await startFake((request) => {
      if (!has(request, 'find the bug')) return { text: 'so far: the bug is in parse()', toolCalls: [{ name: 'ls', input: { path: '.' } }] };
      return has(request, 'so far: the bug is in parse()') ? { text: 'noted' } : { toolCalls: [{ name: 'task', input: { description: 'dig', prompt: 'DIG-DEEP into it', max_turns: 2 } }] };
    });
    const session = await createSession({ cwd: tempWorkspace(), env: isolatedEnv(), config: fakeModelConfig(fake.url) });
    const events = await runTask(session, 'find the bug');
    await session.close();
    const result = ofType(events.filter((event) => event.parentSessionId === undefined), 'tool-result')[0];
    expect(result).toMatchObject({ name: 'task', isError: false, output: expect.stringMatching(/max-turns, 2 turns[\s\S]*stopped before finishing \(max-turns\)\. Its last findings:\nso far: the bug is in parse\(\)/) });
    expect(events.at(-1)).toMatchObject({ type: 'done', reason: 'completed', result: 'noted' });
  });

  it('an unknown agent is a tool error the model can act on', async () => {
    const fake = await startFake([{ toolCalls: [task('x', 'nobody')] }, { text: 'ok' }]);
    const session = await createSession({ cwd: tempWorkspace(), env: isolatedEnv(), config: fakeModelConfig(fake.url) });
    const events = await runTask(session, 'delegate');
    await session.close();
    expect(ofType(events, 'tool-result')[0]).toMatchObject({ isError: true, output: expect.stringMatching(/no agent "nobody"[\s\S]*agents: explore/) });
  });
});

describe('agent files', () => {
  it('parses Claude Code frontmatter: comma or dash lists, tool names mapped, aliases mean the parent model', () => {
    const parsed = parseAgentFile('a.md', '---\nname: helper\ndescription: "helps"\ntools:\n  - Read\n  - MultiEdit\nmodel: haiku\n---\nBe brief.');
    expect(parsed).toEqual({ agent: { name: 'helper', description: 'helps', tools: ['read', 'multi_edit'], instructions: 'Be brief.', file: 'a.md' } });
    expect(parseAgentFile('b.md', '---\nname: b\ndescription: d\nmodel: openai/gpt-5\n---\n')).toMatchObject({ agent: { tools: ['read', 'grep', 'glob', 'ls', 'context', 'web_fetch'], model: 'openai/gpt-5' } });
  });

  it('names the file and the field of what is wrong', () => {
    expect(parseAgentFile('c.md', 'no frontmatter')).toEqual({ problem: expect.stringMatching(/^c\.md: no frontmatter/) });
    expect(parseAgentFile('d.md', '---\nname: d\n---\n')).toEqual({ problem: 'd.md: field "description": missing' });
    expect(parseAgentFile('e.md', '---\nname: e\ndescription: x\ntools: Read, Teleport\n---\n')).toEqual({ problem: expect.stringMatching(/^e\.md: field "tools": unknown tool "Teleport"/) });
  });
});
