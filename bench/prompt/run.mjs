// bench/prompt: tokens of system prompt + tool definitions on the first request, per wire protocol,
// counted with a real tokenizer (o200k_base, the GPT-4o/GPT-5 family; gpt-tokenizer, as the context engine counts).
// Usage: npm run build && node bench/prompt/run.mjs
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { startFakeLlm } from '../../dist/index.js';
import { printTable, writeResults } from '../lib.mjs';

const tokens = (text) => countTokens(text, { disallowedSpecial: new Set() });
const root = path.resolve(import.meta.dirname, '../..');
const workspace = mkdtempSync(path.join(os.tmpdir(), 'summon-bench-prompt-'));
writeFileSync(path.join(workspace, 'a.ts'), 'export const answer = 42;\n');
const home = mkdtempSync(path.join(os.tmpdir(), 'summon-bench-home-'));
const TASK = 'what does a.ts export?';

/** The system text and the tool definitions as each protocol carries them. */
function split(protocol, body) {
  if (protocol === 'anthropic') {
    const system = Array.isArray(body.system) ? body.system.map((part) => part.text).join('\n') : (body.system ?? '');
    return { system, tools: JSON.stringify(body.tools ?? []) };
  }
  const messages = protocol === 'openai' ? body.input : body.messages;
  const system = messages.filter((m) => m.role === 'system' || m.role === 'developer').map((m) => (typeof m.content === 'string' ? m.content : JSON.stringify(m.content))).join('\n');
  return { system: (body.instructions ?? '') + system, tools: JSON.stringify(body.tools ?? []) };
}

const rows = [];
for (const protocol of ['openai', 'openai-chat', 'anthropic']) {
  const server = await startFakeLlm({ script: [{ text: 'ok' }] });
  const env = { PATH: process.env.PATH, HOME: home, XDG_STATE_HOME: path.join(home, 'state'), XDG_CONFIG_HOME: path.join(home, 'config') };
  const model = protocol === 'anthropic' ? 'anthropic/claude-sonnet-4-5' : `${protocol}/gpt-5`;
  Object.assign(env, protocol === 'anthropic' ? { ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: `${server.url}/v1` } : { OPENAI_API_KEY: 'k', OPENAI_BASE_URL: `${server.url}/v1` });
  // The server runs in this process, so the CLI must run asynchronously; spawnSync would block it.
  await new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'bin/summon.cjs'), '-p', TASK, '--model', model], { cwd: workspace, env, stdio: 'ignore' });
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`summon exited ${code}`))));
  });
  const body = server.requests[0].body;
  await server.close();
  const { system, tools } = split(protocol, body);
  const systemTokens = tokens(system);
  const toolTokens = tokens(tools);
  rows.push({ protocol, systemTokens, toolTokens, total: systemTokens + toolTokens, toolCount: (body.tools ?? []).length, requestTokens: tokens(JSON.stringify(body)) });
}
printTable('bench/prompt — first request, o200k_base tokens (target: system + tools ≤ 4,000)', rows, [
  ['protocol', 'protocol'],
  ['toolCount', 'tools'],
  ['systemTokens', 'system prompt'],
  ['toolTokens', 'tool definitions'],
  ['total', 'system + tools'],
  ['requestTokens', 'whole request JSON'],
]);
writeResults('prompt', { tokenizer: 'o200k_base (gpt-tokenizer)', task: TASK, rows });
