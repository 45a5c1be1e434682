// The package's type declarations (dist/types, written by `npm run build`) serve a TypeScript user:
// a program written against `summon` typechecks, and a mistake in it is caught.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');

const PROGRAM = `import { createSession, resumeSession, summaryOf, type ApprovalAnswer, type ApprovalRequest, type Session } from 'summon';

async function approve(request: ApprovalRequest): Promise<ApprovalAnswer> {
  if (request.source === 'network') return { deny: 'no network here' };
  return request.kind === 'read' ? 'allow' : 'allow-always';
}

export async function main(): Promise<number> {
  const session: Session = await createSession({ cwd: '.', model: 'openai/gpt-5', approve, config: { maxTurns: 5 } });
  let cost = 0;
  for await (const event of session.run('fix the build')) {
    if (event.type === 'text-delta') process.stdout.write(event.id + event.text);
    if (event.type === 'permission-asked') console.log(event.source, event.toolCallId ?? '');
    if (event.type === 'done') cost = summaryOf(event).costUsd;
  }
  await session.close();
  const again = await resumeSession(session.id, { approve });
  console.log(again.history().length, cost);
  return 0;
}
`;

function typecheck(program: string): { ok: boolean; output: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'summon-types-'));
  writeFileSync(path.join(dir, 'main.ts'), program);
  writeFileSync(
    path.join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', lib: ['ES2023'], types: ['node'], typeRoots: [path.join(root, 'node_modules', '@types')], skipLibCheck: true, baseUrl: dir, paths: { summon: [path.join(root, 'dist', 'types', 'index.d.ts')] } },
      files: ['main.ts'],
    }),
  );
  const result = spawnSync(process.execPath, [tsc, '-p', dir], { encoding: 'utf8' });
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
}

beforeAll(() => {
  // `npm run build` writes them; a bare `vitest run` may not have.
  if (!existsSync(path.join(root, 'dist', 'types', 'index.d.ts'))) execFileSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.types.json')], { stdio: 'inherit' });
}, 120_000);

it('a program written against the package typechecks', () => {
  const result = typecheck(PROGRAM);
  expect(result.output).toBe('');
  expect(result.ok).toBe(true);
}, 60_000);

it('a wrong answer to approve is a type error', () => {
  const result = typecheck(PROGRAM.replace("return { deny: 'no network here' };", "return 'maybe';"));
  expect(result.ok).toBe(false);
  expect(result.output).toMatch(/'"maybe"' is not assignable/);
}, 60_000);
