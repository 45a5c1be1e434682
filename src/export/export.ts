// `summon export`'s library half: read the trajectory store, filter by time and reward, and write one
// dataset row per line in the chosen trainer's shape.
import { toRow, type ExportFormat } from './formats.js';
import { openTrajectoryStore } from './store.js';

export interface ExportOptions {
  /** The trajectory store's directory. */
  dir: string;
  format: ExportFormat;
  /** Only attempts started at or after this time. */
  since?: Date;
  /** Only attempts whose total reward is at least this. */
  minReward?: number;
  /** Receives each row as one line, newline included. */
  write: (line: string) => void;
}

export interface ExportSummary {
  written: number;
  /** Records the filters left out. */
  filtered: number;
  /** Lines of the store that were not valid records (a torn last line after a crash). */
  malformed: number;
}

export function exportTrajectories(options: ExportOptions): ExportSummary {
  const { records, malformed } = openTrajectoryStore(options.dir).read(options.since ? { since: options.since } : {});
  let written = 0;
  let filtered = 0;
  for (const record of records) {
    if (options.minReward !== undefined && record.reward < options.minReward) {
      filtered++;
      continue;
    }
    options.write(`${JSON.stringify(toRow(record, options.format, written))}\n`);
    written++;
  }
  return { written, filtered, malformed };
}
