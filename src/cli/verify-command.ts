// `summon verify KIND`: routes to the verifier's own command (math, code), loaded when used.
import { SummonError } from '../core/errors.js';
import type { CliIo } from './io.js';

const KINDS: Readonly<Record<string, () => Promise<{ run(argv: string[], io: CliIo, stdin?: NodeJS.ReadableStream): Promise<number>; HELP: string }>>> = {
  math: () => import('./verify-math-command.js'),
  code: () => import('./verify-code-command.js'),
};

export const HELP = `summon verify math|code [options]

Runs summon's verifiers outside an agent run: JSON Lines on stdin, exactly one JSON line out per
line in, in order, flushed as each is ready (a long-lived process can serve a stream).

  summon verify math --json      {"id","gold","prediction"} → {"id","correct","reward","extracted"}
  summon verify code --json      {"id","language","program","tests":[…],"time_limit_s","memory_limit_mb"}
                                 → {"id","verdict","reward","stdout","elapsed_ms"}

Examples:
  echo '{"id":1,"gold":"\\\\frac{1}{2}","prediction":"so \\\\boxed{0.5}"}' | summon verify math --json
  summon verify math --gold "(1, 2]" --prediction "The answer is $1 < x \\\\le 2$."
  summon verify code --json < cases.jsonl > verdicts.jsonl
Help for one kind: summon verify math --help`;

export async function run(argv: string[], io: CliIo): Promise<number> {
  const [kind, ...rest] = argv;
  const load = kind === undefined ? undefined : KINDS[kind];
  if (!load) {
    throw new SummonError('usage', kind === undefined ? 'summon verify needs a kind' : `unknown verifier "${kind}"`, { hint: `use one of: ${Object.keys(KINDS).join(', ')} (e.g. summon verify math --json)` });
  }
  const command = await load();
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(`${command.HELP}\n`);
    return 0;
  }
  return command.run(rest, io, io.stdin);
}
