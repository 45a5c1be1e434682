import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SpawnPort, Tool } from '../../src/core/tool.js';
import { createGrepTool, createToolRegistry, defaultSpawn, globTool, lsTool } from '../../src/tools/index.js';
import { makeContext, makeWorkspace, removeWorkspace } from './helpers.js';

const hasRipgrep = (() => {
  try {
    execFileSync('rg', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const FIXTURE: Record<string, string> = {
  '.gitignore': 'dist/\n*.log\nsecret.txt\n',
  'src/app.ts': 'const needle = 1;\nfunction find() {\n  return needle;\n}\n',
  'src/util.tsx': "export const NEEDLE = 'x';\n",
  'src/nested/.gitignore': 'generated.ts\n',
  'src/nested/generated.ts': 'needle generated\n',
  'src/nested/kept.ts': '// needle kept\n',
  'dist/out.js': 'needle in dist\n',
  'debug.log': 'needle in log\n',
  'secret.txt': 'needle secret\n',
  'node_modules/pkg/index.js': 'needle in deps\n',
  '.github/workflow.yml': 'needle: hidden but tracked\n',
  'docs/readme.md': 'Needle docs\n',
  'big.txt': `${'filler line\n'.repeat(100_000)}needle at the end\n`,
};

async function makeFixture(git: boolean): Promise<string> {
  const workspace = await makeWorkspace(FIXTURE);
  await fs.writeFile(path.join(workspace, 'bin.dat'), Buffer.concat([Buffer.from([0, 1, 2]), Buffer.from('needle\n')]));
  if (git) execFileSync('git', ['init', '-q'], { cwd: workspace, stdio: 'ignore' });
  return workspace;
}

/** A spawn port that records what it ran. */
function recordingSpawn(commands: string[][]): SpawnPort {
  return (request) => {
    commands.push([request.command, ...request.args]);
    return defaultSpawn(request);
  };
}

const backends: [string, Tool][] = [
  ...(hasRipgrep ? [['ripgrep', createGrepTool()] as [string, Tool]] : []),
  ['javascript', createGrepTool({ ripgrep: 'never' })],
];

describe.each([true, false])('grep (git repository: %s)', (git) => {
  let workspace: string;
  beforeAll(async () => {
    workspace = await makeFixture(git);
  });
  afterAll(() => removeWorkspace(workspace));

  describe.each(backends)('with %s', (backend, tool) => {
    const registry = createToolRegistry([tool]);
    const grep = async (input: Record<string, unknown>) => {
      const commands: string[][] = [];
      const result = await registry.execute({ id: 'g', name: 'grep', input }, makeContext(workspace, { spawn: recordingSpawn(commands) }));
      // The ripgrep backend must really use rg, with an argument array; the fallback must never.
      expect(commands.some(([command]) => command?.endsWith('rg'))).toBe(backend === 'ripgrep');
      return result;
    };

    it('leaves out files the permission rules do not let the model read, and says so', async () => {
      const commands: string[][] = [];
      const readable = (file: string) => !file.endsWith(`${path.sep}app.ts`);
      const result = await registry.execute({ id: 'g', name: 'grep', input: { pattern: 'needle' } }, makeContext(workspace, { spawn: recordingSpawn(commands), readable }));
      expect(result.output).not.toContain('src/app.ts');
      expect(result.output).toContain('src/nested/kept.ts:1:// needle kept');
      expect(result.output).toContain('(1 matching file was left out: the permission rules do not let you read it)');
    });

    it('finds matches as path:line:text, respecting .gitignore and skipping binaries, big files and node_modules', async () => {
      const result = await grep({ pattern: 'needle' });
      expect(result).toEqual({
        output: ['.github/workflow.yml:1:needle: hidden but tracked', 'src/app.ts:1:const needle = 1;', 'src/app.ts:3:  return needle;', 'src/nested/kept.ts:1:// needle kept'].join(
          '\n',
        ),
        isError: false,
      });
    });

    it('ignores case on request', async () => {
      const result = await grep({ pattern: 'needle', ignore_case: true, output_mode: 'files' });
      expect(result.output).toBe(['.github/workflow.yml', 'docs/readme.md', 'src/app.ts', 'src/nested/kept.ts', 'src/util.tsx'].join('\n'));
    });

    it('counts matching lines per file', async () => {
      const result = await grep({ pattern: 'needle', output_mode: 'count' });
      expect(result.output).toBe(['.github/workflow.yml:1', 'src/app.ts:2', 'src/nested/kept.ts:1', '(4 matching lines in 3 files)'].join('\n'));
    });

    it('filters by name glob without un-ignoring ignored files', async () => {
      const result = await grep({ pattern: 'needle', glob: '*.ts', output_mode: 'files' });
      expect(result.output).toBe('src/app.ts\nsrc/nested/kept.ts');
      const braces = await grep({ pattern: 'needle', glob: '*.{tsx,yml}', ignore_case: true, output_mode: 'files' });
      expect(braces.output).toBe('.github/workflow.yml\nsrc/util.tsx');
    });

    it('filters by path glob relative to path', async () => {
      const result = await grep({ pattern: 'needle', path: 'src', glob: 'nested/*.ts' });
      expect(result.output).toBe('src/nested/kept.ts:1:// needle kept');
    });

    it('searches a single file, even an ignored one named explicitly', async () => {
      expect((await grep({ pattern: 'return', path: 'src/app.ts' })).output).toBe('src/app.ts:3:  return needle;');
      expect((await grep({ pattern: 'needle', path: 'secret.txt' })).output).toBe('secret.txt:1:needle secret');
    });

    it('shows context lines', async () => {
      const result = await grep({ pattern: 'return', context: 1 });
      expect(result.output).toBe(['src/app.ts-2-function find() {', 'src/app.ts:3:  return needle;', 'src/app.ts-4-}'].join('\n'));
    });

    it('caps results with a note', async () => {
      const result = await grep({ pattern: 'needle', max_results: 2 });
      expect(result.output).toBe(
        ['.github/workflow.yml:1:needle: hidden but tracked', 'src/app.ts:1:const needle = 1;', '(showing 2 of 4 matching lines in 3 files; narrow with path or glob, or raise max_results)'].join(
          '\n',
        ),
      );
    });

    it('supports JavaScript regex syntax such as lookahead', async () => {
      expect((await grep({ pattern: 'needle(?= kept)' })).output).toBe('src/nested/kept.ts:1:// needle kept');
    });

    it('says when nothing matches', async () => {
      expect((await grep({ pattern: 'haystack' })).output).toBe('no matches for /haystack/ in .');
    });
  });
});

describe('grep errors and fallbacks', () => {
  let workspace: string;
  beforeAll(async () => {
    workspace = await makeFixture(false);
  });
  afterAll(() => removeWorkspace(workspace));

  it('reports an invalid regex with a hint', async () => {
    const result = await createToolRegistry([createGrepTool()]).execute({ id: 'g', name: 'grep', input: { pattern: 'foo(' } }, makeContext(workspace));
    expect(result.isError).toBe(true);
    expect(result.output).toContain('invalid regular expression');
    expect(result.output).toContain('hint: escape');
  });

  it('falls back to JavaScript when the rg binary cannot run', async () => {
    const tool = createGrepTool({ ripgrep: path.join(workspace, 'no-such-rg') });
    const result = await createToolRegistry([tool]).execute({ id: 'g', name: 'grep', input: { pattern: 'needle', output_mode: 'files' } }, makeContext(workspace));
    expect(result.output).toBe('.github/workflow.yml\nsrc/app.ts\nsrc/nested/kept.ts');
  });

  it('handles 10,000 files quickly on both backends', async () => {
    const many = await makeWorkspace();
    try {
      for (let dir = 0; dir < 100; dir++) {
        await fs.mkdir(path.join(many, `d${dir}`));
        await Promise.all(
          Array.from({ length: 100 }, (_, file) => fs.writeFile(path.join(many, `d${dir}`, `f${file}.ts`), `export const value${file} = ${dir};\n`)),
        );
      }
      await fs.writeFile(path.join(many, 'd42', 'f7.ts'), 'export const target = 1;\n');
      for (const [, tool] of backends) {
        const started = Date.now();
        const result = await createToolRegistry([tool]).execute({ id: 'g', name: 'grep', input: { pattern: 'target' } }, makeContext(many));
        expect(result.output).toBe('d42/f7.ts:1:export const target = 1;');
        expect(Date.now() - started).toBeLessThan(15_000);
      }
    } finally {
      await removeWorkspace(many);
    }
  });
});

describe('glob', () => {
  let workspace: string;
  const registry = createToolRegistry([globTool]);
  const glob = (input: Record<string, unknown>) => registry.execute({ id: 'g', name: 'glob', input }, makeContext(workspace));
  beforeAll(async () => {
    workspace = await makeFixture(true);
    const times: Record<string, number> = { 'src/app.ts': 1_000, 'src/nested/kept.ts': 3_000 };
    for (const [file, seconds] of Object.entries(times)) await fs.utimes(path.join(workspace, file), seconds, seconds);
  });
  afterAll(() => removeWorkspace(workspace));

  it('lists matching files, newest first, respecting .gitignore', async () => {
    expect((await glob({ pattern: '**/*.ts' })).output).toBe('src/nested/kept.ts\nsrc/app.ts');
    expect((await glob({ pattern: '**/*.{js,log,txt}' })).output).toBe('big.txt');
  });

  it('matches relative to path and includes dotfolders', async () => {
    expect((await glob({ pattern: 'nested/*', path: 'src' })).output).toBe('src/nested/.gitignore\nsrc/nested/kept.ts');
    expect((await glob({ pattern: '**/*.yml' })).output).toBe('.github/workflow.yml');
  });

  it('hints at ** when a bare pattern finds nothing', async () => {
    expect((await glob({ pattern: '*.tsx' })).output).toBe('no files match *.tsx in .; to search subfolders too, use "**/*.tsx"');
  });

  it('caps at 200 files with a note', async () => {
    const many = await makeWorkspace(Object.fromEntries(Array.from({ length: 250 }, (_, i) => [`f${i}.txt`, 'x'])));
    try {
      const result = await registry.execute({ id: 'g', name: 'glob', input: { pattern: '*.txt' } }, makeContext(many));
      expect(result.output.split('\n')).toHaveLength(201);
      expect(result.output).toContain('(showing the 200 newest of 250 files; use a narrower pattern or path)');
    } finally {
      await removeWorkspace(many);
    }
  });
});

describe('ls', () => {
  let workspace: string;
  const registry = createToolRegistry([lsTool]);
  const ls = (input: Record<string, unknown>) => registry.execute({ id: 'l', name: 'ls', input }, makeContext(workspace));
  beforeAll(async () => {
    workspace = await makeFixture(false);
  });
  afterAll(() => removeWorkspace(workspace));

  it('prints a tree, folders first with a trailing slash, ignored entries hidden', async () => {
    expect((await ls({})).output).toBe(
      ['./', '  .github/', '    workflow.yml', '  docs/', '    readme.md', '  src/', '    nested/ (2 entries)', '    app.ts', '    util.tsx', '  .gitignore', '  big.txt', '  bin.dat'].join('\n'),
    );
  });

  it('goes deeper on request and lists subfolders', async () => {
    expect((await ls({ path: 'src', depth: 3 })).output).toBe(['src/', '  nested/', '    .gitignore', '    kept.ts', '  app.ts', '  util.tsx'].join('\n'));
  });

  it('refuses files and missing folders', async () => {
    expect((await ls({ path: 'big.txt' })).output).toContain('is a file, not a directory');
    expect((await ls({ path: 'nope' })).output).toContain('no such directory: nope');
  });
});
