// Types shared by the secret detectors and the redactor.

/** One redacted secret, as the journal records it: where and what kind, never the value. */
export interface SecretFinding {
  kind: string;
  placeholder: string;
  /** 1-based line and column of the secret's first character in the text given to redact(). */
  line: number;
  column: number;
  /** Where the text came from: a path, a tool name, `stdin`… */
  origin: string;
  /** Which detector found it, e.g. `provider:github_token`, `keyword:password`, `known-value:DB_PASSWORD`. */
  rule: string;
}

/** A span a detector believes is a secret; the redactor picks among overlapping candidates. */
export interface SecretCandidate {
  start: number;
  end: number;
  kind: string;
  rule: string;
  /** Higher wins when candidates overlap: known values > key blocks > provider formats > keyword rules. */
  priority: number;
}

export interface KnownSecret {
  name: string;
  value: string;
}

export interface RedactResult {
  text: string;
  findings: SecretFinding[];
}

export interface RestoreResult {
  text: string;
  /** How many placeholders were put back. */
  restored: number;
  /** Placeholders this redactor never issued (left in the text as they are). */
  unknown: string[];
}

export interface Redactor {
  redact(text: string, origin: string): RedactResult;
  restore(text: string): RestoreResult;
}

export const PRIORITY = { known: 50, privateKey: 40, provider: 30, connection: 25, keyword: 20, secretlint: 10 } as const;
