// Turns configuration into what a run needs: the language model with its table entry, the system
// prompt with project instructions, and a real workspace path. Fails early with clear errors.
import { existsSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../core/config.js';
import { SummonError } from '../core/errors.js';
import { resolveModelInfo } from '../model/catalog.js';
import { createLanguageModel, resolveProvider } from '../model/providers.js';
import { buildSystemPrompt, findProjectInstructions, type ProjectInstructions } from './prompt.js';
import type { PreparedModel } from '../model/prepared.js';

export type { PreparedModel };

export async function prepareModel(config: Pick<Config, 'model' | 'providers' | 'models'>, env: Readonly<Record<string, string | undefined>>): Promise<PreparedModel & { known: boolean }> {
  const resolved = resolveProvider(config.model, config.providers, env);
  const id = `${resolved.providerName}/${resolved.modelName}`;
  const { info, known } = resolveModelInfo(id, config.models);
  const language = await createLanguageModel(resolved);
  return { id, wire: resolved.wire, providerName: resolved.providerName, info, language, known };
}

export function resolveWorkspace(cwd: string): string {
  const absolute = path.resolve(cwd);
  if (!existsSync(absolute) || !statSync(absolute).isDirectory()) {
    throw new SummonError('usage', `working directory ${absolute} does not exist or is not a folder`, { hint: 'pass --cwd with an existing folder' });
  }
  return realpathSync(absolute);
}

export function prepareSystemPrompt(workspace: string, now = new Date()): { system: string; instructions: ProjectInstructions[] } {
  const instructions = findProjectInstructions(workspace);
  const system = buildSystemPrompt(
    { cwd: workspace, platform: process.platform, date: now.toISOString().slice(0, 10), isGitRepo: isInGitRepo(workspace) },
    instructions,
  );
  return { system, instructions };
}

function isInGitRepo(dir: string): boolean {
  for (let current = dir; ; current = path.dirname(current)) {
    if (existsSync(path.join(current, '.git'))) return true;
    if (path.dirname(current) === current) return false;
  }
}
