// Finds a project's test, typecheck, lint and build commands from its manifest files: package.json
// scripts (npm, pnpm or yarn by lock file), pytest / mypy / ruff configuration, go.mod, Cargo.toml.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { CommandLine } from './command.js';
import type { TestRunnerName } from './types.js';

export type CheckKind = 'typecheck' | 'lint' | 'build';

export interface DetectedCommand {
  line: CommandLine;
  /** The runner whose output format to expect, when known. */
  runner?: TestRunnerName;
  /** Why this command was chosen, e.g. "package.json scripts.test". */
  source: string;
}

const packageJsonSchema = z.object({ scripts: z.record(z.string(), z.string()).optional() }).loose();
/** `npm init`'s placeholder, which always fails. */
const PLACEHOLDER_TEST = /no test specified/;

export function detectTestCommand(workspace: string): DetectedCommand | undefined {
  const scripts = packageScripts(workspace);
  const script = scripts?.test;
  if (script !== undefined && !PLACEHOLDER_TEST.test(script)) {
    return { line: packageRun(workspace, 'test'), ...runnerOf(script), source: 'package.json scripts.test' };
  }
  if (scripts && ['vitest.config.ts', 'vitest.config.js', 'vitest.config.mjs', 'vite.config.ts'].some((name) => has(workspace, name))) {
    return { line: localBin(workspace, 'vitest', ['run']), runner: 'vitest', source: 'vitest config' };
  }
  if (isPytestProject(workspace)) return { line: python(workspace, ['-m', 'pytest']), runner: 'pytest', source: 'pytest project' };
  if (has(workspace, 'go.mod')) return { line: { command: 'go', args: ['test', '-v', './...'] }, runner: 'go-test', source: 'go.mod' };
  if (has(workspace, 'Cargo.toml')) return { line: { command: 'cargo', args: ['test'] }, runner: 'cargo-test', source: 'Cargo.toml' };
  return undefined;
}

export function detectCheckCommand(kind: CheckKind, workspace: string): DetectedCommand | undefined {
  const scripts = packageScripts(workspace);
  const scriptName = kind === 'typecheck' ? ['typecheck', 'type-check', 'tsc'].find((name) => scripts?.[name]) : scripts?.[kind] ? kind : undefined;
  if (scriptName) return { line: packageRun(workspace, scriptName), source: `package.json scripts.${scriptName}` };
  const pyproject = read(workspace, 'pyproject.toml');
  if (kind === 'typecheck') {
    if (has(workspace, 'tsconfig.json')) return { line: localBin(workspace, 'tsc', ['--noEmit', '-p', 'tsconfig.json']), source: 'tsconfig.json' };
    if (has(workspace, 'mypy.ini') || /\[tool\.mypy\]/.test(pyproject)) return { line: python(workspace, ['-m', 'mypy', '.']), source: 'mypy configuration' };
    if (has(workspace, 'go.mod')) return { line: { command: 'go', args: ['vet', './...'] }, source: 'go.mod' };
    if (has(workspace, 'Cargo.toml')) return { line: { command: 'cargo', args: ['check', '--quiet'] }, source: 'Cargo.toml' };
  }
  if (kind === 'lint') {
    const eslintConfig = ['eslint.config.js', 'eslint.config.mjs', 'eslint.config.cjs', 'eslint.config.ts', '.eslintrc', '.eslintrc.js', '.eslintrc.cjs', '.eslintrc.json'].some((name) => has(workspace, name));
    if (eslintConfig) return { line: localBin(workspace, 'eslint', ['.']), source: 'eslint configuration' };
    // concise: one `path:line:col: CODE message` line per finding, whatever the version's default (ruff
    // has changed its default output format more than once).
    if (has(workspace, 'ruff.toml') || has(workspace, '.ruff.toml') || /\[tool\.ruff/.test(pyproject)) return { line: { command: 'ruff', args: ['check', '--output-format=concise', '.'] }, source: 'ruff configuration' };
    if (has(workspace, 'go.mod')) return { line: { command: 'go', args: ['vet', './...'] }, source: 'go.mod' };
    if (has(workspace, 'Cargo.toml')) return { line: { command: 'cargo', args: ['clippy', '--quiet'] }, source: 'Cargo.toml' };
  }
  if (kind === 'build') {
    if (has(workspace, 'go.mod')) return { line: { command: 'go', args: ['build', './...'] }, source: 'go.mod' };
    if (has(workspace, 'Cargo.toml')) return { line: { command: 'cargo', args: ['build', '--quiet'] }, source: 'Cargo.toml' };
    if (has(workspace, 'tsconfig.json')) return { line: localBin(workspace, 'tsc', ['-p', 'tsconfig.json']), source: 'tsconfig.json' };
  }
  return undefined;
}

/** The runner a test command line or package script uses, judged from its words. */
export function runnerOf(script: string): { runner?: TestRunnerName } {
  if (/\bvitest\b/.test(script)) return { runner: 'vitest' };
  if (/\bjest\b/.test(script)) return { runner: 'jest' };
  if (/\bnode\b.*--test\b/.test(script)) return { runner: 'node-test' };
  if (/\bmocha\b/.test(script)) return { runner: 'mocha' };
  if (/\bpytest\b/.test(script)) return { runner: 'pytest' };
  if (/\bgo test\b/.test(script)) return { runner: 'go-test' };
  if (/\bcargo test\b/.test(script)) return { runner: 'cargo-test' };
  return {};
}

function isPytestProject(workspace: string): boolean {
  if (['pytest.ini', 'conftest.py'].some((name) => has(workspace, name))) return true;
  if (/\[tool\.pytest/.test(read(workspace, 'pyproject.toml')) || /\[tool:pytest\]/.test(read(workspace, 'setup.cfg')) || /\[pytest\]/.test(read(workspace, 'tox.ini'))) return true;
  const python = ['pyproject.toml', 'setup.py', 'setup.cfg', 'requirements.txt'].some((name) => has(workspace, name));
  if (!python) return false;
  return has(workspace, 'tests') || has(workspace, 'test') || safeList(workspace).some((name) => /^test_.*\.py$/.test(name));
}

function packageScripts(workspace: string): Record<string, string> | undefined {
  const text = read(workspace, 'package.json');
  if (!text) return undefined;
  try {
    const parsed = packageJsonSchema.safeParse(JSON.parse(text));
    return parsed.success ? (parsed.data.scripts ?? {}) : undefined;
  } catch {
    return undefined;
  }
}

function packageRun(workspace: string, script: string): CommandLine {
  const manager = has(workspace, 'pnpm-lock.yaml') ? 'pnpm' : has(workspace, 'yarn.lock') ? 'yarn' : 'npm';
  // npm's own banner lines ("> pkg@1.0.0 test") are harmless to the parsers; --silent drops them.
  return script === 'test' ? { command: manager, args: manager === 'npm' ? ['test', '--silent'] : ['test'] } : { command: manager, args: manager === 'npm' ? ['run', '--silent', script] : ['run', script] };
}

function localBin(workspace: string, name: string, args: string[]): CommandLine {
  const local = path.join(workspace, 'node_modules', '.bin', name);
  return existsSync(local) ? { command: local, args } : { command: 'npx', args: ['--no-install', name, ...args] };
}

function python(workspace: string, args: string[]): CommandLine {
  const venv = ['.venv', 'venv'].map((dir) => path.join(workspace, dir, 'bin', 'python')).find((file) => existsSync(file));
  return { command: venv ?? 'python3', args };
}

function has(workspace: string, name: string): boolean {
  return existsSync(path.join(workspace, name));
}

function read(workspace: string, name: string): string {
  try {
    return readFileSync(path.join(workspace, name), 'utf8');
  } catch {
    return '';
  }
}

function safeList(workspace: string): string[] {
  try {
    return readdirSync(workspace);
  } catch {
    return [];
  }
}
