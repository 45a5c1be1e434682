// Reading a label (OpenRLHF) or ground truth (verl): a gold answer for the math verifier, or a
// code-case spec for the code verifier — the native {language, tests} shape, or verl's
// {inputs, outputs} pairs — given as an object or as a JSON string.
import { z } from 'zod';
import { codeTestSchema, type CodeCase, type CodeLanguage } from '../code/index.js';
import { HttpError, parseWith } from './http.js';

const LANGUAGE_ALIASES: Readonly<Record<string, CodeLanguage>> = {
  python: 'python',
  python3: 'python',
  py: 'python',
  javascript: 'javascript',
  js: 'javascript',
  nodejs: 'javascript',
  node: 'javascript',
  typescript: 'typescript',
  ts: 'typescript',
};

/** For messages: the languages, with the names SandboxFusion and verl use. */
export const SUPPORTED_LANGUAGES = 'python, nodejs (or javascript, js), typescript (or ts)';

export function codeLanguageOf(name: string): CodeLanguage | undefined {
  return LANGUAGE_ALIASES[name.trim().toLowerCase()];
}

const stdioValue = z.unknown().transform((value) => (typeof value === 'string' ? value : JSON.stringify(value)));

const codeSpecSchema = z.object({
  language: z.string().refine((name) => codeLanguageOf(name) !== undefined, { message: `language must be one of ${SUPPORTED_LANGUAGES}` }).optional(),
  tests: z.array(codeTestSchema).min(1).optional(),
  inputs: z.array(stdioValue).optional(),
  outputs: z.array(stdioValue).optional(),
  fn_name: z.null({ message: 'fn_name (call-a-function tests) is not supported; give stdin/stdout pairs or asserts' }).optional(),
  time_limit_s: z.number().positive().max(300).optional(),
  memory_limit_mb: z.number().int().min(16).max(16_384).optional(),
})
  .refine((spec) => spec.tests !== undefined || (spec.inputs !== undefined && spec.outputs !== undefined), { message: 'a code spec needs "tests", or "inputs" and "outputs"' })
  .refine((spec) => spec.inputs === undefined || spec.outputs === undefined || spec.inputs.length === spec.outputs.length, { message: '"inputs" and "outputs" differ in length', path: ['outputs'] })
  .refine((spec) => spec.tests !== undefined || (spec.inputs?.length ?? 0) > 0, { message: 'a code spec needs at least one test', path: ['inputs'] });

export type CodeSpec = z.output<typeof codeSpecSchema>;

export type Label = { kind: 'math'; gold: string } | { kind: 'code'; spec: CodeSpec };

/** Whether a value is meant as a code spec: an object (or JSON text of one) with tests, or inputs and outputs. */
function codeSpecCandidate(value: unknown): Record<string, unknown> | undefined {
  let candidate = value;
  if (typeof value === 'string' && value.trimStart().startsWith('{')) {
    try {
      candidate = JSON.parse(value) as unknown;
    } catch {
      return undefined;
    }
  }
  if (typeof candidate !== 'object' || candidate === null || Array.isArray(candidate)) return undefined;
  const record = candidate as Record<string, unknown>;
  return 'tests' in record || ('inputs' in record && 'outputs' in record) ? record : undefined;
}

/**
 * A label as a math gold answer (a string or number) or a code spec; 400 naming `field` otherwise.
 * `forceCode` (a code data_source) makes anything but a valid code spec an error.
 */
export function parseLabel(value: unknown, field: readonly (string | number)[], options: { forceCode?: boolean } = {}): Label {
  const candidate = codeSpecCandidate(value);
  if (candidate !== undefined) return { kind: 'code', spec: parseWith(codeSpecSchema, candidate, field) };
  const name = field.join('.');
  if (options.forceCode) {
    throw new HttpError(400, 'invalid-request', `${name}: a code data_source needs a code spec: {"inputs": [...], "outputs": [...]} or {"language", "tests"} (an object or its JSON text)`, { field: name, hint: 'see docs/reward-server.md, "Labels"' });
  }
  if (typeof value === 'string' || typeof value === 'number') return { kind: 'math', gold: String(value) };
  throw new HttpError(400, 'invalid-request', `${name}: expected a gold answer (a string or number) or a code spec {"language", "tests"}`, { field: name, hint: 'see docs/reward-server.md, "Labels"' });
}

/** The code case for a spec and a program; the spec's language, else `fallback`, else Python. */
export function codeCaseOf(spec: CodeSpec, program: string, fallback?: string): CodeCase {
  const language = codeLanguageOf(spec.language ?? fallback ?? 'python') ?? 'python';
  const tests = spec.tests ?? (spec.inputs ?? []).map((stdin, index) => ({ stdin, expected_stdout: spec.outputs?.[index] ?? '' }));
  return {
    language,
    program,
    tests,
    ...(spec.time_limit_s === undefined ? {} : { time_limit_s: spec.time_limit_s }),
    ...(spec.memory_limit_mb === undefined ? {} : { memory_limit_mb: spec.memory_limit_mb }),
  };
}
