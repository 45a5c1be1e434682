// The sandbox contract suite: every backend must contain every escape attempt and keep every
// legitimate command working. Call it once per backend.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SpawnPort } from '../../../src/core/tool.js';
import { defaultPolicy, type SandboxPolicy } from '../../../src/safety/sandbox/index.js';
import { SANDBOX_CASES } from './escape-cases.js';
import { createFixture, type Fixture } from './fixture.js';

export function sandboxContract(backend: string, createSpawn: (policy: SandboxPolicy) => SpawnPort): void {
  describe(`sandbox contract: ${backend}`, () => {
    let fx: Fixture;
    let spawn: SpawnPort;
    beforeAll(async () => {
      fx = await createFixture();
      spawn = createSpawn(await defaultPolicy(fx.workspace, fx.env));
    });
    afterAll(() => fx.dispose());

    it('has at least 30 escape attempts and the controls', () => {
      expect(SANDBOX_CASES.filter((entry) => entry.category !== 'control').length).toBeGreaterThanOrEqual(30);
      expect(SANDBOX_CASES.filter((entry) => entry.category === 'control').length).toBeGreaterThanOrEqual(6);
    });

    for (const entry of SANDBOX_CASES) {
      it(`${entry.category === 'control' ? 'works' : 'contains'}: ${entry.name}`, async () => {
        const result = await spawn({
          command: 'bash',
          args: ['-c', entry.script(fx)],
          cwd: fx.workspace,
          env: fx.env,
          timeoutMs: 15_000,
          maxOutputBytes: 200_000,
          signal: new AbortController().signal,
        });
        expect(await entry.check(result, fx)).toBeUndefined();
      });
    }
  });
}
