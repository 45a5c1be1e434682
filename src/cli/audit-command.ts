// `summon audit secrets|injection [--json] … [PATH…|-]`: scan files or standard input with the
// same detectors the agent uses. Exit 1 when something is found, 0 when clean, 2 on usage errors.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { SummonError } from '../core/errors.js';
import { scanInjection, INJECTION_SOURCES, type InjectionSource } from '../safety/injection/index.js';
import { createRedactor } from '../safety/secrets/index.js';
import type { CliIo } from './io.js';
import { readStream } from './read-stream.js';

export const HELP = `summon audit KIND [options] [PATH…|-]   scan files, or standard input when no PATH (or -) is given

Kinds:
  secrets      secrets (API keys, tokens, private keys, passwords) as the redactor sees them
  injection    prompt-injection attempts (instructions aimed at an AI, fake turns, hidden or encoded text)
  code         vulnerabilities in code (see summon audit code --help)

Options:
  --json                 print {findings: [...], has_secret | is_injection: bool}
  --filename NAME        (secrets) the name to report for standard input; its extension guides detection
  --source KIND          (injection) file | web_page | command_output | issue_comment | tool_result (default file)
  -h, --help             print this help

Secret values are never printed: each finding shows its placeholder («secret:kind:n»).
Binary files and files over 5 MB are skipped with a note.

Examples:
  summon audit secrets .env config/settings.yaml
  git diff | summon audit secrets --filename changes.diff --json
  summon audit injection --source web_page page.html
  summon audit injection README.md AGENTS.md

Exit codes: 0 nothing found, 1 something found, 2 usage error.`;

export const MAX_AUDIT_BYTES = 5 * 1024 * 1024;
const SNIFF_BYTES = 8192;

export type AuditHandler = (argv: string[], io: CliIo, stdin: NodeJS.ReadableStream) => Promise<number>;

// One line per audit kind; kinds in other files load only when used.
const AUDITS: Readonly<Record<string, AuditHandler>> = {
  secrets: auditSecrets,
  injection: auditInjection,
  code: async (argv, io, stdin) => (await import('./audit-code-command.js')).run(argv, io, stdin),
};

export async function run(argv: string[], io: CliIo, stdin: NodeJS.ReadableStream = process.stdin): Promise<number> {
  const [kind, ...rest] = argv;
  if (kind === '--help' || kind === '-h') {
    io.stdout(`${HELP}\n`);
    return 0;
  }
  const handler = kind === undefined ? undefined : AUDITS[kind];
  if (handler === undefined) {
    throw new SummonError('usage', kind === undefined ? 'summon audit needs a kind' : `unknown audit "${kind}"`, { hint: `kinds: ${Object.keys(AUDITS).join(', ')}; e.g. summon audit secrets .env` });
  }
  return handler(rest, io, stdin);
}

export interface AuditInput {
  name: string;
  text?: string;
  /** Why the input was not scanned (binary, too big). */
  skipped?: string;
}

/** The named files, or standard input for none or `-`; binary and huge inputs come back skipped. */
export async function readAuditInputs(paths: readonly string[], io: CliIo, stdin: NodeJS.ReadableStream, stdinName = '<stdin>'): Promise<AuditInput[]> {
  const inputs: AuditInput[] = [];
  for (const name of paths.length === 0 ? ['-'] : paths) {
    if (name === '-') {
      inputs.push(classify(stdinName, await readStream(stdin, MAX_AUDIT_BYTES)));
      continue;
    }
    const file = path.resolve(io.cwd, name);
    const stat = await fs.stat(file).catch(() => undefined);
    if (stat === undefined || !stat.isFile()) {
      throw new SummonError('usage', `${name}: ${stat === undefined ? 'no such file' : 'not a file'}`, { hint: 'give files to audit, or - for standard input' });
    }
    inputs.push(stat.size > MAX_AUDIT_BYTES ? { name, skipped: `larger than 5 MB (${stat.size} bytes)` } : classify(name, await fs.readFile(file)));
  }
  return inputs;
}

function classify(name: string, bytes: Buffer): AuditInput {
  if (bytes.length > MAX_AUDIT_BYTES) return { name, skipped: `larger than 5 MB (${bytes.length} bytes)` };
  if (bytes.subarray(0, SNIFF_BYTES).includes(0)) return { name, skipped: 'binary file' };
  return { name, text: bytes.toString('utf8') };
}

function parseAuditArgs(argv: string[], options: Record<string, { type: 'string' | 'boolean' }>): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  try {
    return parseArgs({ args: argv, options: { json: { type: 'boolean' }, ...options }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new SummonError('usage', error instanceof Error ? error.message.replace(/\. To specify a positional.*$/s, '') : String(error), { hint: 'see summon audit --help' });
  }
}

function noteSkipped(inputs: readonly AuditInput[], io: CliIo): void {
  for (const input of inputs) if (input.skipped !== undefined) io.stderr(`summon audit: skipped ${input.name}: ${input.skipped}\n`);
}

async function auditSecrets(argv: string[], io: CliIo, stdin: NodeJS.ReadableStream): Promise<number> {
  const { values, positionals } = parseAuditArgs(argv, { filename: { type: 'string' } });
  const inputs = await readAuditInputs(positionals, io, stdin, typeof values.filename === 'string' ? values.filename : '<stdin>');
  const redactor = createRedactor();
  const findings = inputs.flatMap((input) => (input.text === undefined ? [] : redactor.redact(input.text, input.name).findings));
  noteSkipped(inputs, io);
  const skipped = inputs.filter((input) => input.skipped !== undefined).map(({ name, skipped: reason }) => ({ file: name, reason }));
  if (values.json === true) {
    const rows = findings.map(({ origin, line, column, kind, rule, placeholder }) => ({ file: origin, line, column, kind, rule, placeholder }));
    io.stdout(`${JSON.stringify({ findings: rows, has_secret: findings.length > 0, skipped }, null, 2)}\n`);
  } else {
    for (const hit of findings) io.stdout(`${hit.origin}:${hit.line}:${hit.column}  ${hit.kind}  ${hit.rule}  ${hit.placeholder}\n`);
    const scanned = inputs.length - skipped.length;
    io.stdout(findings.length > 0 ? `${findings.length} secret(s) found in ${new Set(findings.map((hit) => hit.origin)).size} of ${scanned} input(s)\n` : `no secrets found in ${scanned} input(s)\n`);
  }
  return findings.length > 0 ? 1 : 0;
}

async function auditInjection(argv: string[], io: CliIo, stdin: NodeJS.ReadableStream): Promise<number> {
  const { values, positionals } = parseAuditArgs(argv, { source: { type: 'string' } });
  const source = values.source ?? 'file';
  if (!isSource(source)) throw new SummonError('usage', `--source "${String(source)}" is not a source`, { hint: `one of ${INJECTION_SOURCES.join(', ')}` });
  const inputs = await readAuditInputs(positionals, io, stdin);
  const scans = inputs.flatMap((input) => (input.text === undefined ? [] : [{ file: input.name, scan: scanInjection(input.text, source, { path: input.name === '<stdin>' ? undefined : input.name }) }]));
  noteSkipped(inputs, io);
  const flagged = scans.filter(({ scan }) => scan.flagged);
  if (values.json === true) {
    const findings = scans.flatMap(({ file, scan }) => scan.findings.map((hit) => ({ file, ...hit })));
    const files = scans.map(({ file, scan }) => ({ file, score: scan.score, flagged: scan.flagged }));
    io.stdout(`${JSON.stringify({ findings, is_injection: flagged.length > 0, files, skipped: inputs.filter((input) => input.skipped).map(({ name, skipped }) => ({ file: name, reason: skipped })) }, null, 2)}\n`);
  } else {
    for (const { file, scan } of scans) {
      for (const hit of scan.findings) io.stdout(`${file}:${hit.line}  ${hit.rule}  ${hit.message}  "${hit.excerpt}"\n`);
      if (scan.findings.length > 0) io.stdout(`${file}: score ${scan.score.toFixed(2)}, ${scan.flagged ? 'flagged as prompt injection' : 'below the flagging threshold'}\n`);
    }
    io.stdout(flagged.length > 0 ? `prompt injection found in ${flagged.length} of ${scans.length} input(s)\n` : `no prompt injection found in ${scans.length} input(s)\n`);
  }
  return flagged.length > 0 ? 1 : 0;
}

function isSource(value: unknown): value is InjectionSource {
  return typeof value === 'string' && (INJECTION_SOURCES as readonly string[]).includes(value);
}
