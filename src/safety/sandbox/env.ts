// Reduces an environment to an allow-list: credentials never pass into a sandbox, even when allowed by name.

/** Variables a sandboxed command gets by default: enough for shells, compilers and package managers. */
export const DEFAULT_ENV_ALLOW: readonly string[] = [
  'PATH', 'HOME', 'USER', 'LOGNAME', 'SHELL', 'LANG', 'LANGUAGE', 'LC_ALL', 'LC_CTYPE', 'LC_MESSAGES',
  'TERM', 'COLORTERM', 'NO_COLOR', 'FORCE_COLOR', 'TZ', 'PAGER', 'GIT_PAGER', 'GIT_TERMINAL_PROMPT',
  'EDITOR', 'CI', 'NODE_ENV', 'PYTHONDONTWRITEBYTECODE', 'PYTHONUNBUFFERED', 'TMPDIR',
];

/** Names that look like credentials are dropped even if an allow-list names them. */
const SECRET_NAME = /(_KEY|_TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|_AUTH|^AUTH_|COOKIE|SESSION)/i;

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/** The allowed, non-secret variables of `env`; `overrides` are applied last (still filtered for secrets). */
export function filterEnv(
  env: Readonly<Record<string, string | undefined>>,
  allow: readonly string[],
  overrides: Readonly<Record<string, string>> = {},
): Record<string, string> {
  const allowed = new Set(allow);
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && allowed.has(name) && !isSecretName(name)) result[name] = value;
  }
  for (const [name, value] of Object.entries(overrides)) {
    if (!isSecretName(name)) result[name] = value;
  }
  return result;
}
