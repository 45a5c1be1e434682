// The math verification corpus (corpus.jsonl, written by make-corpus.py): loading, and the naive
// baseline it is compared against (last \boxed{} content, string-compared without whitespace).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export const caseSchema = z.object({
  id: z.number(),
  category: z.string(),
  gold: z.string(),
  prediction: z.string(),
  expected: z.boolean(),
  note: z.string().optional(),
});
export type CorpusCase = z.infer<typeof caseSchema>;

export function loadCorpus(file = path.join(import.meta.dirname, 'corpus.jsonl')): CorpusCase[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => caseSchema.parse(JSON.parse(line)));
}

/** The baseline: the last brace-matched \boxed{} content equals the gold text, ignoring whitespace. */
export function naiveVerify(prediction: string, gold: string): boolean {
  const start = prediction.lastIndexOf('\\boxed{');
  if (start < 0) return false;
  let depth = 0;
  for (let index = start + 6; index < prediction.length; index++) {
    if (prediction[index] === '{') depth++;
    else if (prediction[index] === '}' && --depth === 0) {
      return prediction.slice(start + 7, index).replace(/\s+/g, '') === gold.replace(/\s+/g, '');
    }
  }
  return false;
}
