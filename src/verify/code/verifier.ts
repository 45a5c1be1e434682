// The `code` verifier: a fixed set of code cases run in the strict sandbox; reward = share of cases passing.
import type { Verdict, Verifier } from '../../core/verify.js';
import { runCodeCase, type RunCodeOptions } from './run-case.js';
import type { CodeCase, CodeResult } from './types.js';

export function codeVerifier(cases: CodeCase[], options: Omit<RunCodeOptions, 'signal'> & { name?: string; weight?: number } = {}): Verifier {
  return {
    name: options.name ?? 'code',
    ...(options.weight === undefined ? {} : { weight: options.weight }),
    async run(_target, signal): Promise<Verdict> {
      const results: CodeResult[] = [];
      for (const codeCase of cases) results.push(await runCodeCase(codeCase, { ...options, signal }));
      const passed = results.filter((result) => result.verdict === 'pass').length;
      const failing = results.filter((result) => result.verdict !== 'pass');
      const summary = failing.length === 0
        ? `${passed}/${results.length} code cases pass`
        : `${passed}/${results.length} code cases pass; ${failing.slice(0, 5).map((result) => `${result.id ?? `#${results.indexOf(result) + 1}`}: ${result.verdict}`).join(', ')}`;
      return { reward: results.length === 0 ? 1 : passed / results.length, passed: failing.length === 0, summary, details: results };
    },
  };
}
