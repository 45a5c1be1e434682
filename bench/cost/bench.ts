// bench/cost: what a long session costs with prompt caching. A scripted 30-turn coding session
// (reads, searches, edits, test runs) through the session core against the fake LLM server, which
// simulates each provider's prompt cache as documented; per wire: input tokens, the cached share per
// turn, and the billed cost with the model table's prices — next to the same session billed with
// no caching, and next to the ideal (only the tokens appended since the previous request uncached).
// Targets: cached share ≥ 85 % of input from turn 2 on; billed cost within 1.15× of the ideal.
// Usage: npx tsx bench/cost/run.ts [--turns 30] (run.ts registers the ?raw loader, then imports this)
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { AgentEvent, Usage } from '../../src/core/events.js';
import type { ModelInfo } from '../../src/core/config.js';
import { startFakeLlm, type FakeReply } from '../../src/fake-llm/index.js';
import { resolveModelInfo } from '../../src/model/catalog.js';
import { costOf } from '../../src/model/cost.js';
import { createSession } from '../../src/session/session.js';
import { printTable, writeResults } from '../lib.mjs';

const { values } = parseArgs({ options: { turns: { type: 'string', default: '30' } } });
const TURNS = Number(values.turns);

const WIRES = [
  { name: 'anthropic', model: 'anthropic/claude-sonnet-4-5', env: (url: string) => ({ ANTHROPIC_API_KEY: 'sk-ant-bench', ANTHROPIC_BASE_URL: `${url}/v1` }), config: {} },
  { name: 'openai (Responses)', model: 'openai/gpt-5', env: (url: string) => ({ OPENAI_API_KEY: 'sk-bench', OPENAI_BASE_URL: `${url}/v1` }), config: {} },
  { name: 'openai (Chat)', model: 'openai-chat/gpt-4.1', env: (url: string) => ({ OPENAI_API_KEY: 'sk-bench', OPENAI_BASE_URL: `${url}/v1` }), config: {} },
  { name: 'google (Flash)', model: 'google/gemini-2.5-flash', env: () => ({ GEMINI_API_KEY: 'gemini-bench' }), config: (url: string) => ({ providers: { google: { baseUrl: `${url}/v1beta` } } }) },
  // Gemini Pro caches implicitly only from 4,096 tokens: the first turns of a session are below that.
  { name: 'google (Pro)', model: 'google/gemini-2.5-pro', env: () => ({ GEMINI_API_KEY: 'gemini-bench' }), config: (url: string) => ({ providers: { google: { baseUrl: `${url}/v1beta` } } }) },
] as const;

/** A small project: a module with a bug, its tests, and some other files to read and search. */
function makeProject(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'summon-bench-cost-'));
  const write = (name: string, content: string): void => {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  };
  write('package.json', JSON.stringify({ name: 'cost-bench', type: 'module', scripts: { test: 'node --test' } }, null, 2));
  write('src/slug.js', "export const slug = (s) => s.toLowerCase().replace(' ', '-');\n");
  for (let index = 0; index < 8; index++) {
    const body = Array.from({ length: 60 }, (_, line) => `export function helper${index}_${line}(value) {\n  return value * ${line + 1} + ${index};\n}\n`).join('');
    write(`src/lib/helpers-${index}.js`, body);
  }
  write('test/slug.test.js', "import test from 'node:test';\nimport assert from 'node:assert/strict';\nimport { slug } from '../src/slug.js';\ntest('many spaces', () => assert.equal(slug('a b c'), 'a-b-c'));\n");
  execFileSync('git', ['init', '-q'], { cwd: dir });
  return dir;
}

/** The scripted model: a mix of reads, searches, edits and test runs, then an answer. */
function reply(turn: number): FakeReply {
  const usage = { outputTokens: 120 };
  if (turn >= TURNS) return { text: 'The slug tests pass now.', usage };
  const step = turn % 6;
  if (step === 0) return { text: 'Reading.', toolCalls: [{ name: 'read', input: { path: `src/lib/helpers-${turn % 8}.js` } }], usage };
  if (step === 1) return { toolCalls: [{ name: 'grep', input: { pattern: `helper${turn % 8}_1`, path: 'src' } }], usage };
  if (step === 2) return { toolCalls: [{ name: 'bash', input: { command: 'npm test 2>&1 | tail -20' } }], usage };
  if (step === 3) return { text: 'Editing.', toolCalls: [{ name: 'edit', input: { path: `src/lib/helpers-${turn % 8}.js`, old_string: `return value * 2 + ${turn % 8};`, new_string: `return value * 2 + ${turn % 8}; // checked at turn ${turn}` } }], usage };
  if (step === 4) return { toolCalls: [{ name: 'read', input: { path: 'src/slug.js' } }], usage };
  return { toolCalls: [{ name: 'ls', input: { path: 'src/lib' } }], usage };
}

interface TurnRow {
  turn: number;
  input: number;
  cached: number;
  written: number;
  billed: number;
}

async function runWire(wire: (typeof WIRES)[number]): Promise<{ rows: TurnRow[]; info: ModelInfo }> {
  let turn = 0;
  const server = await startFakeLlm({ script: () => reply(++turn), caching: true });
  const home = mkdtempSync(path.join(os.tmpdir(), 'summon-bench-cost-home-'));
  const env = { PATH: process.env.PATH, HOME: home, XDG_CONFIG_HOME: path.join(home, 'config'), XDG_CACHE_HOME: path.join(home, 'cache'), XDG_STATE_HOME: path.join(home, 'state'), ...wire.env(server.url) };
  const info = resolveModelInfo(wire.model, {}).info;
  try {
    const config = { ...(typeof wire.config === 'function' ? wire.config(server.url) : wire.config), maxTurns: TURNS + 5, context: { share: 0 } };
    const session = await createSession({ cwd: makeProject(), model: wire.model, env, config, sessionsDir: false });
    const events: AgentEvent[] = [];
    for await (const event of session.run('make the slug tests pass')) events.push(event);
    await session.close();
    const done = events.at(-1);
    if (done?.type !== 'done' || done.reason !== 'completed') throw new Error(`${wire.name}: the session did not complete (${JSON.stringify(done)})`);
    const rows = events.flatMap((event): TurnRow[] =>
      event.type === 'usage' ? [{ turn: event.turn, input: event.usage.inputTokens, cached: event.usage.cachedInputTokens, written: event.usage.cacheWriteTokens, billed: event.costUsd }] : [],
    );
    return { rows, info };
  } finally {
    await server.close();
  }
}

/** The same requests billed with no cache, and with only the tokens new since the previous request uncached. */
function counterfactuals(rows: readonly TurnRow[], info: ModelInfo): { noCache: number; ideal: number } {
  let noCache = 0;
  let ideal = 0;
  let previous = 0;
  for (const row of rows) {
    const output = 120;
    const base: Usage = { inputTokens: row.input, outputTokens: output, reasoningTokens: 0, cachedInputTokens: 0, cacheWriteTokens: 0 };
    noCache += costOf(base, { ...info, cachedInputPrice: info.inputPrice, cacheWritePrice: info.inputPrice });
    const fresh = Math.max(0, row.input - previous);
    ideal += costOf({ ...base, cachedInputTokens: row.input - fresh }, { ...info, cacheWritePrice: info.inputPrice });
    previous = row.input;
  }
  return { noCache, ideal };
}

const summary: Array<Record<string, unknown>> = [];
const perTurn: Record<string, TurnRow[]> = {};
for (const wire of WIRES) {
  const { rows, info } = await runWire(wire);
  perTurn[wire.name] = rows;
  const later = rows.filter((row) => row.turn >= 2);
  const laterInput = later.reduce((sum, row) => sum + row.input, 0);
  const laterCached = later.reduce((sum, row) => sum + row.cached, 0);
  const billed = rows.reduce((sum, row) => sum + row.billed, 0);
  const { noCache, ideal } = counterfactuals(rows, info);
  const minShare = Math.min(...later.map((row) => row.cached / row.input));
  summary.push({
    wire: wire.name,
    model: wire.model,
    turns: rows.length,
    inputTokens: rows.reduce((sum, row) => sum + row.input, 0),
    cachedShareFromTurn2: (100 * laterCached) / laterInput,
    minTurnShare: 100 * minShare,
    billedUsd: billed,
    noCacheUsd: noCache,
    idealUsd: ideal,
    vsIdeal: billed / ideal,
    vsNoCache: billed / noCache,
  });
}

const shown = summary.map((row) => ({
  ...row,
  billedUsd: `$${(row.billedUsd as number).toFixed(4)}`,
  noCacheUsd: `$${(row.noCacheUsd as number).toFixed(4)}`,
  idealUsd: `$${(row.idealUsd as number).toFixed(4)}`,
  vsIdeal: `${(row.vsIdeal as number).toFixed(3)}×`,
  vsNoCache: `${(row.vsNoCache as number).toFixed(3)}×`,
}));
printTable(`bench/cost — a scripted ${TURNS}-turn session per wire (targets: cached share ≥ 85 % from turn 2 on; billed ≤ 1.15× ideal)`, shown, [
  ['wire', 'wire'],
  ['model', 'model (table prices)'],
  ['turns', 'requests'],
  ['inputTokens', 'input tokens'],
  ['cachedShareFromTurn2', 'cached % (turn ≥ 2)'],
  ['minTurnShare', 'worst turn %'],
  ['billedUsd', 'billed $'],
  ['noCacheUsd', 'no cache $'],
  ['idealUsd', 'ideal $'],
  ['vsIdeal', 'billed / ideal'],
  ['vsNoCache', 'billed / no cache'],
]);
for (const row of summary) for (const key of ['billedUsd', 'noCacheUsd', 'idealUsd']) row[key] = Math.round((row[key] as number) * 1e6) / 1e6;
writeResults('cost', { turns: TURNS, targets: { cachedShareFromTurn2: 85, vsIdeal: 1.15 }, summary, perTurn });
