// The code verifier: programs run against stdin/stdout pairs or asserts in a strict sandbox, or run
// once on stdin with their exit status and output reported (runProgram).
export { runCodeCase, type RunCodeOptions } from './run-case.js';
export { programInputSchema, runProgram, type ProgramInput, type ProgramOutput, type RunProgramOptions } from './run-program.js';
export { codeVerifier } from './verifier.js';
export { codeCaseSchema, codeTestSchema, worstVerdict, type CodeCase, type CodeLanguage, type CodeResult, type CodeTest, type CodeTestResult, type CodeVerdict } from './types.js';
export { normalizeOutput, outputMatches } from './compare.js';
