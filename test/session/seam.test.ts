// The session core is the only door: no module outside src/session/ assembles a run by hand. A file
// that imports two of the run's parts (the provider layer, the safety setup, the guard, the loop)
// is assembling one; the loop itself is imported only by the session core; the CLI imports nothing
// from src/agent/. Checked over every source, test and benchmark file.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

const PARTS: Record<string, string> = {
  'src/model/providers.ts': 'provider',
  'src/agent/setup.ts': 'provider',
  'src/agent/safety-setup.ts': 'safety',
  'src/agent/guard.ts': 'guard',
  'src/agent/loop.ts': 'loop',
};

type ImportGraph = Map<string, Set<string>>;

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(ts|mts|mjs|js)$/.test(entry.name) && !entry.name.endsWith('.d.ts'))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)));
}

/** Relative imports (static and dynamic) of every file, resolved to repository paths (`.js` → `.ts`). */
function importGraph(files: readonly string[]): ImportGraph {
  const graph: ImportGraph = new Map();
  const pattern = /(?:from\s+|import\s*\(\s*|import\s+)['"](\.{1,2}\/[^'"]+)['"]/g;
  for (const file of files) {
    const text = readFileSync(path.join(root, file), 'utf8');
    const targets = new Set<string>();
    for (const match of text.matchAll(pattern)) {
      const resolved = path.relative(root, path.resolve(path.dirname(path.join(root, file)), match[1]!)).replace(/\.js$/, '.ts');
      targets.add(resolved);
    }
    graph.set(file, targets);
  }
  return graph;
}

/** Every breach of the seam, one line each. */
function seamViolations(graph: ImportGraph): string[] {
  const problems: string[] = [];
  for (const [file, targets] of graph) {
    if (file.startsWith('src/session/')) continue;
    const own = PARTS[file];
    const parts = new Set([...targets].map((target) => PARTS[target]).filter((part): part is string => part !== undefined && part !== own));
    if (parts.size >= 2) problems.push(`${file} assembles a run by hand (imports ${[...parts].sort().join(' + ')}); use createSession`);
    if (targets.has('src/agent/loop.ts')) problems.push(`${file} imports the loop; only the session core may (use createSession)`);
    if (file.startsWith('src/cli/')) for (const target of targets) if (target.startsWith('src/agent/')) problems.push(`${file} imports ${target}; the CLI goes through the session core`);
  }
  return problems;
}

describe('the session seam', () => {
  it('holds across src/, test/ and bench/', () => {
    const graph = importGraph([...sourceFiles('src'), ...sourceFiles('test'), ...sourceFiles('bench')]);
    expect(graph.size).toBeGreaterThan(300);
    // The graph is real: the session core does import the parts.
    expect([...graph.get('src/session/assemble.ts')!]).toEqual(expect.arrayContaining(['src/agent/safety-setup.ts', 'src/agent/guard.ts', 'src/agent/setup.ts']));
    expect(seamViolations(graph)).toEqual([]);
  });

  it('catches a module that wires the provider and the safety layer itself', () => {
    const graph: ImportGraph = new Map([
      ['src/eval/worker.ts', new Set(['src/agent/setup.ts', 'src/agent/safety-setup.ts'])],
      ['test/x.test.ts', new Set(['src/agent/loop.ts'])],
      ['src/cli/tui.ts', new Set(['src/agent/guard.ts'])],
      ['src/session/assemble.ts', new Set(['src/agent/setup.ts', 'src/agent/safety-setup.ts', 'src/agent/loop.ts'])],
    ]);
    expect(seamViolations(graph)).toEqual([
      'src/eval/worker.ts assembles a run by hand (imports provider + safety); use createSession',
      'test/x.test.ts imports the loop; only the session core may (use createSession)',
      'src/cli/tui.ts imports src/agent/guard.ts; the CLI goes through the session core',
    ]);
  });

  it('the package entry exports the session API and not the loop', async () => {
    const entry = await import('../../src/index.js');
    expect(typeof entry.createSession).toBe('function');
    expect(typeof entry.resumeSession).toBe('function');
    expect(Object.keys(entry)).not.toEqual(expect.arrayContaining(['runLoop']));
    expect(Object.keys(entry).filter((name) => /^(runAgent|runLoop|prepareModel|prepareSafety|createToolGuard)$/.test(name))).toEqual([]);
  });
});
