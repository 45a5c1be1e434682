// `summon verify code --json`: runs programs against their tests in the strict sandbox, one JSON line
// in ({"id","language","program","tests","time_limit_s","memory_limit_mb"}) → one line out, in order.
import { parseArgs } from 'node:util';
import { SummonError } from '../core/errors.js';
import { probeSandbox } from '../safety/sandbox/index.js';
import { codeCaseSchema, runCodeCase } from '../verify/code/index.js';
import type { CliIo } from './io.js';
import { processJsonLines } from './jsonl-stream.js';

export const HELP = `summon verify code --json [--concurrency N]

Runs programs (python, javascript, typescript) against their tests inside a strict sandbox: no
network (not even loopback), no new processes or exec, no files outside a fresh working folder,
a scrubbed environment, CPU-time, wall-time, memory and output limits. Tests are stdin/expected
stdout pairs (compared line by line, CRLF→LF, trailing spaces trimmed) or assert snippets run
after the program, which count only when a per-run completion sentinel printed after them is seen.
Verdicts: pass | fail | timeout | error | blocked (the worst test wins); reward 1 on pass, else 0.

  --json              read JSON Lines on stdin, one case per line:
                        {"id", "language", "program", "tests": [{"stdin", "expected_stdout"} | {"assert"}],
                         "time_limit_s" (default 5), "memory_limit_mb" (default 512)}
                      write one line per input line, in order, flushed at once:
                        {"id", "verdict", "reward", "stdout", "elapsed_ms"} (or {"error", "line", "id"?})
  --concurrency N     cases run at once (default 2)
  -h, --help          print this help

Needs bubblewrap (apt-get install bubblewrap) and prlimit (util-linux); without them nothing runs.

Examples:
  echo '{"id":"a","language":"python","program":"print(int(input())*2)","tests":[{"stdin":"21","expected_stdout":"42"}]}' | summon verify code --json
  echo '{"id":"b","language":"javascript","program":"const f=(x)=>x*2","tests":[{"assert":"assert.strictEqual(f(2),4)"}]}' | summon verify code --json
  summon verify code --json --concurrency 2 < cases.jsonl > verdicts.jsonl`;

export async function run(argv: string[], io: CliIo, stdin: NodeJS.ReadableStream = process.stdin): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { json: { type: 'boolean' }, concurrency: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new SummonError('usage', error instanceof Error ? error.message : String(error), { hint: 'run `summon verify code --help` for the flags' });
  }
  if (values.help) {
    io.stdout(`${HELP}\n`);
    return 0;
  }
  if (!values.json) throw new SummonError('usage', 'summon verify code reads cases as JSON Lines: pass --json', { hint: 'e.g. summon verify code --json < cases.jsonl' });
  const concurrency = values.concurrency === undefined ? 2 : Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new SummonError('usage', `--concurrency "${values.concurrency}" is not a positive integer`, { hint: 'e.g. --concurrency 2' });
  const probe = await probeSandbox();
  if (!probe.ok) throw new SummonError('tool-failed', `cannot verify code: ${probe.reason}`, { hint: probe.hint });
  await processJsonLines(
    stdin,
    async (value) => {
      const result = await runCodeCase(codeCaseSchema.parse(value));
      return { ...(result.id === undefined ? {} : { id: result.id }), verdict: result.verdict, reward: result.reward, stdout: result.stdout, elapsed_ms: result.elapsed_ms };
    },
    io.stdout,
    { concurrency },
  );
  return 0;
}
