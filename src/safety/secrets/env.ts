// Which environment variables hold secrets: the redactor's first layer matches their exact values.
import type { KnownSecret } from './types.js';

const SECRET_NAME = /(?:^|_)(?:KEY|TOKEN|SECRET|PASSWORD|PASSWD|PASS|PWD|CREDENTIALS?|AUTH|APIKEY)(?:_|$)|SECRET|PASSWORD|TOKEN|API_?KEY|PRIVATE_?KEY/i;
// Names that match but hold no secret: paths, sockets, ids, switches, the working directory.
const NOT_SECRET_NAME = /^(?:PWD|OLDPWD)$|_(?:PATH|FILE|DIR|SOCK|SOCKET|HOST|PORT|USER|USERNAME|NAME|ID|ENV|URL_NAME|TYPE|MODE|ENABLED|TIMEOUT)$/i;
const MIN_LENGTH = 8;

/** Secret-looking variables (…_KEY, …_TOKEN, …SECRET…, …PASSWORD…) with values long enough to match safely. */
export function secretsFromEnv(env: Readonly<Record<string, string | undefined>>): KnownSecret[] {
  const secrets: KnownSecret[] = [];
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) continue;
    const trimmed = value.trim();
    if (SECRET_NAME.test(name) && !NOT_SECRET_NAME.test(name)) {
      if (trimmed.length >= MIN_LENGTH && !/^(?:[~.]?\/|true$|false$)/i.test(trimmed)) secrets.push({ name, value: trimmed });
      continue;
    }
    // DATABASE_URL=postgres://app:…@db: the password inside a URL is a secret whatever the variable is called.
    const password = /^[a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:([^\s@/]+)@/i.exec(trimmed)?.[1];
    if (password !== undefined && password.length >= MIN_LENGTH) secrets.push({ name, value: password });
  }
  return secrets;
}
