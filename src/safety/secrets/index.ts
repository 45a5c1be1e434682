// Secret redaction: the public entry points of src/safety/secrets.
export { createRedactor, detectSecrets, type RedactorOptions } from './redactor.js';
export { secretsFromEnv } from './env.js';
export { PLACEHOLDER_PATTERN, formatPlaceholder } from './placeholder.js';
export type { KnownSecret, RedactResult, Redactor, RestoreResult, SecretFinding } from './types.js';
