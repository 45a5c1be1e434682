// secretlint's recommended preset, run synchronously through its rule API (create → file handler)
// so the redactor stays synchronous. Its findings are the lowest-priority layer: our own rules
// win when both see the same secret, secretlint adds the providers we have no rule for.
import { rules as presetRules } from '@secretlint/secretlint-rule-preset-recommend';
import { isPlaceholderValue } from './allow-list.js';
import { PRIORITY, type SecretCandidate } from './types.js';

interface ReportDescriptor {
  range: readonly [number, number];
  message: { messageId?: string };
}

interface MinimalRule {
  meta: { id: string };
  messages: Record<string, unknown>;
  create(context: unknown, options: unknown): { file?: (source: unknown) => unknown };
}

// The comment filter would let a file switch redaction off with `secretlint-disable`: never run it.
// URL credentials are structure:url-password's job, which redacts only the password and knows defaults.
const SKIPPED = new Set(['@secretlint/secretlint-rule-filter-comments', '@secretlint/secretlint-rule-basicauth', '@secretlint/secretlint-rule-database-connection-string']);
const KIND_BY_RULE: Record<string, string> = {
  aws: 'aws_secret_key',
  gcp: 'private_key',
  privatekey: 'private_key',
  basicauth: 'connection_string_password',
  'database-connection-string': 'connection_string_password',
  openai: 'openai_key',
  anthropic: 'anthropic_key',
  github: 'github_token',
  gitlab: 'gitlab_token',
  slack: 'slack_token',
  npm: 'npm_token',
};

export function findSecretlintSecrets(text: string, filePath: string | undefined): SecretCandidate[] {
  const found: SecretCandidate[] = [];
  let open = true;
  const source = {
    content: text,
    filePath,
    physicalFilePath: undefined,
    ext: extensionOf(filePath),
    contentType: 'text',
    hasBOM: false,
    getFilePath: () => filePath,
    getPhysicalFilePath: () => undefined,
  };
  for (const rule of presetRules as unknown as MinimalRule[]) {
    if (SKIPPED.has(rule.meta.id)) continue;
    const name = rule.meta.id.replace('@secretlint/secretlint-rule-', '');
    const kind = KIND_BY_RULE[name] ?? `${name.replace(/[^a-z0-9]+/g, '_')}_token`;
    const context = {
      sharedOptions: {},
      createTranslator: () => (messageId: string) => ({ message: messageId, messageId }),
      report: (descriptor: ReportDescriptor) => {
        const [start, end] = descriptor.range;
        if (open && end > start && !looksLikeFiller(text.slice(start, end))) found.push({ start, end, kind, rule: `secretlint:${name}`, priority: PRIORITY.secretlint });
      },
      ignore: () => undefined,
    };
    try {
      const result = rule.create(context, {}).file?.(source);
      // An async rule (binary PKCS#12 files only) reports after we return; text never needs it.
      if (result instanceof Promise) result.catch(() => undefined);
    } catch {
      // A rule that throws on odd input must not stop redaction: our own layers still ran.
    }
  }
  open = false;
  return found;
}

/** Our allow-list applies to secretlint's matches too: placeholders and `ghp_aaaa…` fixtures. */
function looksLikeFiller(span: string): boolean {
  return isPlaceholderValue(span) || new Set(span).size <= 8;
}

function extensionOf(filePath: string | undefined): string {
  const match = filePath === undefined ? null : /(\.[A-Za-z0-9]+)$/.exec(filePath);
  return match?.[1] ?? '';
}
