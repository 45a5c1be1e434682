// Checks a rule against the example inputs written beside it in the config, so a rule that does
// not mean what its author thinks fails when the config loads, not when it is needed.
import { SummonError } from '../../core/errors.js';
import type { CompiledRule } from './rules.js';

export interface RuleExamples {
  match?: string[] | undefined;
  noMatch?: string[] | undefined;
}

/** `test` says whether the rule matches an example, or why the example could not be judged. */
export function checkExamples(rule: CompiledRule, examples: RuleExamples, where: string, test: (example: string) => boolean | string): void {
  for (const [expected, list] of [[true, examples.match ?? []], [false, examples.noMatch ?? []]] as const) {
    for (const example of list) {
      const result = test(example);
      if (result === expected) continue;
      const why = typeof result === 'string' ? result : expected ? 'should match but does not' : 'should not match but does';
      throw new SummonError('config-invalid', `${where} rule "${rule.source}": example "${example}" ${why}`, {
        hint:
          rule.list === 'allow'
            ? 'an allow rule must cover every sub-command of a command line; use "cmd:*" for a command with any arguments and "*" as a glob'
            : 'deny and ask rules match any sub-command; use "cmd:*" for a command with any arguments and "*" as a glob',
      });
    }
  }
}
