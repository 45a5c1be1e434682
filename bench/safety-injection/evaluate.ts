// The injection corpus and the detector's recall / false-alarm rate on it: shared by run.ts and
// the vitest regression test. Texts are invented; URLs point at made-up or reserved domains.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { INJECTION_SOURCES, scanInjection, type InjectionScan } from '../../src/safety/injection/index.js';

const entrySchema = z.object({
  id: z.string(),
  label: z.enum(['injection', 'benign']),
  source: z.enum(INJECTION_SOURCES as [string, ...string[]]).transform((value) => value as (typeof INJECTION_SOURCES)[number]),
  path: z.string().optional(),
  text: z.string(),
});
export type InjectionEntry = z.infer<typeof entrySchema>;

export function loadInjectionCorpus(): InjectionEntry[] {
  const file = path.join(import.meta.dirname, 'corpus.jsonl');
  return readFileSync(file, 'utf8').split('\n').filter((line) => line.trim()).map((line) => entrySchema.parse(JSON.parse(line)));
}

export interface InjectionScore {
  injections: number;
  benign: number;
  detected: number;
  falseAlarms: number;
  recall: number;
  falseAlarmRate: number;
  missed: string[];
  falseAlarmIds: string[];
}

export function evaluateInjection(entries: readonly InjectionEntry[]): { score: InjectionScore; scans: InjectionScan[] } {
  const scans = entries.map((entry) => scanInjection(entry.text, entry.source, { path: entry.path }));
  const score: InjectionScore = { injections: 0, benign: 0, detected: 0, falseAlarms: 0, recall: 0, falseAlarmRate: 0, missed: [], falseAlarmIds: [] };
  entries.forEach((entry, index) => {
    const flagged = scans[index]?.flagged === true;
    if (entry.label === 'injection') {
      score.injections++;
      if (flagged) score.detected++;
      else score.missed.push(entry.id);
    } else {
      score.benign++;
      if (flagged) {
        score.falseAlarms++;
        score.falseAlarmIds.push(entry.id);
      }
    }
  });
  score.recall = score.detected / Math.max(1, score.injections);
  score.falseAlarmRate = score.falseAlarms / Math.max(1, score.benign);
  return { score, scans };
}
