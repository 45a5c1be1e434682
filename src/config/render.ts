// What `summon config` shows: every effective value with the layer it came from, secrets masked.
import type { Config } from '../core/config.js';
import { leaves, type Leaf } from './paths.js';
import { isSecretPath, maskSecret, maskUrlCredentials } from './secrets.js';

export interface RenderedValue {
  value: unknown;
  source: string;
}

const MAX_VALUE_COLUMN = 40;

/** One line per leaf, `path = value   (source)`, aligned in columns. */
export function renderConfig(config: Config, sources: ReadonlyMap<string, string>): string {
  const rows = leaves(config).map((leaf) => ({ path: leaf.path, value: displayText(leaf), source: sources.get(leaf.path) ?? 'default' }));
  const pathWidth = Math.max(0, ...rows.map((row) => row.path.length));
  const valueWidth = Math.min(MAX_VALUE_COLUMN, Math.max(0, ...rows.map((row) => row.value.length)));
  return rows.map((row) => `${row.path.padEnd(pathWidth)} = ${row.value.padEnd(valueWidth)}   (${row.source})`).join('\n');
}

/** `{ "providers.openai.apiKey": { value: "sk-…abcd", source: "env:OPENAI_API_KEY" }, … }` */
export function renderConfigJson(config: Config, sources: ReadonlyMap<string, string>): Record<string, RenderedValue> {
  const out: Record<string, RenderedValue> = {};
  for (const leaf of leaves(config)) out[leaf.path] = { value: safeValue(leaf), source: sources.get(leaf.path) ?? 'default' };
  return out;
}

/** The leaf's value with secrets replaced by their mask. */
function safeValue(leaf: Leaf): unknown {
  if (isSecretPath(leaf.segments)) return maskSecret(leaf.value);
  if (typeof leaf.value === 'string') return maskUrlCredentials(leaf.value);
  return leaf.value;
}

function displayText(leaf: Leaf): string {
  if (isSecretPath(leaf.segments)) return maskSecret(leaf.value);
  return JSON.stringify(safeValue(leaf)) ?? String(leaf.value);
}
