// The secrets corpus and how a detector scores on it: shared by run.ts (the benchmark) and the
// vitest regression test. Corpus values are invented, shaped like real keys; none is a real secret.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { lintSource } from '@secretlint/core';
import { creator as recommendedPreset } from '@secretlint/secretlint-rule-preset-recommend';
import { z } from 'zod';
import { createRedactor } from '../../src/safety/secrets/index.js';

const entrySchema = z.object({ id: z.string(), label: z.enum(['secret', 'clean']), kind: z.string(), text: z.string() });
export type SecretsEntry = z.infer<typeof entrySchema>;

export function loadSecretsCorpus(): SecretsEntry[] {
  const file = path.join(import.meta.dirname, 'corpus.jsonl');
  return readFileSync(file, 'utf8').split('\n').filter((line) => line.trim()).map((line) => entrySchema.parse(JSON.parse(line)));
}

export interface Score {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  trueNegatives: number;
  precision: number;
  recall: number;
  /** Ids of misses and false alarms, for assertion messages. */
  missed: string[];
  falseAlarms: string[];
}

export function score(entries: readonly SecretsEntry[], detected: readonly boolean[]): Score {
  const result: Score = { truePositives: 0, falsePositives: 0, falseNegatives: 0, trueNegatives: 0, precision: 0, recall: 0, missed: [], falseAlarms: [] };
  entries.forEach((entry, index) => {
    const hit = detected[index] === true;
    const name = `${entry.id} (${entry.kind})`;
    if (entry.label === 'secret' && hit) result.truePositives++;
    else if (entry.label === 'secret') {
      result.falseNegatives++;
      result.missed.push(name);
    } else if (hit) {
      result.falsePositives++;
      result.falseAlarms.push(name);
    } else result.trueNegatives++;
  });
  result.precision = result.truePositives / Math.max(1, result.truePositives + result.falsePositives);
  result.recall = result.truePositives / Math.max(1, result.truePositives + result.falseNegatives);
  return result;
}

/** summon's redactor (no known values: the corpus tests the format and keyword layers). */
export function detectWithSummon(entries: readonly SecretsEntry[], options: { secretlint?: boolean } = {}): boolean[] {
  return entries.map((entry) => createRedactor({ secretlint: options.secretlint }).redact(entry.text, `${entry.id}.txt`).findings.length > 0);
}

/** secretlint's recommended preset alone, through its public core API. */
export async function detectWithSecretlint(entries: readonly SecretsEntry[]): Promise<boolean[]> {
  const config = { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: recommendedPreset }] };
  const results: boolean[] = [];
  for (const entry of entries) {
    const result = await lintSource({ source: { content: entry.text, filePath: `/corpus/${entry.id}.txt`, ext: '.txt', contentType: 'text' }, options: { config, maskSecrets: true } });
    results.push(result.messages.length > 0);
  }
  return results;
}
