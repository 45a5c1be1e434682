// Subcommands that parse their own flags and carry their own HELP; each module loads only when used.
// (Their one-line summaries live in MAIN_HELP, src/cli/help.ts.)
import type { CliIo } from './io.js';

export interface SubcommandModule {
  run(argv: string[], io: CliIo): Promise<number>;
  HELP: string;
}

export interface Subcommand {
  load: () => Promise<SubcommandModule>;
}

export const SUBCOMMANDS: Readonly<Record<string, Subcommand>> = {
  index: { load: () => import('./index-command.js') },
  context: { load: () => import('./context-command.js') },
  audit: { load: () => import('./audit-command.js') },
  export: { load: () => import('./export-command.js') },
  serve: { load: () => import('./serve-command.js') },
  sandbox: { load: () => import('./sandbox-command.js') },
  verify: { load: () => import('./verify-command.js') },
  sessions: { load: () => import('./sessions-command.js') },
};
