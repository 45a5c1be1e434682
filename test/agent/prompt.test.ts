// The assembled system prompt and tool definitions are snapshots: every change to what the model
// reads before the task shows up in review.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSystemPrompt, findProjectInstructions } from '../../src/agent/prompt.js';
import { toolSpec } from '../../src/agent/tool-specs.js';
import { createContextTool } from '../../src/context/tool.js';
import { builtinTools as toolsWithoutContext } from '../../src/tools/index.js';

// The full set a run offers: the built-in tools and the context engine's search.
const builtinTools = [...toolsWithoutContext, createContextTool({ cacheDir: '/nonexistent' })];

describe('system prompt', () => {
  it('matches the snapshot for a fixed environment', async () => {
    const prompt = buildSystemPrompt({ cwd: '/work/project', platform: 'linux', date: '2026-01-02', isGitRepo: true }, []);
    await expect(prompt).toMatchFileSnapshot('./__snapshots__/system-prompt.md');
  });

  it('tool definitions match the snapshot', async () => {
    await expect(JSON.stringify(builtinTools.map(toolSpec), null, 2)).toMatchFileSnapshot('./__snapshots__/tools.json');
  });

  it('stays lean: system prompt plus tool definitions under 4,000 tokens (≈ 4 chars a token)', () => {
    const prompt = buildSystemPrompt({ cwd: '/work/project', platform: 'linux', date: '2026-01-02', isGitRepo: true }, []);
    const chars = prompt.length + JSON.stringify(builtinTools.map(toolSpec)).length;
    expect(chars / 4).toBeLessThan(4_000);
  });
});

describe('project instructions', () => {
  it('reads AGENTS.md from the workspace and its parents, outermost first, CLAUDE.md only as a fallback', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'summon-instructions-'));
    const inner = path.join(root, 'packages', 'app');
    mkdirSync(inner, { recursive: true });
    writeFileSync(path.join(root, 'AGENTS.md'), 'root rules');
    writeFileSync(path.join(root, 'CLAUDE.md'), 'ignored: AGENTS.md wins in this folder');
    writeFileSync(path.join(inner, 'CLAUDE.md'), 'app rules');
    const found = findProjectInstructions(inner).filter((file) => file.path.startsWith(root));
    expect(found.map((file) => file.content)).toEqual(['root rules', 'app rules']);
    const prompt = buildSystemPrompt({ cwd: inner, platform: 'linux', date: '2026-01-02', isGitRepo: false }, found);
    expect(prompt.indexOf('root rules')).toBeLessThan(prompt.indexOf('app rules'));
    expect(prompt).not.toContain('ignored: AGENTS.md wins');
  });
});
