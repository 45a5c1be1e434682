// Custom sub-agents: markdown files with frontmatter (`name`, `description`, `tools`, `model`) in
// the project's .summon/agents/ and .claude/agents/ (Claude Code's, read as they are) and the user's
// config folder's agents/. The body is the agent's instructions. A bad file is one notice naming the
// file and the field; the other agents still load.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export interface AgentDefinition {
  name: string;
  description: string;
  /** summon tool names; the read-only set when the file names none. */
  tools: string[];
  /** `provider/model`; absent, the parent's. */
  model?: string;
  instructions: string;
  file?: string;
}

/** What a sub-agent may use unless its definition says otherwise: it looks, it does not touch. */
export const READ_ONLY_TOOLS = ['read', 'grep', 'glob', 'ls', 'context', 'web_fetch'] as const;

export const DEFAULT_AGENT: AgentDefinition = {
  name: 'explore',
  description: 'read-only: searches and reads the repository, answers with what it found',
  tools: [...READ_ONLY_TOOLS],
  instructions: '',
};

/** Claude Code's tool names, as its agent files write them. */
const CLAUDE_TOOLS: Readonly<Record<string, string | null>> = {
  read: 'read', grep: 'grep', glob: 'glob', ls: 'ls', bash: 'bash', edit: 'edit', multiedit: 'multi_edit', write: 'write', todowrite: 'todo', webfetch: 'web_fetch',
  // Tools summon does not have (yet): an agent that lists them still loads, without them.
  websearch: null, notebookedit: null, notebookread: null, task: null, exitplanmode: null,
};
const SUMMON_TOOLS = new Set(['read', 'grep', 'glob', 'ls', 'context', 'web_fetch', 'bash', 'edit', 'multi_edit', 'write', 'todo']);
const MODEL_ALIASES = new Set(['inherit', 'sonnet', 'opus', 'haiku']);

const frontmatterSchema = z.object({
  name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'letters, digits, - and _ only, e.g. "code-reviewer"'),
  description: z.string().min(1, 'say in a sentence when to use the agent'),
  tools: z.array(z.string()).optional(),
  model: z.string().optional(),
});

export interface LoadedAgents {
  agents: AgentDefinition[];
  /** One line per file that could not be used. */
  problems: string[];
}

export function loadAgents(workspace: string, userConfigDir: string | undefined): LoadedAgents {
  const folders = [path.join(workspace, '.claude', 'agents'), ...(userConfigDir ? [path.join(userConfigDir, 'agents')] : []), path.join(workspace, '.summon', 'agents')];
  const byName = new Map<string, AgentDefinition>();
  const problems: string[] = [];
  // Later folders win: the project's .summon/agents over the user's over Claude Code's.
  for (const folder of folders) {
    let names: string[];
    try {
      names = readdirSync(folder).filter((name) => name.endsWith('.md')).sort();
    } catch {
      continue;
    }
    for (const name of names) {
      const file = path.join(folder, name);
      const parsed = parseAgentFile(file, readFileSync(file, 'utf8'));
      if ('problem' in parsed) problems.push(parsed.problem);
      else byName.set(parsed.agent.name, parsed.agent);
    }
  }
  return { agents: [...byName.values()], problems };
}

export function parseAgentFile(file: string, text: string): { agent: AgentDefinition } | { problem: string } {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
  if (!match) return { problem: `${file}: no frontmatter (start the file with ---, then name: and description: lines, then ---)` };
  const fields = frontmatter(match[1]!);
  if ('problem' in fields) return { problem: `${file}: ${fields.problem}` };
  const checked = frontmatterSchema.safeParse(fields.values);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    const field = issue.path.join('.') || 'frontmatter';
    return { problem: `${file}: field "${field}": ${issue.code === 'invalid_type' && issue.input === undefined ? 'missing' : issue.message}` };
  }
  const tools: string[] = [];
  for (const tool of checked.data.tools ?? []) {
    const lower = tool.trim().toLowerCase();
    if (SUMMON_TOOLS.has(lower)) tools.push(lower);
    else if (lower in CLAUDE_TOOLS) {
      const mapped = CLAUDE_TOOLS[lower];
      if (mapped) tools.push(mapped);
    } else return { problem: `${file}: field "tools": unknown tool "${tool}" (summon has ${[...SUMMON_TOOLS].join(', ')})` };
  }
  const model = checked.data.model?.trim();
  return {
    agent: {
      name: checked.data.name,
      description: checked.data.description.trim(),
      tools: tools.length > 0 ? [...new Set(tools)] : [...READ_ONLY_TOOLS],
      // Claude Code's aliases mean "a model of its own choosing": here the parent's model.
      ...(model && !MODEL_ALIASES.has(model) ? { model } : {}),
      instructions: match[2]!.trim(),
      file,
    },
  };
}

/** `key: value` lines; `tools` as a comma list, a [a, b] list or `- item` lines. */
function frontmatter(text: string): { values: Record<string, unknown> } | { problem: string } {
  const values: Record<string, unknown> = {};
  let listKey: string | undefined;
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.replace(/\s+#.*$/, '');
    if (line.trim() === '') continue;
    const item = /^\s*-\s+(.*)$/.exec(line);
    if (item && listKey) {
      (values[listKey] as string[]).push(unquote(item[1]!));
      continue;
    }
    const pair = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(line);
    if (!pair) return { problem: `frontmatter line ${index + 1} is not "key: value": ${raw.trim()}` };
    const key = pair[1]!;
    const value = pair[2]!.trim();
    listKey = undefined;
    if (key === 'tools') {
      if (value === '') {
        values.tools = [];
        listKey = 'tools';
      } else values.tools = value.replace(/^\[|\]$/g, '').split(',').map(unquote).filter(Boolean);
    } else values[key] = unquote(value);
  }
  return { values };
}

function unquote(text: string): string {
  return text.trim().replace(/^(['"])(.*)\1$/, '$2');
}
