// Sessions against the fake LLM server: a scripted OpenAI-compatible provider, an isolated home, a
// temporary workspace, and a helper that runs one task and collects its events.
import { mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ConfigLayer } from '../../src/core/config.js';
import type { AgentEvent } from '../../src/core/events.js';
import type { Session } from '../../src/session/session.js';

export { isolatedEnv } from '../group/helpers.js';

/** The fake server as provider `scripted`, with a model table entry (window and prices are the test's). */
export function fakeModelConfig(serverUrl: string, overrides: { contextWindow?: number; maxOutputTokens?: number } = {}): ConfigLayer {
  return {
    model: 'scripted/session-test',
    providers: { scripted: { type: 'openai-compatible', baseUrl: `${serverUrl}/v1` } },
    models: {
      'scripted/session-test': { contextWindow: overrides.contextWindow ?? 128_000, maxOutputTokens: overrides.maxOutputTokens ?? 8_192, inputPrice: 1, outputPrice: 2, tools: true, reasoning: 'none' },
    },
    retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5, requestTimeoutMs: 20_000 },
  };
}

export function tempWorkspace(files: Record<string, string> = {}): string {
  const dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'summon-session-ws-')));
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
  return dir;
}

export async function collect(events: AsyncIterable<AgentEvent>): Promise<AgentEvent[]> {
  const list: AgentEvent[] = [];
  for await (const event of events) list.push(event);
  return list;
}

export async function runTask(session: Session, task: string): Promise<AgentEvent[]> {
  return collect(session.run(task));
}

export function ofType<T extends AgentEvent['type']>(events: readonly AgentEvent[], type: T): Array<Extract<AgentEvent, { type: T }>> {
  return events.filter((event): event is Extract<AgentEvent, { type: T }> => event.type === type);
}

/** The request body as text, for "did the model see X" checks. */
export function bodyText(request: { body: unknown } | undefined): string {
  return JSON.stringify(request?.body ?? null);
}
