// Picks the parser for a test run: the detected runner's first, then every other, so a configured
// command whose runner is unknown (e.g. "make test") still gets counted when its output is familiar.
import { parseCargoTest } from './parse-cargo-test.js';
import { parseGoTest } from './parse-go-test.js';
import { parseJest } from './parse-jest.js';
import { parseMocha } from './parse-mocha.js';
import { parseNodeTest } from './parse-node-test.js';
import { parsePytest } from './parse-pytest.js';
import { parseVitest } from './parse-vitest.js';
import type { TestReport, TestRunnerName } from './types.js';

const PARSERS: Record<TestRunnerName, (output: string) => TestReport | undefined> = {
  vitest: parseVitest,
  jest: parseJest,
  'node-test': parseNodeTest,
  mocha: parseMocha,
  pytest: parsePytest,
  'go-test': parseGoTest,
  'cargo-test': parseCargoTest,
};

/** The test report in this output, or undefined when no known runner's summary is found. */
export function parseTestOutput(output: string, runner?: TestRunnerName): TestReport | undefined {
  const order = runner ? [runner, ...Object.keys(PARSERS).filter((name) => name !== runner)] : Object.keys(PARSERS);
  for (const name of order as TestRunnerName[]) {
    const report = PARSERS[name](output);
    if (report) return report;
  }
  return undefined;
}

export { parseCargoTest, parseGoTest, parseJest, parseMocha, parseNodeTest, parsePytest, parseVitest };
