// Subcommands that parse their own flags. Each module is loaded only when its command is used.
import type { CliIo } from './io.js';

export interface SubcommandModule {
  run(argv: string[], io: CliIo): Promise<number>;
  HELP: string;
}

export interface Subcommand {
  summary: string;
  load: () => Promise<SubcommandModule>;
}

export const SUBCOMMANDS: Readonly<Record<string, Subcommand>> = {
  index: { summary: 'build or update the context index of a repository', load: () => import('./index-command.js') },
  context: { summary: 'rank the files a task needs, or pack them into a token budget', load: () => import('./context-command.js') },
  audit: { summary: 'scan files or stdin for secrets, prompt injection or vulnerable code', load: () => import('./audit-command.js') },
  export: { summary: 'write saved trajectories as a TRL / OpenRLHF / verl / JSONL dataset', load: () => import('./export-command.js') },
  serve: { summary: 'serve summon\'s verifiers over HTTP for RL trainers (TRL, OpenRLHF, verl)', load: () => import('./serve-command.js') },
  sandbox: { summary: 'run any command in summon\'s sandbox', load: () => import('./sandbox-command.js') },
  verify: { summary: 'judge math answers or programs with summon\'s verifiers (JSON Lines in, JSON Lines out)', load: () => import('./verify-command.js') },
};
