// Git history bounded to the last N commits: messages (searchable), the files each commit touched
// (recency, churn, co-change), replaced whenever HEAD moves.
import { runGit } from './git.js';
import type { Db } from './schema.js';
import { indexText } from './tokenize.js';

export interface CommitRecord {
  hash: string;
  /** Unix seconds. */
  time: number;
  message: string;
  files: string[];
}

const MAX_MESSAGE = 2000;

export async function readHistory(root: string, maxCommits: number): Promise<CommitRecord[]> {
  if (maxCommits <= 0) return [];
  const out = await runGit(root, ['log', `-n${maxCommits}`, '--no-merges', '--name-only', '--format=%x1e%H%x1f%ct%x1f%B%x1f']);
  if (out === undefined) return [];
  const commits: CommitRecord[] = [];
  for (const record of out.split('\x1e')) {
    const [hash, time, message, files] = record.split('\x1f');
    if (!hash || !time || message === undefined) continue;
    commits.push({
      hash,
      time: Number(time),
      message: cleanMessage(message),
      files: (files ?? '').split('\n').map((line) => line.trim()).filter((line) => line !== ''),
    });
  }
  return commits;
}

/** Trailers and sign-offs say who, not what. */
function cleanMessage(message: string): string {
  return message
    .split('\n')
    .filter((line) => !/^(signed-off-by|co-authored-by|reviewed-by|acked-by|change-id|cc):/i.test(line.trim()))
    .join('\n')
    .trim()
    .slice(0, MAX_MESSAGE);
}

/** Replaces the stored history; runs inside the caller's transaction. */
export function writeHistory(db: Db, commits: readonly CommitRecord[]): void {
  db.exec("DELETE FROM commit_files; DELETE FROM commits; INSERT INTO commits_fts (commits_fts) VALUES ('delete-all');");
  const insertCommit = db.prepare('INSERT INTO commits (id, hash, time, message, file_count) VALUES (?, ?, ?, ?, ?)');
  const insertFile = db.prepare('INSERT INTO commit_files (commit_id, path) VALUES (?, ?)');
  const insertFts = db.prepare('INSERT INTO commits_fts (rowid, message) VALUES (?, ?)');
  commits.forEach((commit, index) => {
    const id = index + 1;
    insertCommit.run(id, commit.hash, commit.time, commit.message, commit.files.length);
    for (const file of commit.files) insertFile.run(id, file);
    insertFts.run(id, indexText(commit.message));
  });
}
