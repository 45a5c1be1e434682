// Shapes the runner verifiers share: what a test run and a diagnostic look like once parsed.

/** One failing test, summarised so the model can act on it. */
export interface TestFailure {
  /** Full name, suites joined with " > " (e.g. "math > subtracts", "tests::fails"). */
  name: string;
  /** The assertion or error message, a few lines at most. */
  message: string;
  file?: string;
  line?: number;
  column?: number;
}

/** Counts and failures parsed from a test runner's output. */
export interface TestReport {
  runner: TestRunnerName;
  passed: number;
  failed: number;
  skipped: number;
  failures: TestFailure[];
}

export type TestRunnerName = 'node-test' | 'vitest' | 'jest' | 'mocha' | 'pytest' | 'go-test' | 'cargo-test';

/** One compiler, type checker or linter finding. */
export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  message: string;
  /** Rule or error code: TS2322, no-unused-vars, F401, assignment… ('' when the tool gives none). */
  code: string;
  severity: 'error' | 'warning';
}

export type DiagnosticTool = 'tsc' | 'eslint' | 'mypy' | 'ruff' | 'go-vet' | 'generic';
