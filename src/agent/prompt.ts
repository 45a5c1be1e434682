// Assembles the system prompt from the prompt files, the environment and the project's
// instructions (AGENTS.md, falling back to CLAUDE.md, from the workspace up to the filesystem root).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import systemText from '../../prompts/system.md?raw';
import environmentText from '../../prompts/environment.md?raw';

export interface PromptEnvironment {
  cwd: string;
  platform: string;
  date: string;
  isGitRepo: boolean;
}

export interface ProjectInstructions {
  path: string;
  content: string;
}

const INSTRUCTION_FILES = ['AGENTS.md', 'CLAUDE.md'] as const;
/** Instruction files past this size are cut: they are sent on every request. */
const MAX_INSTRUCTION_CHARS = 20_000;

/** Instruction files from the outermost folder to the workspace, so nearer files come last and win. */
export function findProjectInstructions(workspace: string): ProjectInstructions[] {
  const found: ProjectInstructions[] = [];
  let dir = path.resolve(workspace);
  for (;;) {
    for (const name of INSTRUCTION_FILES) {
      const file = path.join(dir, name);
      if (existsSync(file)) {
        found.unshift({ path: file, content: readFileSync(file, 'utf8').slice(0, MAX_INSTRUCTION_CHARS) });
        break; // CLAUDE.md only when this folder has no AGENTS.md
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) return found;
    dir = parent;
  }
}

export function buildSystemPrompt(env: PromptEnvironment, instructions: readonly ProjectInstructions[]): string {
  const environment = environmentText
    .replace('{{cwd}}', env.cwd)
    .replace('{{platform}}', env.platform)
    .replace('{{date}}', env.date)
    .replace('{{git}}', env.isGitRepo ? 'yes' : 'no');
  const parts = [systemText.trim(), environment.trim()];
  for (const file of instructions) {
    parts.push(`Project instructions from ${file.path} (follow them):\n<project-instructions>\n${file.content.trim()}\n</project-instructions>`);
  }
  return parts.join('\n\n');
}
