// `summon export`: the saved trajectories as a training dataset for TRL, OpenRLHF or verl (or the
// raw records), on stdout or into a file.
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { SummonError } from '../core/errors.js';
import { EXPORT_FORMATS, exportTrajectories, trajectoriesDir, type ExportFormat } from '../export/index.js';
import type { CliIo } from './io.js';

export const HELP = `summon export — write saved trajectories (group attempts with their rewards) as a training dataset

usage: summon export --format trl|openrlhf|verl|jsonl [--since DATE] [--min-reward X] [--out FILE] [--dir DIR]

  --format F        trl       {prompt:[messages], completion:[messages], reward, group_id, attempt, advantage, rewards}
                    openrlhf  {input, output, reward, label, context_messages, group_id, attempt, advantage, rewards}
                    verl      {data_source, prompt, ability, reward_model:{style:"rule", ground_truth}, extra_info}
                              (JSON Lines; convert to parquet with pandas.read_json(..., lines=True).to_parquet)
                    jsonl     the stored records as they are
  --since DATE      only attempts started at or after DATE (ISO 8601, e.g. 2025-06-01 or 2025-06-01T12:00:00Z)
  --min-reward X    only attempts whose total reward is at least X (0..1)
  --out FILE        write to FILE instead of stdout
  --dir DIR         read trajectories from DIR (default $XDG_STATE_HOME/summon/trajectories)

examples:
  summon export --format trl --min-reward 1 --out grpo.jsonl
  summon export --format verl --since 2025-06-01 > verl-train.jsonl
  summon export --format jsonl | jq -c '{group: .groupId, reward, advantage}'`;

export async function run(argv: string[], io: CliIo): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        format: { type: 'string' },
        since: { type: 'string' },
        'min-reward': { type: 'string' },
        out: { type: 'string' },
        dir: { type: 'string' },
      },
    }));
  } catch (error) {
    throw new SummonError('usage', error instanceof Error ? error.message : String(error), { hint: 'see summon export --help' });
  }
  const format = values.format;
  if (!isFormat(format)) throw new SummonError('usage', format === undefined ? 'missing --format' : `unknown format "${format}"`, { hint: `use --format ${EXPORT_FORMATS.join('|')}` });
  const since = values.since === undefined ? undefined : parseDate(values.since);
  const minReward = values['min-reward'] === undefined ? undefined : parseReward(values['min-reward']);
  const dir = values.dir ? path.resolve(io.cwd, values.dir) : trajectoriesDir(io.env, os.homedir());

  const lines: string[] = [];
  const write = values.out ? (line: string) => void lines.push(line) : io.stdout;
  const summary = exportTrajectories({ dir, format, write, ...(since ? { since } : {}), ...(minReward !== undefined ? { minReward } : {}) });
  if (values.out) writeFileSync(path.resolve(io.cwd, values.out), lines.join(''));
  const where = values.out ? ` to ${values.out}` : '';
  io.stderr(`summon: exported ${summary.written} row${summary.written === 1 ? '' : 's'} (${format})${where}${summary.filtered ? `, ${summary.filtered} below --min-reward` : ''}${summary.malformed ? `, ${summary.malformed} malformed line(s) skipped` : ''}\n`);
  return 0;
}

function isFormat(value: string | undefined): value is ExportFormat {
  return value !== undefined && (EXPORT_FORMATS as readonly string[]).includes(value);
}

function parseDate(text: string): Date {
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) throw new SummonError('usage', `--since: "${text}" is not a date`, { hint: 'use ISO 8601, e.g. --since 2025-06-01 or --since 2025-06-01T12:00:00Z' });
  return date;
}

function parseReward(text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) throw new SummonError('usage', `--min-reward: "${text}" is not a number`, { hint: 'e.g. --min-reward 0.5' });
  return value;
}
