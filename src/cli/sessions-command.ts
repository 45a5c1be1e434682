// `summon sessions`: the sessions of this folder (or all of them), newest first, with their first
// task, runs, turns and cost; --continue and --resume ID pick one up.
import { parseArgs } from 'node:util';
import { SummonError } from '../core/errors.js';
import { listSessions, summarizeSessions } from '../session/list.js';
import { sessionsDir } from '../session/paths.js';
import type { CliIo } from './io.js';
import { parseCount } from './index-command.js';

export const HELP = `summon sessions [--all] [--limit N] [--json] [--cwd DIR]

Lists the sessions that worked in the current folder (or DIR; --all: every folder), newest first:
id, when it started, its first task, runs, turns and cost. Continue one with
summon -p "TASK" --resume ID, or the newest of this folder with --continue.

Options:
  --all            sessions of every folder
  --limit N        at most N sessions (default 20)
  --json           one JSON object per line
  --cwd DIR        the folder whose sessions to list

Examples:
  summon sessions
  summon sessions --all --limit 5 --json`;

export async function run(argv: string[], io: CliIo): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { all: { type: 'boolean' }, limit: { type: 'string' }, json: { type: 'boolean' }, cwd: { type: 'string' } }, allowPositionals: false, strict: true }));
  } catch (error) {
    throw new SummonError('usage', error instanceof Error ? error.message : String(error), { hint: 'see summon sessions --help' });
  }
  const limit = values.limit === undefined ? 20 : parseCount(values.limit, '--limit');
  const dir = sessionsDir(io.env);
  const entries = listSessions(dir, { ...(values.all ? {} : { cwd: values.cwd ?? io.cwd }), limit });
  const sessions = summarizeSessions(dir, entries);
  if (values.json) {
    for (const session of sessions) io.stdout(`${JSON.stringify(session)}\n`);
    return 0;
  }
  if (sessions.length === 0) {
    io.stderr(values.all ? 'summon: no sessions yet\n' : `summon: no sessions worked in ${values.cwd ?? io.cwd} (summon sessions --all lists every folder's)\n`);
    return 0;
  }
  for (const session of sessions) {
    const when = session.startedAt.slice(0, 16).replace('T', ' ');
    const task = session.task.replace(/\s+/g, ' ').trim();
    const title = task.length > 60 ? `${task.slice(0, 59)}…` : task;
    const runs = `${session.runs} run${session.runs === 1 ? '' : 's'}`;
    const where = values.all ? `  ${session.cwd}` : '';
    io.stdout(`${session.id}  ${when}  ${runs}, ${session.turns} turns, $${session.costUsd.toFixed(4)}${session.lastReason && session.lastReason !== 'completed' ? ` (${session.lastReason})` : ''}  ${title}${where}\n`);
  }
  return 0;
}
