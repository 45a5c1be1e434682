// Parses the command line into a command, its positionals and a config layer from flags.
import { parseArgs } from 'node:util';
import { SummonError } from '../core/errors.js';
import type { ConfigLayer, ThinkLevel } from '../core/config.js';

export type OutputFormat = 'text' | 'json' | 'stream-json';
const COMMANDS = ['run', 'demo', 'config', 'models', 'help'] as const;
export type CommandName = (typeof COMMANDS)[number];

export interface ParsedArgs {
  command: CommandName;
  positionals: string[];
  task?: string;
  cwd?: string;
  outputFormat: OutputFormat;
  json: boolean;
  verbose: boolean;
  debug: boolean;
  keep: boolean;
  version: boolean;
  help: boolean;
  /** Ad-hoc verifier command lines from --verify. */
  verify: string[];
  /** --resume ID: continue that session; --continue: the newest session of the working folder. */
  resume?: { id: string } | { latest: true };
  /** Group sampling: --attempts N|auto and its settings; absent for a single run. */
  group?: { attempts: number | 'auto'; maxAttempts: number; concurrency: number; advantage: 'grpo' | 'dr-grpo'; apply: boolean };
  /** Config values set by flags, and which flag set each path. */
  layer: ConfigLayer;
  flagSources: Record<string, string>;
}

const OPTIONS = {
  print: { type: 'string', short: 'p' },
  cwd: { type: 'string' },
  model: { type: 'string', short: 'm' },
  think: { type: 'string' },
  'output-format': { type: 'string' },
  'max-turns': { type: 'string' },
  'max-cost': { type: 'string' },
  timeout: { type: 'string' },
  allow: { type: 'string', multiple: true },
  deny: { type: 'string', multiple: true },
  'permission-mode': { type: 'string' },
  'no-sandbox': { type: 'boolean' },
  'no-audit': { type: 'boolean' },
  verify: { type: 'string', multiple: true },
  resume: { type: 'string', short: 'r' },
  continue: { type: 'boolean', short: 'c' },
  attempts: { type: 'string' },
  'max-attempts': { type: 'string' },
  concurrency: { type: 'string' },
  advantage: { type: 'string' },
  'no-apply': { type: 'boolean' },
  json: { type: 'boolean' },
  keep: { type: 'boolean' },
  verbose: { type: 'boolean', short: 'v' },
  debug: { type: 'boolean' },
  version: { type: 'boolean', short: 'V' },
  help: { type: 'boolean', short: 'h' },
} as const;

export function parseCommandLine(argv: readonly string[]): ParsedArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new SummonError('usage', error instanceof Error ? error.message.replace(/\. To specify a positional.*$/s, '') : String(error), {
      hint: 'run `summon --help` for the list of commands and flags',
    });
  }
  const { values } = parsed;
  let positionals = parsed.positionals;
  let command: CommandName = 'run';
  const first = positionals[0];
  if (first !== undefined && (COMMANDS as readonly string[]).includes(first)) {
    command = first as CommandName;
    positionals = positionals.slice(1);
  } else if (first !== undefined && values.print === undefined) {
    throw new SummonError('usage', `unknown command "${first}"`, { hint: `commands: ${COMMANDS.join(', ')}; to run a task use summon -p "TASK" or summon run "TASK"` });
  }

  const layer: ConfigLayer = {};
  const flagSources: Record<string, string> = {};
  if (values.model !== undefined) {
    layer.model = values.model;
    flagSources.model = '--model';
  }
  if (values.think !== undefined) {
    layer.think = parseThink(values.think);
    flagSources.think = '--think';
  }
  if (values['max-turns'] !== undefined) {
    layer.maxTurns = positiveNumber('--max-turns', values['max-turns'], true);
    flagSources.maxTurns = '--max-turns';
  }
  if (values['max-cost'] !== undefined) {
    layer.maxCostUsd = positiveNumber('--max-cost', values['max-cost'], false);
    flagSources.maxCostUsd = '--max-cost';
  }
  if (values.timeout !== undefined) {
    layer.timeoutSec = positiveNumber('--timeout', values.timeout, false);
    flagSources.timeoutSec = '--timeout';
  }
  if (values.allow !== undefined || values.deny !== undefined || values['permission-mode'] !== undefined) {
    const mode = values['permission-mode'];
    if (mode !== undefined && mode !== 'default' && mode !== 'accept-edits' && mode !== 'plan' && mode !== 'auto') {
      throw usage(`--permission-mode "${mode}" is not valid`, 'use default, accept-edits, plan or auto');
    }
    layer.permissions = { ...(mode ? { mode } : {}), ...(values.allow ? { allow: values.allow } : {}), ...(values.deny ? { deny: values.deny } : {}) };
    flagSources['permissions.mode'] = '--permission-mode';
    flagSources['permissions.allow'] = '--allow';
    flagSources['permissions.deny'] = '--deny';
  }
  if (values['no-sandbox']) {
    layer.sandbox = false;
    flagSources.sandbox = '--no-sandbox';
  }
  if (values['no-audit']) {
    layer.audit = false;
    flagSources.audit = '--no-audit';
  }
  let group: ParsedArgs['group'];
  if (values.attempts !== undefined) {
    const attempts = values.attempts === 'auto' ? 'auto' : positiveNumber('--attempts', values.attempts, true);
    const advantage = values.advantage ?? 'grpo';
    if (advantage !== 'grpo' && advantage !== 'dr-grpo') throw usage(`--advantage "${advantage}" is not valid`, 'use grpo ((r − mean)/(std + ε)) or dr-grpo (r − mean)');
    group = {
      attempts,
      maxAttempts: values['max-attempts'] !== undefined ? positiveNumber('--max-attempts', values['max-attempts'], true) : 4,
      concurrency: values.concurrency !== undefined ? positiveNumber('--concurrency', values.concurrency, true) : 2,
      advantage,
      apply: !values['no-apply'],
    };
  } else if (values.concurrency !== undefined || values['max-attempts'] !== undefined || values.advantage !== undefined || values['no-apply']) {
    throw usage('--concurrency, --max-attempts, --advantage and --no-apply only apply to group runs', 'add --attempts N (or --attempts auto)');
  }
  let resume: ParsedArgs['resume'];
  if (values.resume !== undefined && values.continue) throw usage('--resume and --continue cannot be used together', 'use --resume ID for one session, or --continue for the newest one of this folder');
  if (values.resume !== undefined) resume = { id: values.resume };
  else if (values.continue) resume = { latest: true };
  if (resume && group) throw usage('--resume and --continue do not apply to group runs', 'drop --attempts to continue a session');
  const outputFormat = values['output-format'] ?? 'text';
  if (outputFormat !== 'text' && outputFormat !== 'json' && outputFormat !== 'stream-json') {
    throw usage(`--output-format "${outputFormat}" is not valid`, 'use text, json or stream-json');
  }
  const task = values.print ?? (command === 'run' ? positionals.join(' ') || undefined : undefined);
  return {
    command,
    positionals,
    ...(task !== undefined ? { task } : {}),
    ...(values.cwd !== undefined ? { cwd: values.cwd } : {}),
    outputFormat,
    json: values.json ?? false,
    verbose: values.verbose ?? false,
    debug: values.debug ?? false,
    keep: values.keep ?? false,
    version: values.version ?? false,
    help: values.help ?? false,
    verify: values.verify ?? [],
    ...(group ? { group } : {}),
    ...(resume ? { resume } : {}),
    layer,
    flagSources,
  };
}

// Parsed by hand rather than with the config schema: --help and --version should not load zod.
function parseThink(raw: string): ThinkLevel {
  if (raw === 'off' || raw === 'low' || raw === 'medium' || raw === 'high') return raw;
  if (/^\d+$/.test(raw) && Number(raw) > 0) return Number(raw);
  throw usage(`--think "${raw}" is not valid`, 'use off, low, medium, high, or a number of thinking tokens such as 8000');
}

function positiveNumber(flag: string, raw: string, integer: boolean): number {
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    throw usage(`${flag} "${raw}" is not valid`, `${flag} takes a positive ${integer ? 'whole number' : 'number'}, e.g. ${flag} ${integer ? '20' : '0.5'}`);
  }
  return value;
}

function usage(message: string, hint: string): SummonError {
  return new SummonError('usage', message, { hint });
}
