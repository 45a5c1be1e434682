// `summon verify math`: judge model answers against references. With --json, a JSON Lines stream
// on stdin ({"id","gold","prediction"} → {"id","correct","reward","extracted"}); else one check.
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { SummonError } from '../core/errors.js';
import { judgeMath } from '../verify/math/index.js';
import type { CliIo } from './io.js';
import { processJsonLines } from './jsonl-stream.js';

export const HELP = `summon verify math --json [--concurrency N]
summon verify math --gold ANSWER --prediction RESPONSE

Judges a model's final answer against a reference per summon's math equivalence policy: the last
\\boxed{} (or a later "the answer is …", "Final answer:", "####", <answer>…</answer>), compared
exactly for integers and fractions, within 1e-6 relative for decimals, symbolically otherwise
(sets, intervals, equations, matrices, complex numbers, polynomials).

  --json              read JSON Lines on stdin: {"id", "gold", "prediction"} per line; write one
                      line per input line, in order, flushed at once:
                      {"id", "correct", "reward", "extracted"} (or {"error", "line", "id"?})
  --concurrency N     lines judged at once in --json mode (default 8)
  --gold ANSWER       the reference answer (single check)
  --prediction TEXT   the model response (single check); exit code 0 when correct, 1 when not

Examples:
  echo '{"id":1,"gold":"\\\\frac{1}{2}","prediction":"so \\\\boxed{0.5}"}' | summon verify math --json
  summon verify math --gold "(1, 2]" --prediction "The answer is \\$1 < x \\\\le 2\\$."
  summon verify math --json < answers.jsonl > verdicts.jsonl`;

const lineSchema = z.object({
  id: z.union([z.string(), z.number()]).optional(),
  gold: z.union([z.string(), z.number()]).transform(String),
  prediction: z.union([z.string(), z.number()]).transform(String),
});

export async function run(argv: string[], io: CliIo, stdin: NodeJS.ReadableStream = process.stdin): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { json: { type: 'boolean' }, gold: { type: 'string' }, prediction: { type: 'string' }, concurrency: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new SummonError('usage', (error as Error).message.replace(/\. To specify a positional.*$/s, ''), { hint: 'run `summon verify math --help` for the flags' });
  }
  if (values.json) {
    const concurrency = values.concurrency === undefined ? 8 : Number(values.concurrency);
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new SummonError('usage', `--concurrency "${values.concurrency}" is not a positive integer`, { hint: 'e.g. --concurrency 8' });
    await processJsonLines(
      stdin,
      async (value) => {
        const line = lineSchema.parse(value);
        const { correct, reward, extracted } = judgeMath(line.prediction, line.gold);
        return { ...(line.id === undefined ? {} : { id: line.id }), correct, reward, extracted };
      },
      io.stdout,
      { concurrency },
    );
    return 0;
  }
  if (values.gold === undefined || values.prediction === undefined) {
    throw new SummonError('usage', 'summon verify math needs --json, or both --gold and --prediction', { hint: 'e.g. summon verify math --gold 42 --prediction "so the answer is \\boxed{42}"' });
  }
  const judgement = judgeMath(values.prediction, values.gold);
  io.stdout(
    `${judgement.correct ? 'correct' : 'wrong'} (reward ${judgement.reward})\n` +
      `extracted: ${judgement.extracted === '' ? '(none)' : judgement.extracted}   [${judgement.reason}]\n` +
      `gold:      ${values.gold}\n`,
  );
  return judgement.correct ? 0 : 1;
}
