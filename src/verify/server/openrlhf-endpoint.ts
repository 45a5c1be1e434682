// POST /get_reward: OpenRLHF's remote reward model protocol (--remote_rm_url / --reward.remote_url).
// {query, prompts, labels} → {rewards, scores, extra_logs}: each query is prompt + response, the
// prompt is stripped, and the label says what is right (a gold answer, or a code spec).
import { z } from 'zod';
import { HttpError, parseWith } from './http.js';
import { codeCaseOf, parseLabel } from './labels.js';
import { extractProgram, stripPrompt } from './response-text.js';
import { admit, judgeMath, runCode, type WorkContext } from './work.js';

export const getRewardRequestSchema = z.looseObject({
  query: z.array(z.string()),
  prompts: z.array(z.string()).optional(),
  labels: z.array(z.unknown()).optional(),
});

export interface GetRewardResponse {
  rewards: number[];
  /** The same 0..1 values: OpenRLHF filters groups on scores (--dynamic_filtering). */
  scores: number[];
  /** Per-sample values, aligned with the queries, that OpenRLHF logs to wandb. */
  extra_logs: { correct: number[]; answered: number[]; code: number[] };
}

interface Judged {
  reward: number;
  /** An answer was found (math) or the program ran to an output (code). */
  answered: boolean;
  code: boolean;
}

export async function handleGetReward(body: unknown, context: WorkContext): Promise<GetRewardResponse> {
  const request = parseWith(getRewardRequestSchema, body);
  const count = request.query.length;
  if (request.prompts !== undefined && request.prompts.length !== count) {
    throw new HttpError(400, 'invalid-request', `prompts: ${request.prompts.length} prompts for ${count} queries`, { field: 'prompts', hint: 'send one prompt per query, in the same order' });
  }
  if (request.labels === undefined) {
    throw new HttpError(400, 'invalid-request', 'labels: required: the gold answer (or code spec) of each query', { field: 'labels', hint: 'pass --label_key (OpenRLHF) naming the dataset field with the answers' });
  }
  if (request.labels.length !== count) {
    throw new HttpError(400, 'invalid-request', `labels: ${request.labels.length} labels for ${count} queries`, { field: 'labels', hint: 'send one label per query, in the same order' });
  }
  const labels = request.labels.map((label, index) => parseLabel(label, ['labels', index]));
  admit(context);
  const judged = await Promise.all(
    request.query.map(async (query, index): Promise<Judged> => {
      const response = stripPrompt(query, request.prompts?.[index]);
      const label = labels[index]!;
      if (label.kind === 'math') {
        const outcome = await judgeMath(context, response, label.gold);
        return { reward: outcome.reward, answered: outcome.extracted !== '', code: false };
      }
      const codeCase = codeCaseOf(label.spec, '');
      const result = await runCode(context, { ...codeCase, program: extractProgram(response, codeCase.language) });
      return { reward: result.reward, answered: result.verdict === 'pass' || result.verdict === 'fail', code: true };
    }),
  );
  const rewards = judged.map((item) => item.reward);
  return {
    rewards,
    scores: [...rewards],
    extra_logs: {
      correct: judged.map((item) => (item.reward >= 1 ? 1 : 0)),
      answered: judged.map((item) => (item.answered ? 1 : 0)),
      code: judged.map((item) => (item.code ? 1 : 0)),
    },
  };
}
