// Loads the effective configuration: defaults < user file < project file < environment < flags,
// and records where every leaf value came from.
import { join } from 'node:path';
import { configLayerSchema, configSchema, DEFAULT_CONFIG, type Config, type ConfigLayer } from '../core/config.js';
import { type Env, readEnvLayer } from './env.js';
import { CONFIG_FILE_NAME, findProjectRoot, projectConfigFile, readLayerFile, userConfigDir as defaultUserConfigDir } from './files.js';
import { configInvalid, describeIssues } from './issues.js';
import { deepMerge, formatPath, isPlainObject, leaves, type Leaf, type PathSegment } from './paths.js';

export type Source = 'default' | `user file ${string}` | `project file ${string}` | `env:${string}` | `flag ${string}`;

export interface LoadConfigOptions {
  cwd: string;
  env: Env;
  /** The layer the CLI built from its flags. */
  flags?: ConfigLayer;
  /** Dot path → the flag that set it, e.g. `{ model: '--model' }`; unlisted paths are named after their last segment. */
  flagSources?: Readonly<Record<string, string>>;
  /** What errors in `flags` call the layer and its fields, when it did not come from a command line (e.g. `createSession({ config })`). */
  flagsLabel?: string;
  /** Folder holding the user's config.json; defaults to `$XDG_CONFIG_HOME/summon`, else `~/.config/summon`. */
  userConfigDir?: string;
}

export interface LoadedConfig {
  config: Config;
  /** Dot path of every leaf of `config` → the layer its value came from. */
  sources: Map<string, Source>;
  /** Config files that exist and were read, lowest precedence first. */
  files: string[];
  /** Nearest folder at or above cwd with `.git` or `.summon`, if any. */
  projectRoot: string | undefined;
}

interface Layer {
  data: unknown;
  sourceOf: (leaf: Leaf) => Source;
}

export async function loadConfig(options: LoadConfigOptions): Promise<LoadedConfig> {
  const layers: Layer[] = [{ data: DEFAULT_CONFIG, sourceOf: () => 'default' }];
  const files: string[] = [];

  const userDir = options.userConfigDir ?? defaultUserConfigDir(options.env);
  if (userDir !== undefined) {
    const file = join(userDir, CONFIG_FILE_NAME);
    const data = await readLayerFile(file);
    if (data) {
      files.push(file);
      layers.push({ data, sourceOf: () => `user file ${file}` });
    }
  }

  const projectRoot = await findProjectRoot(options.cwd);
  if (projectRoot !== undefined) {
    const file = projectConfigFile(projectRoot);
    const data = await readLayerFile(file);
    if (data) {
      files.push(file);
      layers.push({ data, sourceOf: () => `project file ${file}` });
    }
  }

  const fromFiles = mergeLayers(layers);
  const providers = isPlainObject(fromFiles) ? configLayerSchema.shape.providers.safeParse(fromFiles.providers) : undefined;
  const env = readEnvLayer(options.env, providers?.success ? providers.data : {});
  layers.push({ data: env.layer, sourceOf: (leaf) => `env:${env.variables.get(leaf.path) ?? '?'}` });

  if (options.flags !== undefined) {
    const flagName = (segments: readonly PathSegment[]): string => flagFor(segments, options.flagSources ?? {});
    layers.push({ data: validateFlags(options.flags, flagName, options.flagsLabel), sourceOf: (leaf) => `flag ${flagName(leaf.segments)}` });
  }

  const merged = mergeLayers(layers);
  const recorded = new Map<string, Source>();
  for (const layer of layers) for (const leaf of leaves(layer.data)) recorded.set(leaf.path, layer.sourceOf(leaf));

  const parsed = configSchema.safeParse(merged);
  if (!parsed.success) {
    const nameField = (segments: readonly PathSegment[]): string => {
      const path = formatPath(segments);
      const source = recorded.get(path);
      return source ? `${path} (from ${source})` : path;
    };
    throw configInvalid('the merged configuration', describeIssues(parsed.error.issues, merged, configSchema, nameField), 'fix the field in the layer named beside it');
  }

  const sources = new Map<string, Source>();
  for (const leaf of leaves(parsed.data)) sources.set(leaf.path, recorded.get(leaf.path) ?? 'default');
  return { config: parsed.data, sources, files, projectRoot };
}

function mergeLayers(layers: readonly Layer[]): unknown {
  return layers.reduce<unknown>((merged, layer) => deepMerge(merged, layer.data), {});
}

function validateFlags(flags: ConfigLayer, flagName: (segments: readonly PathSegment[]) => string, label: string | undefined): ConfigLayer {
  const parsed = configLayerSchema.safeParse(flags);
  if (parsed.success) return parsed.data;
  if (label !== undefined) {
    throw configInvalid(label, describeIssues(parsed.error.issues, flags, configLayerSchema, formatPath), 'fix the field: it takes the same values as .summon/config.json (summon config --json shows the effective ones)');
  }
  const nameField = (segments: readonly PathSegment[]): string => `${flagName(segments)} (${formatPath(segments)})`;
  throw configInvalid('command-line flags', describeIssues(parsed.error.issues, flags, configLayerSchema, nameField), 'fix the flag value (see summon --help)');
}

/** The flag listed for the path or its nearest listed ancestor, else `--kebab-case-of-last-segment`. */
function flagFor(segments: readonly PathSegment[], flagSources: Readonly<Record<string, string>>): string {
  for (let length = segments.length; length > 0; length--) {
    const listed = flagSources[formatPath(segments.slice(0, length))];
    if (listed) return listed.startsWith('-') ? listed : `--${listed}`;
  }
  const last = String(segments.at(-1) ?? 'flag');
  return `--${last.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()}`;
}
