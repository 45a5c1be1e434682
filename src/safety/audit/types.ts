// What a change audit reports, and the rules it knows: each with its CWE and a one-line fix.

export type AuditRule =
  | 'hardcoded-credential'
  | 'sql-injection'
  | 'command-injection'
  | 'code-injection'
  | 'tls-verification-disabled'
  | 'insecure-random'
  | 'path-traversal'
  | 'permissive-cors'
  | 'unsafe-deserialization'
  | 'ssrf'
  | 'download-and-execute'
  | 'secret-exfiltration'
  | 'obfuscated-code'
  | 'install-hook';

export interface AuditFinding {
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  rule: AuditRule;
  /** e.g. "CWE-89". */
  cwe: string;
  message: string;
  /** One line saying how to fix it. */
  fix: string;
}

export interface AuditFile {
  path: string;
  content: string;
  /** 1-based lines to report on (diff mode); absent = the whole file. */
  changedLines?: Set<number>;
}

export interface AuditOptions {
  /** Language for every file, overriding the file extension: ts, tsx, js, jsx, mjs, cjs, py (or typescript, javascript, python). */
  lang?: string;
}

export const RULES: Readonly<Record<AuditRule, { cwe: string; fix: string }>> = {
  'hardcoded-credential': { cwe: 'CWE-798', fix: 'read it from the environment or a secret store (process.env.X / os.environ["X"]) and rotate the exposed value' },
  'sql-injection': { cwe: 'CWE-89', fix: 'use a parameterised query: placeholders (?, $1, %s) with the values passed separately' },
  'command-injection': { cwe: 'CWE-78', fix: 'run the program directly with an argument array (execFile/spawn without shell, subprocess.run([...]))' },
  'code-injection': { cwe: 'CWE-95', fix: 'do not evaluate data as code: parse it (JSON.parse, ast.literal_eval) or dispatch on a fixed table' },
  'tls-verification-disabled': { cwe: 'CWE-295', fix: 'keep certificate verification on; trust a private CA by passing its certificate (ca / verify="ca.pem")' },
  'insecure-random': { cwe: 'CWE-338', fix: 'use a cryptographic generator: crypto.randomBytes / crypto.randomUUID, or Python secrets.token_hex / secrets.choice' },
  'path-traversal': { cwe: 'CWE-22', fix: 'resolve the path and check it stays inside the base folder (path.resolve + startsWith / os.path.realpath + commonpath), or use basename' },
  'permissive-cors': { cwe: 'CWE-942', fix: 'with credentials, allow only a fixed list of trusted origins instead of "*" or the request\'s own Origin' },
  'unsafe-deserialization': { cwe: 'CWE-502', fix: 'deserialise data, not objects: JSON, or yaml.safe_load / SafeLoader; never unpickle untrusted bytes' },
  ssrf: { cwe: 'CWE-918', fix: 'check the URL\'s host against an allow-list (or fix the origin and only vary the path) before fetching' },
  'download-and-execute': { cwe: 'CWE-494', fix: 'pin what you install (a package manager with a lockfile, or a download checked against a known checksum) instead of piping it into a shell' },
  'secret-exfiltration': { cwe: 'CWE-200', fix: 'remove it: nothing that runs on install, build or CI should send the environment, tokens or keys anywhere' },
  'obfuscated-code': { cwe: 'CWE-506', fix: 'remove it, or replace it with the plain, readable commands it stands for' },
  'install-hook': { cwe: 'CWE-829', fix: 'prefer an explicit script the user runs (npm run setup); if the hook is needed, keep it to local, readable commands' },
};
