// `summon audit code [--json] [--lang LANG] [--diff REF] [PATH…|-]`: the change audit on files,
// standard input, or the lines changed since a git revision. Exit 1 on findings, 0 clean, 2 usage.
import { parseArgs } from 'node:util';
import { SummonError } from '../core/errors.js';
import { auditCode, auditDiff, guessLanguage, isRunLaterFile, languageNamed, languageOfPath, LANGUAGE_NAMES, type AuditFinding } from '../safety/audit/index.js';
import { readAuditInputs } from './audit-command.js';
import type { CliIo } from './io.js';

export const HELP = `summon audit code [options] [PATH…|-]   audit code for vulnerabilities (TypeScript, JavaScript, Python)

Reads the files named, or standard input when no PATH (or -) is given. Finds hard-coded credentials,
SQL built by concatenation, shell commands built from input, eval/exec on input, disabled TLS checks,
Math.random/random for tokens, path traversal, CORS with credentials for any origin, unsafe
deserialisation (pickle, yaml.load, node-serialize) and SSRF; each with its CWE and a one-line fix.

Options:
  --json          print {findings: [{file, line, column, rule, cwe, message, fix}], vulnerable: bool, skipped}
  --lang LANG     ts, tsx, js, jsx, mjs, cjs or py: the language of standard input (guessed when absent)
                  or of every file named (instead of its extension)
  --diff REF      audit only the lines changed since the git revision REF in the current repository
                  (new untracked files count as changed); takes no PATH
  -h, --help      print this help

Binary files and files over 5 MB are skipped with a note. Files of other languages are skipped.

Examples:
  summon audit code src/server.ts app/views.py
  summon audit code --diff HEAD --json
  git show HEAD:src/db.py | summon audit code --lang py

Exit codes: 0 nothing found, 1 something found, 2 usage error.`;

const OPTIONS = {
  json: { type: 'boolean' },
  lang: { type: 'string' },
  diff: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function run(argv: string[], io: CliIo, stdin: NodeJS.ReadableStream = process.stdin): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new SummonError('usage', error instanceof Error ? error.message.replace(/\. To specify a positional.*$/s, '') : String(error), { hint: 'see summon audit code --help' });
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(`${HELP}\n`);
    return 0;
  }
  if (values.lang !== undefined && !languageNamed(values.lang)) {
    throw new SummonError('usage', `--lang "${values.lang}" is not a language summon audits`, { hint: `use one of: ${LANGUAGE_NAMES.join(', ')}` });
  }
  const lang = values.lang;
  let findings: AuditFinding[] = [];
  let audited: number;
  let skipped: Array<{ file: string; reason: string }>;
  if (values.diff !== undefined) {
    if (positionals.length > 0) throw new SummonError('usage', '--diff takes no PATH', { hint: 'run it in the repository: summon audit code --diff HEAD' });
    const result = await auditDiff(io.cwd, values.diff, lang === undefined ? {} : { lang });
    findings = result.findings;
    audited = result.files.length;
    skipped = result.skipped.map(({ path, reason }) => ({ file: path, reason }));
  } else {
    const inputs = await readAuditInputs(positionals, io, stdin);
    skipped = inputs.flatMap((input) => (input.skipped === undefined ? [] : [{ file: input.name, reason: input.skipped }]));
    const files: Array<{ path: string; content: string }> = [];
    for (const input of inputs) {
      if (input.text === undefined) continue;
      const fromStdin = input.name === '<stdin>';
      if (lang === undefined && !fromStdin && !languageOfPath(input.name) && !isRunLaterFile(input.name)) {
        skipped.push({ file: input.name, reason: 'not TypeScript, JavaScript or Python, nor a file that runs on install, build or CI (pass --lang to audit it as code)' });
        continue;
      }
      const language = lang ?? (fromStdin ? guessLanguage(input.text) : undefined);
      if (fromStdin && lang === undefined) io.stderr(`summon audit code: standard input audited as ${language} (pass --lang to choose)\n`);
      // Each input is audited in its own language; standard input gets the chosen or guessed one.
      files.push({ path: input.name, content: input.text });
      findings.push(...(await auditCode([{ path: input.name, content: input.text }], language === undefined ? {} : { lang: language })));
    }
    audited = files.length;
  }
  for (const entry of skipped) io.stderr(`summon audit: skipped ${entry.file}: ${entry.reason}\n`);
  if (values.json) {
    io.stdout(`${JSON.stringify({ findings, vulnerable: findings.length > 0, skipped }, null, 2)}\n`);
  } else {
    for (const finding of findings) io.stdout(`${finding.file}:${finding.line} ${finding.rule} (${finding.cwe}) ${finding.message} — ${finding.fix}\n`);
    const files = new Set(findings.map((finding) => finding.file)).size;
    io.stdout(findings.length > 0 ? `${findings.length} finding(s) in ${files} of ${audited} file(s)\n` : `no findings in ${audited} file(s)\n`);
  }
  return findings.length > 0 ? 1 : 0;
}
