// The leaderboard as text for the CLI: one row per attempt, best first, then the compute spent.
import type { GroupResult } from './types.js';

export function renderLeaderboard(result: GroupResult): string {
  const names = result.verifierNames;
  const header = ['rank', 'attempt', ...names, 'reward', 'advantage', 'tokens', 'cost', 'diff', 'exit'];
  const unscored = result.attempts.filter((attempt) => attempt.verification === undefined);
  const rows = [...result.leaderboard, ...unscored].map((attempt, position) => [
    attempt.verification ? String(position + 1) : '-',
    `#${attempt.index}${attempt === result.winner ? (result.applied ? ' ★ applied' : ' ★') : ''}`,
    ...names.map((name) => (attempt.rewards[name] === undefined ? '-' : attempt.rewards[name]!.toFixed(2))),
    attempt.verification ? attempt.reward.toFixed(2) : '-',
    attempt.verification ? signed(attempt.advantage) : '-',
    attempt.tokens.toLocaleString('en-US'),
    `$${attempt.costUsd.toFixed(4)}`,
    `${attempt.diff.lines} lines`,
    attempt.summary.reason,
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]): string => cells.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd();
  const compute = result.compute;
  const lines = [
    `group ${result.groupId} · ${compute.attempts} attempt${compute.attempts === 1 ? '' : 's'} · advantage ${result.advantage}`,
    line(header),
    line(widths.map((width) => '-'.repeat(width))),
    ...rows.map(line),
    `compute: ${compute.tokens.toLocaleString('en-US')} tokens · $${compute.costUsd.toFixed(4)} · ${(compute.wallMs / 1000).toFixed(1)}s wall`,
  ];
  if (result.interrupted) lines.push('interrupted: nothing was applied');
  else if (result.applyError) lines.push(`the winner's change did not apply: ${result.applyError}`);
  else if (!result.applied) lines.push(result.winner && result.winner.reward > 0 ? 'the winner changed nothing; nothing to apply' : 'no attempt earned any reward; nothing was applied');
  else lines.push(`applied attempt #${result.winner!.index}: ${result.winner!.diff.files.join(', ')}`);
  return lines.join('\n');
}

function signed(value: number): string {
  return `${value >= 0 ? '+' : ''}${value.toFixed(2)}`;
}
