// Headless output formats over the one event stream: text, json (one object at the end, built
// from the done event), stream-json (one event per line, as it happens).
import type { AgentEvent } from '../core/events.js';
import type { DoneEvent } from '../core/summary.js';
import type { OutputFormat } from './args.js';

export interface Printer {
  onEvent(event: AgentEvent): void;
  finish(done: DoneEvent, extra: { journal?: string }): void;
}

type Write = (text: string) => void;

export function createPrinter(format: OutputFormat, out: Write, err: Write, options: { progress: boolean }): Printer {
  if (format === 'stream-json') {
    return {
      onEvent: (event) => out(`${JSON.stringify(event)}\n`),
      finish: () => undefined,
    };
  }
  const progress = options.progress ? progressLine : (): string | undefined => undefined;
  if (format === 'json') {
    return {
      onEvent: (event) => {
        const line = progress(event);
        if (line) err(line);
      },
      finish: (summary, extra) => out(`${JSON.stringify(resultObject(summary, extra))}\n`),
    };
  }
  return {
    onEvent: (event) => {
      const line = progress(event);
      if (line) err(line);
    },
    finish: (summary, extra) => {
      if (summary.result) out(summary.result.endsWith('\n') ? summary.result : `${summary.result}\n`);
      err(`${summaryLine(summary, extra)}\n`);
    },
  };
}

export function resultObject(summary: DoneEvent, extra: { journal?: string }): Record<string, unknown> {
  return {
    type: 'result',
    result: summary.result,
    exitReason: summary.reason,
    turns: summary.turns,
    usage: summary.usage,
    costUsd: round(summary.costUsd),
    changedFiles: summary.changedFiles,
    sessionId: summary.sessionId,
    durationMs: summary.durationMs,
    ...(summary.verification ? { verification: summary.verification } : {}),
    ...(summary.auditFindings ? { auditFindings: summary.auditFindings } : {}),
    ...(extra.journal ? { journal: extra.journal } : {}),
    ...(summary.error ? { error: summary.error } : {}),
  };
}

export function summaryLine(summary: DoneEvent, extra: { journal?: string }): string {
  const tokens = summary.usage.inputTokens + summary.usage.outputTokens;
  const files = summary.changedFiles.length;
  const parts = [
    `summon: ${summary.reason}`,
    `${files} file${files === 1 ? '' : 's'} changed${files > 0 ? ` (${summary.changedFiles.slice(0, 5).join(', ')}${files > 5 ? ', …' : ''})` : ''}`,
    `${summary.turns} turn${summary.turns === 1 ? '' : 's'}`,
    `${tokens.toLocaleString('en-US')} tokens${cachedShare(summary.usage)}`,
    `$${round(summary.costUsd).toFixed(4)}`,
    `${(summary.durationMs / 1000).toFixed(1)}s`,
    `session ${summary.sessionId}`,
  ];
  const lines = [parts.join(' · ')];
  if (summary.verification) lines.push(`  ${verificationLine(summary.verification)}`);
  for (const finding of summary.auditFindings ?? []) {
    lines.push(`  security: ${finding.file}:${finding.line} ${finding.rule} (${finding.cwe}) ${finding.message} — fix: ${finding.fix}`);
  }
  if (extra.journal) lines.push(`  journal: ${extra.journal}`);
  return lines.join('\n');
}

/** " (83 % of input cached)" when the provider read some of the input from its prompt cache. */
function cachedShare(usage: DoneEvent['usage']): string {
  if (usage.cachedInputTokens === 0 || usage.inputTokens === 0) return '';
  return ` (${Math.round((100 * usage.cachedInputTokens) / usage.inputTokens)} % of input cached)`;
}

function verificationLine(verification: NonNullable<DoneEvent['verification']>): string {
  const each = verification.verifiers.map((result) => `${result.name} ${result.reward.toFixed(2)} ${result.passed ? '✓' : '✗'}`);
  return `verified: ${each.join(' · ')} — reward ${verification.reward.toFixed(2)}`;
}

function progressLine(event: AgentEvent): string | undefined {
  switch (event.type) {
    case 'tool-call':
      return `› ${event.name} ${shorten(typeof event.input === 'string' ? event.input : JSON.stringify(event.input), 100)}\n`;
    case 'tool-result':
      if (event.isError) return `  ✗ ${shorten(event.output.split('\n')[0] ?? '', 120)}\n`;
      // A command's status line ("exit code 1", "timed out after 2s") is worth a glance.
      return event.name === 'bash' ? `  ↳ ${shorten(event.output.split('\n')[0] ?? '', 120)}\n` : undefined;
    case 'todo-update':
      return `${event.items.map((item) => `  [${item.status === 'completed' ? 'x' : item.status === 'in_progress' ? '~' : ' '}] ${item.content}`).join('\n')}\n`;
    case 'retry':
      return `  retrying in ${(event.delayMs / 1000).toFixed(1)}s (attempt ${event.attempt}: ${event.reason})\n`;
    case 'verify-result':
      return `  ${verificationLine(event.verification)}${event.verification.passed ? '' : ' (feedback sent to the model)'}\n`;
    case 'audit-result':
      return event.findings.length === 0 ? undefined : `  audit: ${event.findings.length} finding(s) in the changed code${event.round === 1 ? ' (sent to the model to fix)' : ''}\n`;
    case 'permission':
      return `  permission ${event.decision}: ${event.tool} — ${event.reason}\n`;
    case 'secret-redacted':
      return `  redacted ${event.findings.length} secret(s) from ${event.origin} before it reached the model\n`;
    case 'injection-flagged':
      return `  ⚠ possible prompt injection in ${event.origin} (${event.rules.join(', ')}); network access and git push now need approval\n`;
    case 'compaction':
      return `  context compacted (${event.strategy}): dropped ${event.dropped}\n`;
    case 'notice':
      return `  note: ${event.message}\n`;
    case 'error':
      return `  error: ${event.message}\n`;
    default:
      return undefined;
  }
}

function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
