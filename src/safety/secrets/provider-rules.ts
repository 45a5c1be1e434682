// Known provider token formats, including the ones secretlint's recommended preset misses
// (JWTs, Stripe, Google API keys, GitHub fine-grained tokens, npm, Slack app tokens…).
import { isFillerBody } from './allow-list.js';
import { PRIORITY, type SecretCandidate } from './types.js';

interface ProviderRule {
  kind: string;
  /** Global regex; the `secret` named group (or the whole match) is what gets redacted. */
  pattern: RegExp;
  /** Named group holding the random part, checked for filler like `xxxx` or `0000`. */
  body?: string;
}

// Token bodies end where a token character would continue: no partial matches inside longer words.
const END = '(?![A-Za-z0-9_-])';
const START = '(?<![A-Za-z0-9_-])';

const RULES: readonly ProviderRule[] = [
  { kind: 'aws_access_key_id', pattern: new RegExp(`${START}(?<secret>(?:AKIA|ASIA|ABIA|ACCA)(?<body>[A-Z2-7]{16}))${END}`, 'g'), body: 'body' },
  { kind: 'github_token', pattern: new RegExp(`${START}(?<secret>gh[pousr]_(?<body>[A-Za-z0-9]{36,251}))${END}`, 'g'), body: 'body' },
  { kind: 'github_token', pattern: new RegExp(`${START}(?<secret>github_pat_(?<body>[A-Za-z0-9]{22}_[A-Za-z0-9]{59}))${END}`, 'g'), body: 'body' },
  { kind: 'gitlab_token', pattern: new RegExp(`${START}(?<secret>gl(?:pat|dt|ptt|rt|soat)-(?<body>[A-Za-z0-9_-]{20,50}))${END}`, 'g'), body: 'body' },
  { kind: 'anthropic_key', pattern: new RegExp(`${START}(?<secret>sk-ant-[a-z]+\\d{2}-(?<body>[A-Za-z0-9_-]{32,}))${END}`, 'g'), body: 'body' },
  { kind: 'openai_key', pattern: new RegExp(`${START}(?<secret>sk-(?:proj|svcacct|admin)-(?<body>[A-Za-z0-9_-]{32,}))${END}`, 'g'), body: 'body' },
  { kind: 'openai_key', pattern: new RegExp(`${START}(?<secret>sk-(?<body>[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}|[A-Za-z0-9]{48}))${END}`, 'g'), body: 'body' },
  { kind: 'stripe_key', pattern: new RegExp(`${START}(?<secret>(?:sk|rk)_(?:live|test)_(?<body>[A-Za-z0-9]{20,247}))${END}`, 'g'), body: 'body' },
  { kind: 'stripe_key', pattern: new RegExp(`${START}(?<secret>whsec_(?<body>[A-Za-z0-9+/=]{24,}))${END}`, 'g'), body: 'body' },
  { kind: 'slack_token', pattern: new RegExp(`${START}(?<secret>xox[abposre]-(?<body>[0-9]{6,}-[A-Za-z0-9-]{8,}))${END}`, 'g'), body: 'body' },
  { kind: 'slack_token', pattern: new RegExp(`${START}(?<secret>xapp-\\d-(?<body>[A-Z0-9]{6,}-\\d+-[a-f0-9]{32,}))${END}`, 'g'), body: 'body' },
  { kind: 'slack_webhook', pattern: /https:\/\/hooks\.slack\.com\/(?:services|workflows)\/(?<secret>T[A-Z0-9]{6,}\/[A-Z0-9]{6,}\/(?<body>[A-Za-z0-9]{16,}))/g, body: 'body' },
  { kind: 'discord_webhook', pattern: /https:\/\/(?:ptb\.|canary\.)?discord(?:app)?\.com\/api\/webhooks\/\d+\/(?<secret>(?<body>[A-Za-z0-9_-]{40,}))/g, body: 'body' },
  { kind: 'google_api_key', pattern: new RegExp(`${START}(?<secret>AIza(?<body>[0-9A-Za-z_-]{35}))${END}`, 'g'), body: 'body' },
  { kind: 'google_oauth_secret', pattern: new RegExp(`${START}(?<secret>GOCSPX-(?<body>[A-Za-z0-9_-]{28}))${END}`, 'g'), body: 'body' },
  { kind: 'npm_token', pattern: new RegExp(`${START}(?<secret>npm_(?<body>[A-Za-z0-9]{36}))${END}`, 'g'), body: 'body' },
  { kind: 'npm_token', pattern: /\/\/[^\s:]+\/:_(?:authToken|password)=(?<secret>(?<body>[^\s$"'{}]{16,}))/g, body: 'body' },
  { kind: 'pypi_token', pattern: new RegExp(`${START}(?<secret>pypi-AgE[A-Za-z0-9_-]{8,}(?<body>[A-Za-z0-9_-]{40,}))${END}`, 'g'), body: 'body' },
  { kind: 'huggingface_token', pattern: new RegExp(`${START}(?<secret>hf_(?<body>[A-Za-z]{34}))${END}`, 'g'), body: 'body' },
  { kind: 'sendgrid_key', pattern: new RegExp(`${START}(?<secret>SG\\.(?<body>[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}))${END}`, 'g'), body: 'body' },
  { kind: 'twilio_key', pattern: new RegExp(`${START}(?<secret>SK(?<body>[0-9a-f]{32}))${END}`, 'g'), body: 'body' },
  { kind: 'telegram_bot_token', pattern: new RegExp(`${START}(?<secret>\\d{8,10}:(?<body>AA[A-Za-z0-9_-]{33}))${END}`, 'g'), body: 'body' },
  { kind: 'digitalocean_token', pattern: new RegExp(`${START}(?<secret>do[opr]_v1_(?<body>[a-f0-9]{64}))${END}`, 'g'), body: 'body' },
  { kind: 'shopify_token', pattern: new RegExp(`${START}(?<secret>shp(?:at|ca|pa|ss)_(?<body>[a-fA-F0-9]{32}))${END}`, 'g'), body: 'body' },
  { kind: 'groq_key', pattern: new RegExp(`${START}(?<secret>gsk_(?<body>[A-Za-z0-9]{48,}))${END}`, 'g'), body: 'body' },
  { kind: 'vault_token', pattern: new RegExp(`${START}(?<secret>hv[sbr]\\.(?<body>[A-Za-z0-9_-]{90,300}))${END}`, 'g'), body: 'body' },
  { kind: 'terraform_token', pattern: new RegExp(`${START}(?<secret>[A-Za-z0-9]{14}\\.atlasv1\\.(?<body>[A-Za-z0-9_-]{60,70}))${END}`, 'g'), body: 'body' },
  // A JWT: base64url JSON header and payload (both start with `{"` → `eyJ`), signature may be empty (alg none).
  { kind: 'jwt', pattern: new RegExp(`${START}(?<secret>eyJ[A-Za-z0-9_-]{8,}\\.(?<body>eyJ[A-Za-z0-9_-]{8,})\\.[A-Za-z0-9_-]*)${END}`, 'g'), body: 'body' },
];

export function findProviderSecrets(text: string): SecretCandidate[] {
  const found: SecretCandidate[] = [];
  for (const rule of RULES) {
    for (const match of text.matchAll(rule.pattern)) {
      const secret = match.groups?.secret ?? match[0];
      const body = rule.body ? match.groups?.[rule.body] : undefined;
      if (body !== undefined && isFillerBody(body)) continue;
      if (/EXAMPLE/.test(secret)) continue; // AWS documentation keys end in EXAMPLE
      const start = (match.index ?? 0) + match[0].indexOf(secret);
      found.push({ start, end: start + secret.length, kind: rule.kind, rule: `provider:${rule.kind}`, priority: PRIORITY.provider });
    }
  }
  return found;
}
