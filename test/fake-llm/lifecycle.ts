// One fake server per test, closed after it: `const start = useFakeLlm(); const fake = await start(script);`.
import { afterEach } from 'vitest';
import { startFakeLlm, type FakeLlmServer, type FakeScript, type StartFakeLlmOptions } from '../../src/fake-llm/index.js';

export function useFakeLlm(): (script: FakeScript, options?: Omit<StartFakeLlmOptions, 'script'>) => Promise<FakeLlmServer> {
  let server: FakeLlmServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  return async (script, options = {}) => {
    server = await startFakeLlm({ ...options, script });
    return server;
  };
}
