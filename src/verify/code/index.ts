// The code verifier: programs run against stdin/stdout pairs or asserts in a strict sandbox.
export { runCodeCase, type RunCodeOptions } from './run-case.js';
export { codeVerifier } from './verifier.js';
export { codeCaseSchema, codeTestSchema, worstVerdict, type CodeCase, type CodeLanguage, type CodeResult, type CodeTest, type CodeTestResult, type CodeVerdict } from './types.js';
export { normalizeOutput, outputMatches } from './compare.js';
