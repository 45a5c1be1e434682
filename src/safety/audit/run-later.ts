// Files that run later, outside the sandbox, when someone installs, builds, enters the folder or
// pushes: package.json lifecycle scripts, .npmrc, .envrc, Makefiles, Python build files, pre-commit
// and CI configuration, Dockerfiles, shell rc files. Their changed lines are checked for what a
// backdoor needs: a download run as code, the environment or secrets sent out, an obfuscated
// payload decoded and run, and (package.json) a new install-time script.
import path from 'node:path';
import { RULES, type AuditFile, type AuditFinding, type AuditRule } from './types.js';

const NAMES = new Set(['package.json', '.npmrc', '.yarnrc', '.yarnrc.yml', '.envrc', 'makefile', 'gnumakefile', 'setup.py', 'setup.cfg', 'pyproject.toml', '.pre-commit-config.yaml', '.gitlab-ci.yml', '.bashrc', '.zshrc', '.profile', '.bash_profile', 'justfile', 'taskfile.yml', 'build.rs']);

export function isRunLaterFile(file: string): boolean {
  const normalized = file.replace(/\\/g, '/');
  const base = path.posix.basename(normalized).toLowerCase();
  if (NAMES.has(base)) return true;
  if (base.endsWith('.mk') || base === 'dockerfile' || base.startsWith('dockerfile.') || base.endsWith('.dockerfile') || base === 'containerfile') return true;
  return /(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/.test(normalized) || /(^|\/)\.husky\/[^/]+$/.test(normalized) || /(^|\/)\.circleci\/config\.ya?ml$/.test(normalized);
}

const FETCHER = String.raw`(?:curl|wget|fetch|iwr|Invoke-WebRequest|Invoke-RestMethod|http(?:ie)?)\b`;
const RUNNER = String.raw`(?:sudo\s+)?(?:ba|z|da|k|fi)?sh\b|python[0-9.]*\b|node\b|perl\b|ruby\b|php\b|iex\b|Invoke-Expression\b`;
const CHECKS: ReadonlyArray<{ rule: AuditRule; pattern: RegExp; message: string }> = [
  {
    rule: 'download-and-execute',
    // curl … | sh, sh -c "$(curl …)", bash <(curl …), source <(wget …)
    pattern: new RegExp(String.raw`${FETCHER}[^\n|;&]*\|\s*(?:${RUNNER})|(?:${RUNNER}|source|\.)\s+(?:-c\s+)?["']?(?:<\(|\$\(|\x60)\s*${FETCHER}`, 'i'),
    message: 'downloads code and runs it: whatever the server sends runs with the user\'s rights',
  },
  {
    rule: 'secret-exfiltration',
    pattern: new RegExp(
      String.raw`${FETCHER}.*(?:\$\(\s*(?:env|printenv|set)\s*\)|\x60\s*(?:env|printenv)\s*\x60|/proc/self/environ|\$\{\{\s*secrets\.|\$\{?[A-Z0-9_]*(?:TOKEN|SECRET|PASSWORD|PASSWD|API_?KEY|PRIVATE_?KEY)\b|~/\.ssh|\.aws/credentials|id_rsa|\.npmrc)` +
        String.raw`|(?:\benv\b|\bprintenv\b|/proc/self/environ)\s*\|\s*${FETCHER}`,
      'i',
    ),
    message: 'sends the environment or secrets to a server',
  },
  {
    rule: 'obfuscated-code',
    pattern: new RegExp(
      String.raw`(?:base64\s+(?:-d|--decode|-D)|xxd\s+-r|openssl\s+(?:enc\s+)?-?base64\s+-d)[^\n]*\|\s*(?:${RUNNER}|eval\b)|\beval\b[^\n]*(?:base64|atob\(|\\x[0-9a-f]{2}\\x[0-9a-f]{2})|exec\(\s*(?:base64\.b64decode|bytes\.fromhex|codecs\.decode)|Function\(\s*atob\(`,
      'i',
    ),
    message: 'decodes a hidden payload and runs it',
  },
];

/** npm runs these on install (and prepare on git dependencies) without anyone asking for them. */
const INSTALL_HOOK = /"(preinstall|install|postinstall|prepare|preprepare|postprepare|prepublish)"\s*:/;

export function auditRunLater(file: AuditFile): AuditFinding[] {
  const findings: AuditFinding[] = [];
  const lines = file.content.split('\n');
  const isPackageJson = path.posix.basename(file.path.replace(/\\/g, '/')).toLowerCase() === 'package.json';
  lines.forEach((text, index) => {
    const line = index + 1;
    if (file.changedLines && !file.changedLines.has(line)) return;
    const add = (rule: AuditRule, column: number, message: string): void => {
      findings.push({ file: file.path, line, column, rule, cwe: RULES[rule].cwe, message, fix: RULES[rule].fix });
    };
    for (const check of CHECKS) {
      const match = check.pattern.exec(text);
      if (match) add(check.rule, match.index + 1, `${check.message} (${path.posix.basename(file.path)} runs outside the sandbox)`);
    }
    const hook = isPackageJson ? INSTALL_HOOK.exec(text) : null;
    if (hook) add('install-hook', hook.index + 1, `adds an npm "${hook[1]}" script: it runs on every install, outside the sandbox`);
  });
  return findings;
}
