// The environment layer: which variables set which config fields, validated like a file.
import { configLayerSchema, type ConfigLayer, type ProviderConfig } from '../core/config.js';
import { configInvalid, describeIssues } from './issues.js';
import { formatPath, setAt, type PathSegment } from './paths.js';

export type Env = Readonly<Record<string, string | undefined>>;

interface EnvField {
  name: string;
  path: readonly string[];
  /** Turns the text into the value zod checks; text that does not parse is passed on for zod to report. */
  parse?: (raw: string) => unknown;
}

const toNumber = (raw: string): unknown => (/^\s*-?\d+(\.\d+)?\s*$/.test(raw) ? Number(raw) : raw);
const toThink = (raw: string): unknown => (/^\s*\d+\s*$/.test(raw) ? Number(raw) : raw.trim().toLowerCase());

/** Later entries for the same path lose: GEMINI_API_KEY is preferred to GOOGLE_GENERATIVE_AI_API_KEY. */
export const ENV_FIELDS: readonly EnvField[] = [
  { name: 'SUMMON_MODEL', path: ['model'] },
  { name: 'SUMMON_THINK', path: ['think'], parse: toThink },
  { name: 'SUMMON_MAX_TURNS', path: ['maxTurns'], parse: toNumber },
  { name: 'OPENAI_API_KEY', path: ['providers', 'openai', 'apiKey'] },
  { name: 'OPENAI_BASE_URL', path: ['providers', 'openai', 'baseUrl'] },
  { name: 'ANTHROPIC_API_KEY', path: ['providers', 'anthropic', 'apiKey'] },
  { name: 'ANTHROPIC_BASE_URL', path: ['providers', 'anthropic', 'baseUrl'] },
  { name: 'GEMINI_API_KEY', path: ['providers', 'google', 'apiKey'] },
  { name: 'GOOGLE_GENERATIVE_AI_API_KEY', path: ['providers', 'google', 'apiKey'] },
  { name: 'OPENROUTER_API_KEY', path: ['providers', 'openrouter', 'apiKey'] },
  { name: 'DEEPSEEK_API_KEY', path: ['providers', 'deepseek', 'apiKey'] },
];

export interface EnvLayer {
  layer: ConfigLayer;
  /** Dot path → variable name, for every field the environment set. */
  variables: Map<string, string>;
}

/**
 * Reads the environment layer. `providers` are those the files configured: a provider naming its
 * key variable with `apiKeyEnv` takes its key from that variable, ahead of the built-in one.
 */
export function readEnvLayer(env: Env, providers: Readonly<Record<string, ProviderConfig>> = {}): EnvLayer {
  const raw: Record<string, unknown> = {};
  const variables = new Map<string, string>();
  const set = (name: string, path: readonly string[], value: unknown): void => {
    setAt(raw, path, value);
    variables.set(formatPath(path), name);
  };

  for (const field of ENV_FIELDS) {
    const text = env[field.name];
    if (text === undefined || text === '' || variables.has(formatPath(field.path))) continue;
    set(field.name, field.path, field.parse ? field.parse(text) : text);
  }
  for (const [provider, config] of Object.entries(providers)) {
    const name = config.apiKeyEnv;
    const text = name === undefined ? undefined : env[name];
    if (name !== undefined && text !== undefined && text !== '') set(name, ['providers', provider, 'apiKey'], text);
  }

  const parsed = configLayerSchema.safeParse(raw);
  if (!parsed.success) {
    const nameField = (segments: readonly PathSegment[]): string => {
      const path = formatPath(segments);
      const variable = variables.get(path);
      return variable ? `${variable} (${path})` : path;
    };
    const names = [...new Set(parsed.error.issues.map((issue) => variables.get(formatPath(issue.path.filter((s) => typeof s !== 'symbol')))))]
      .filter((name): name is string => name !== undefined);
    throw configInvalid('the environment', describeIssues(parsed.error.issues, raw, configLayerSchema, nameField), `fix or unset ${names.join(', ') || 'the variable'}`);
  }
  return { layer: parsed.data, variables };
}
