// POST /v1/verify: summon's own batch endpoint. {items: [math or code items]} → {results} in order;
// an item the server could not verify (no sandbox here) gets an error object, the rest still count.
import { z } from 'zod';
import { toSummonError } from '../../core/errors.js';
import { codeCaseSchema } from '../code/index.js';
import { parseWith } from './http.js';
import { admit, judgeMath, runCode, type WorkContext } from './work.js';

const idSchema = z.union([z.string(), z.number()]);

const mathItemSchema = z.object({
  id: idSchema.optional(),
  kind: z.literal('math'),
  gold: z.union([z.string(), z.number()]).transform(String),
  prediction: z.string(),
});

const codeItemSchema = codeCaseSchema.extend({ kind: z.literal('code') });

export const verifyRequestSchema = z.object({
  items: z.array(z.discriminatedUnion('kind', [mathItemSchema, codeItemSchema])).min(1),
});

export type VerifyRequest = z.input<typeof verifyRequestSchema>;
type Item = z.output<typeof verifyRequestSchema>['items'][number];

export type VerifyResult =
  | { id?: string | number; kind: 'math'; correct: boolean; reward: number; extracted: string }
  | { id?: string | number; kind: 'code'; verdict: string; reward: number; stdout: string; elapsed_ms: number }
  | { id?: string | number; kind: 'math' | 'code'; reward: 0; error: { code: string; message: string; hint?: string } };

export async function handleVerify(body: unknown, context: WorkContext): Promise<{ results: VerifyResult[] }> {
  const request = parseWith(verifyRequestSchema, body);
  admit(context);
  const results = await Promise.all(request.items.map((item) => verifyItem(item, context)));
  return { results };
}

async function verifyItem(item: Item, context: WorkContext): Promise<VerifyResult> {
  const id = item.id === undefined ? {} : { id: item.id };
  try {
    if (item.kind === 'math') {
      const { correct, reward, extracted } = await judgeMath(context, item.prediction, item.gold);
      return { ...id, kind: 'math', correct, reward, extracted };
    }
    const { kind: _kind, ...codeCase } = item;
    const result = await runCode(context, codeCase);
    return { ...id, kind: 'code', verdict: result.verdict, reward: result.reward, stdout: result.stdout, elapsed_ms: result.elapsed_ms };
  } catch (error) {
    if (context.signal.aborted) throw error;
    const { code, message, hint } = toSummonError(error);
    return { ...id, kind: item.kind, reward: 0, error: { code, message, ...(hint ? { hint } : {}) } };
  }
}
