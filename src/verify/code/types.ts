// The shapes of a code case and its result (issue 3), with the zod schema that parses cases from outside.
import { z } from 'zod';

export const codeTestSchema = z.union([
  z.object({ stdin: z.string().optional(), expected_stdout: z.string() }),
  z.object({ assert: z.string() }),
]);

export const codeCaseSchema = z.object({
  id: z.union([z.string(), z.number()]).optional(),
  language: z.enum(['python', 'javascript', 'typescript']),
  program: z.string(),
  tests: z.array(codeTestSchema).min(1),
  time_limit_s: z.number().positive().max(300).optional(),
  memory_limit_mb: z.number().int().min(16).max(16_384).optional(),
});

export type CodeTest = z.infer<typeof codeTestSchema>;
export type CodeCase = z.infer<typeof codeCaseSchema>;
export type CodeLanguage = CodeCase['language'];

export type CodeVerdict = 'pass' | 'fail' | 'timeout' | 'error' | 'blocked';

export interface CodeTestResult {
  verdict: CodeVerdict;
  stdout: string;
  stderr: string;
  elapsed_ms: number;
}

export interface CodeResult {
  id?: string | number;
  verdict: CodeVerdict;
  /** 1 when every test passes, else 0. */
  reward: number;
  /** Standard output of the first test that did not pass (of the first test when all pass). */
  stdout: string;
  elapsed_ms: number;
  tests: CodeTestResult[];
}

/** Worst first: the verdict of a case is the worst of its tests. */
const SEVERITY: Readonly<Record<CodeVerdict, number>> = { pass: 0, fail: 1, error: 2, timeout: 3, blocked: 4 };

export function worstVerdict(verdicts: readonly CodeVerdict[]): CodeVerdict {
  return verdicts.reduce<CodeVerdict>((worst, verdict) => (SEVERITY[verdict] > SEVERITY[worst] ? verdict : worst), 'pass');
}
