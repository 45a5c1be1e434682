// The trajectory store: JSON Lines files under a data directory, one per UTC day. Each record is one
// write(2) of a complete line on an O_APPEND descriptor, then fdatasync: concurrent writers never
// interleave within a line and a crash loses at most the line being written (readers skip a torn one).
import { closeSync, fdatasyncSync, mkdirSync, openSync, readFileSync, readdirSync, writeSync } from 'node:fs';
import path from 'node:path';
import { trajectorySchema, type Trajectory } from './trajectory.js';

export interface TrajectoryStore {
  readonly dir: string;
  append(record: Trajectory): void;
  /** Records in file order (oldest day first); malformed lines are counted, not thrown. */
  read(filter?: { since?: Date }): { records: Trajectory[]; malformed: number };
}

/** `$XDG_STATE_HOME/summon/trajectories`, else `~/.local/state/summon/trajectories`. */
export function trajectoriesDir(env: Readonly<Record<string, string | undefined>>, home: string): string {
  const state = env.XDG_STATE_HOME || path.join(env.HOME || home, '.local', 'state');
  return path.join(state, 'summon', 'trajectories');
}

export function openTrajectoryStore(dir: string): TrajectoryStore {
  return {
    dir,
    append(record) {
      const line = Buffer.from(`${JSON.stringify(trajectorySchema.parse(record))}\n`);
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const fd = openSync(path.join(dir, fileFor(new Date(record.endedAt))), 'a', 0o600);
      try {
        // One write of the whole line; a regular file takes it whole unless the disk is full.
        let written = writeSync(fd, line);
        while (written < line.length) written += writeSync(fd, line, written);
        fdatasyncSync(fd);
      } finally {
        closeSync(fd);
      }
    },
    read(filter = {}) {
      let files: string[];
      try {
        files = readdirSync(dir).filter((name) => /^trajectories-\d{4}-\d{2}-\d{2}\.jsonl$/.test(name)).sort();
      } catch {
        return { records: [], malformed: 0 };
      }
      // A day's file holds records that ended that day: files before `since`'s day can be skipped.
      const sinceFile = filter.since ? fileFor(filter.since) : undefined;
      const records: Trajectory[] = [];
      let malformed = 0;
      for (const name of files) {
        if (sinceFile && name < sinceFile) continue;
        for (const line of readFileSync(path.join(dir, name), 'utf8').split('\n')) {
          if (line.trim() === '') continue;
          const record = parseLine(line);
          if (!record) malformed++;
          else if (!filter.since || Date.parse(record.startedAt) >= filter.since.getTime()) records.push(record);
        }
      }
      return { records, malformed };
    },
  };
}

function fileFor(date: Date): string {
  return `trajectories-${date.toISOString().slice(0, 10)}.jsonl`;
}

function parseLine(line: string): Trajectory | undefined {
  try {
    const parsed = trajectorySchema.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
