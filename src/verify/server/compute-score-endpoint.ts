// POST /compute_score: verl's custom reward function signature over HTTP.
// {data_source, solution_str, ground_truth, extra_info?} → {score}. Code when the ground truth is a
// code spec or the data_source names a code dataset; math otherwise (gsm8k, MATH, AIME, numina …).
import { z } from 'zod';
import { HttpError, parseWith } from './http.js';
import { codeCaseOf, codeLanguageOf, parseLabel, SUPPORTED_LANGUAGES } from './labels.js';
import { extractProgram } from './response-text.js';
import { admit, judgeMath, runCode, type WorkContext } from './work.js';

export const computeScoreRequestSchema = z.looseObject({
  data_source: z.string(),
  solution_str: z.string(),
  ground_truth: z.unknown().refine((value) => value !== undefined && value !== null, { message: 'required' }),
  extra_info: z.record(z.string(), z.unknown()).nullish(),
});

export type ComputeScoreResponse =
  | { score: number; kind: 'math'; correct: boolean; extracted: string }
  | { score: number; kind: 'code'; verdict: string };

/** Words of a data_source that mark a code dataset (deepmind/code_contests, codeparrot/apps, BAAI/TACO, …). */
const CODE_WORDS = new Set(['code', 'codes', 'coding', 'codecontests', 'apps', 'taco', 'codeforces', 'mbpp', 'humaneval', 'livecodebench', 'leetcode', 'kodcode']);

export function isCodeDataSource(dataSource: string): boolean {
  return dataSource.toLowerCase().split(/[^a-z0-9]+/).some((word) => CODE_WORDS.has(word));
}

export async function handleComputeScore(body: unknown, context: WorkContext): Promise<ComputeScoreResponse> {
  const request = parseWith(computeScoreRequestSchema, body);
  const label = parseLabel(request.ground_truth, ['ground_truth'], { forceCode: isCodeDataSource(request.data_source) });
  const language = request.extra_info?.language;
  if (language !== undefined && (typeof language !== 'string' || codeLanguageOf(language) === undefined)) {
    throw new HttpError(400, 'invalid-request', `extra_info.language: expected one of ${SUPPORTED_LANGUAGES}`, { field: 'extra_info.language' });
  }
  admit(context);
  if (label.kind === 'math') {
    const outcome = await judgeMath(context, request.solution_str, label.gold);
    return { score: outcome.reward, kind: 'math', correct: outcome.correct, extracted: outcome.extracted };
  }
  const codeCase = codeCaseOf(label.spec, '', language);
  const result = await runCode(context, { ...codeCase, program: extractProgram(request.solution_str, codeCase.language) });
  return { score: result.reward, kind: 'code', verdict: result.verdict };
}
