// Public entry of the runner verifiers: test, typecheck, lint, build and command, their parsers and
// the project command detection.
export { createTestVerifier, testReward, type TestVerifierOptions, type TestVerdictDetails } from './test-verifier.js';
export { createCheckVerifier, checkReward, type CheckVerifierKind, type CheckVerifierOptions, type CheckVerdictDetails } from './check-verifier.js';
export { detectCheckCommand, detectTestCommand, runnerOf, type CheckKind, type DetectedCommand } from './detect.js';
export { formatCommandLine, runCommandLine, splitCommandLine, type CommandLine, type RunLineOptions } from './command.js';
export { parseTestOutput, parseCargoTest, parseGoTest, parseJest, parseMocha, parseNodeTest, parsePytest, parseVitest } from './parse-tests.js';
export { parseDiagnostics, parseEslintJson, parseEslintStylish } from './parse-diagnostics.js';
export type { Diagnostic, DiagnosticTool, TestFailure, TestReport, TestRunnerName } from './types.js';
