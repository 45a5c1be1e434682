// bench/web-fetch: what web_fetch costs over a bare HTTP GET of the same local page (median), how
// many tokens a converted page takes against its raw HTML, on real saved pages, and how long a
// sub-agent takes to start (the task tool's call to the child's first model request).
// Usage: npx tsx bench/web-fetch/run.ts [--pages DIR] [--runs 15]
// Bring pages: any folder of saved HTML pages; by default the rustdoc book that rustup installs
// (~/.rustup/toolchains/*/share/doc/rust/html/rustdoc), if it is there.
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { startFakeLlm } from '../../src/fake-llm/index.js';
import { createSession } from '../../src/session/session.js';
import { createToolRegistry } from '../../src/tools/index.js';
import { createWebFetchTool } from '../../src/tools/web-fetch.js';
import { median, printTable, writeResults } from '../lib.mjs';

const { values } = parseArgs({ options: { pages: { type: 'string' }, runs: { type: 'string', default: '15' } } });
const RUNS = Number(values.runs);

function defaultPages(): string | undefined {
  const toolchains = path.join(os.homedir(), '.rustup', 'toolchains');
  if (!existsSync(toolchains)) return undefined;
  for (const name of readdirSync(toolchains)) {
    const dir = path.join(toolchains, name, 'share', 'doc', 'rust', 'html', 'rustdoc');
    if (existsSync(dir)) return dir;
  }
  return undefined;
}

function htmlFiles(dir: string): string[] {
  const found: string[] = [];
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.html') && statSync(full).size > 8_000) found.push(full);
    }
  };
  walk(dir);
  return found.sort().slice(0, 8);
}

const pagesDir = values.pages ?? defaultPages();
if (!pagesDir) {
  console.error('bench/web-fetch: no pages; pass --pages DIR with saved HTML pages (see the top of this file)');
  process.exit(2);
}
const pages = htmlFiles(pagesDir);
const server = http.createServer((request, response) => {
  const file = pages[Number((request.url ?? '/0').slice(1))];
  if (!file) return void response.writeHead(404).end();
  response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(readFileSync(file));
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const bareGet = (url: string): Promise<number> =>
  new Promise((resolve, reject) => {
    const began = performance.now();
    http.get(url, (response) => {
      response.resume();
      response.on('end', () => resolve(performance.now() - began));
    }).on('error', reject);
  });

const rows: Array<Record<string, unknown>> = [];
const ctx = {
  workspace: os.tmpdir(), signal: new AbortController().signal, spawn: async () => { throw new Error('unused'); },
  fs: undefined as never, maxOutputChars: 1_000_000, commandTimeoutMs: 1_000, report: () => undefined,
  net: { permit: async () => ({ allow: true as const }), names: () => true },
};
for (const [index, file] of pages.entries()) {
  const url = `${base}/${index}`;
  const bare: number[] = [];
  const fetched: number[] = [];
  let output = '';
  for (let run = 0; run < RUNS; run++) {
    bare.push(await bareGet(url));
    // A fresh tool each time: no session cache.
    const registry = createToolRegistry([createWebFetchTool()]);
    const began = performance.now();
    output = (await registry.execute({ id: '1', name: 'web_fetch', input: { url } }, ctx)).output;
    fetched.push(performance.now() - began);
  }
  const raw = readFileSync(file, 'utf8');
  rows.push({
    page: path.relative(pagesDir, file),
    htmlKb: raw.length / 1024,
    htmlTokens: countTokens(raw),
    markdownTokens: countTokens(output),
    share: (100 * countTokens(output)) / countTokens(raw),
    bareMs: median(bare),
    fetchMs: median(fetched),
    overheadMs: median(fetched) - median(bare),
  });
}
server.close();

// Sub-agent start: from the parent's task call to the child's first request at the fake server.
const starts: number[] = [];
for (let run = 0; run < Math.min(RUNS, 10); run++) {
  let taskCalledAt = 0;
  const fake = await startFakeLlm({
    script: (request) => {
      const body = JSON.stringify(request.body);
      if (body.includes('CHILD-TASK')) {
        if (!body.includes('tool_call_id')) starts.push(request.receivedAt - taskCalledAt);
        return { text: 'child answer' };
      }
      if (body.includes('child answer')) return { text: 'done' };
      taskCalledAt = Date.now();
      return { toolCalls: [{ name: 'task', input: { description: 'probe', prompt: 'CHILD-TASK: say hi' } }] };
    },
  });
  const home = mkdtempSync(path.join(os.tmpdir(), 'summon-bench-wf-'));
  const session = await createSession({
    cwd: mkdtempSync(path.join(os.tmpdir(), 'summon-bench-wf-ws-')),
    env: { PATH: process.env.PATH, HOME: home, XDG_CONFIG_HOME: path.join(home, 'c'), XDG_CACHE_HOME: path.join(home, 'k') },
    config: { model: 'scripted/x', providers: { scripted: { type: 'openai-compatible', baseUrl: `${fake.url}/v1` } }, models: { 'scripted/x': { contextWindow: 128_000, maxOutputTokens: 8_192, inputPrice: 0, outputPrice: 0, tools: true, reasoning: 'none' } } },
    sessionsDir: false,
  });
  for await (const event of session.run('delegate')) void event;
  await session.close();
  await fake.close();
}

printTable(`bench/web-fetch — ${pages.length} saved pages from ${pagesDir}, medians of ${RUNS}`, rows, [
  ['page', 'page'],
  ['htmlKb', 'HTML KB'],
  ['htmlTokens', 'HTML tokens'],
  ['markdownTokens', 'markdown tokens'],
  ['share', 'markdown / HTML %'],
  ['bareMs', 'bare GET ms'],
  ['fetchMs', 'web_fetch ms'],
  ['overheadMs', 'overhead ms'],
]);
const summary = {
  pages: rows.length,
  medianShare: median(rows.map((row) => row.share as number)),
  medianOverheadMs: median(rows.map((row) => row.overheadMs as number)),
  subagentStartMs: median(starts),
};
console.log(`markdown is ${summary.medianShare.toFixed(1)} % of the HTML's tokens (median); web_fetch adds ${summary.medianOverheadMs.toFixed(1)} ms over a bare GET (median); a sub-agent's first request leaves ${summary.subagentStartMs.toFixed(0)} ms after the task call (median of ${starts.length})`);
writeResults('web-fetch', { ...summary, rows, subagentStarts: starts });
