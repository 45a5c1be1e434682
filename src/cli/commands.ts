// Subcommands that parse their own flags: each is loaded only when used.
import type { CliIo } from './io.js';

export interface SubcommandModule {
  run(argv: string[], io: CliIo): Promise<number>;
}

export interface Subcommand {
  summary: string;
  help: string;
  load: () => Promise<SubcommandModule>;
}

export const SUBCOMMANDS: Readonly<Record<string, Subcommand>> = {};
