// Shared fixtures for the tool tests: a real temp workspace and a context with the real spawn and filesystem ports.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ToolContext, ToolUpdate } from '../../src/core/tool.js';
import { defaultSpawn, realFileSystem } from '../../src/tools/index.js';

export async function makeWorkspace(files: Record<string, string> = {}): Promise<string> {
  const workspace = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'summon-tools-')));
  await writeFiles(workspace, files);
  return workspace;
}

export async function writeFiles(root: string, files: Record<string, string>): Promise<void> {
  for (const [file, content] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await fs.writeFile(path.join(root, file), content);
  }
}

export interface TestContext extends ToolContext {
  updates: ToolUpdate[];
}

export function makeContext(workspace: string, overrides: Partial<ToolContext> = {}): TestContext {
  const updates: ToolUpdate[] = [];
  return {
    workspace,
    signal: new AbortController().signal,
    spawn: defaultSpawn,
    fs: realFileSystem,
    maxOutputChars: 30_000,
    commandTimeoutMs: 20_000,
    report: (update) => updates.push(update),
    updates,
    ...overrides,
  };
}

export async function removeWorkspace(workspace: string): Promise<void> {
  await fs.rm(workspace, { recursive: true, force: true });
}
