// Errors a user can act on: a native module built for another Node names the module and the fix.
import { describe, expect, it } from 'vitest';
import { SummonError, toSummonError } from '../../src/core/errors.js';

/** Node's own messages when a .node addon cannot load (process.dlopen). */
const VERSION_MISMATCH = Object.assign(
  new Error(
    "The module '/opt/summon/node_modules/better-sqlite3/build/Release/better_sqlite3.node'\nwas compiled against a different Node.js version using\nNODE_MODULE_VERSION 127. This version of Node.js requires\nNODE_MODULE_VERSION 115. Please try re-compiling or re-installing\nthe module (for instance, using `npm rebuild` or `npm install`).",
  ),
  { code: 'ERR_DLOPEN_FAILED' },
);
const SELF_REGISTER = new Error("Module did not self-register: '/opt/summon/node_modules/better-sqlite3/build/Release/better_sqlite3.node'.");

describe('toSummonError', () => {
  it.each([
    ['a version mismatch', VERSION_MISMATCH],
    ['a module that did not self-register', SELF_REGISTER],
  ])('names the native module and the rebuild for %s', (_name, error) => {
    const summon = toSummonError(error);
    expect(summon.message).toMatch(/^the native module better-sqlite3 could not be loaded: /);
    expect(summon.hint).toContain('npm rebuild better-sqlite3');
    expect(summon.hint).toContain(process.version);
  });

  it('leaves other errors as internal errors with their message', () => {
    expect(toSummonError(new Error('boom'))).toMatchObject({ code: 'internal', message: 'boom' });
    const own = new SummonError('usage', 'bad flag');
    expect(toSummonError(own)).toBe(own);
  });
});
