// Where config files live, and reading one into a validated layer.
import { access, readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { configLayerSchema, type ConfigLayer } from '../core/config.js';
import { SummonError } from '../core/errors.js';
import { configInvalid, describeIssues } from './issues.js';

export const PROJECT_CONFIG_DIR = '.summon';
export const CONFIG_FILE_NAME = 'config.json';

/** `$XDG_CONFIG_HOME/summon`, else `$HOME/.config/summon`; undefined when the env names neither. */
export function userConfigDir(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const xdg = env.XDG_CONFIG_HOME;
  if (xdg && isAbsolute(xdg)) return join(xdg, 'summon');
  const home = env.HOME || env.USERPROFILE;
  return home ? join(home, '.config', 'summon') : undefined;
}

/** The nearest folder at or above `cwd` holding `.git` or `.summon`; undefined at the filesystem root. */
export async function findProjectRoot(cwd: string): Promise<string | undefined> {
  let dir = resolve(cwd);
  for (;;) {
    if ((await exists(join(dir, '.git'))) || (await exists(join(dir, PROJECT_CONFIG_DIR)))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/** A config file as a validated layer; undefined when the file does not exist. */
export async function readLayerFile(path: string): Promise<ConfigLayer | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new SummonError('config-invalid', `Cannot read configuration file ${path}: ${code ?? String(error)}`, {
      hint: `check the permissions of ${path}, or remove it`,
      cause: error,
    });
  }
  text = text.replace(/^\uFEFF/, '');
  if (text.trim() === '') return {};

  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const raw = error instanceof Error ? error.message : String(error);
    const { line, column } = syntaxErrorLocation(text, raw);
    const reason = raw.replace(/\s*(in JSON )?at position \d+.*$/s, '').replace(/\s*\(line \d+ column \d+\)/, '');
    throw new SummonError('config-invalid', `Invalid JSON in ${path} at line ${line}, column ${column}: ${reason}`, {
      hint: `fix the JSON syntax in ${path} (no comments or trailing commas)`,
    });
  }

  const parsed = configLayerSchema.safeParse(data);
  if (!parsed.success) {
    throw configInvalid(path, describeIssues(parsed.error.issues, data, configLayerSchema), `fix or remove the field in ${path}`);
  }
  return parsed.data;
}

/** Line and column (1-based) of a JSON.parse error, from either message style V8 uses. */
export function syntaxErrorLocation(text: string, message: string): { line: number; column: number } {
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (lineColumn) return { line: Number(lineColumn[1]), column: Number(lineColumn[2]) };
  const position = /at position (\d+)/.exec(message);
  const offset = position ? Math.min(Number(position[1]), text.length) : text.length;
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  return { line, column };
}

export function projectConfigFile(projectRoot: string): string {
  return join(projectRoot, PROJECT_CONFIG_DIR, CONFIG_FILE_NAME);
}
