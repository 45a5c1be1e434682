// The baseline: plain BM25 over whole file contents (lowercase alphanumeric words, English stopwords
// removed, k1 = 1.2, b = 0.75), over the same files summon indexes.
import { readFileSync } from 'node:fs';
import path from 'node:path';

const STOP = new Set('a an the and or but not of to in on at by for from with as is are was were be been it its this that if when then than so do does did has have had can could should would will may might'.split(' '));

const tokens = (text: string): string[] => (text.toLowerCase().match(/[a-z0-9_]+/g) ?? []).filter((token) => !STOP.has(token));

export interface Bm25Index {
  search(query: string, top: number): string[];
}

export function buildBm25(root: string, files: readonly string[]): Bm25Index {
  const docs: { path: string; tf: Map<string, number>; length: number }[] = [];
  const df = new Map<string, number>();
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(path.join(root, file), 'utf8');
    } catch {
      continue;
    }
    const tf = new Map<string, number>();
    const list = tokens(text);
    for (const token of list) tf.set(token, (tf.get(token) ?? 0) + 1);
    for (const token of tf.keys()) df.set(token, (df.get(token) ?? 0) + 1);
    docs.push({ path: file, tf, length: list.length });
  }
  const average = docs.reduce((sum, doc) => sum + doc.length, 0) / Math.max(1, docs.length);
  const k1 = 1.2;
  const b = 0.75;
  return {
    search(query, top) {
      const terms = [...new Set(tokens(query))];
      const scored = docs.map((doc) => {
        let score = 0;
        for (const term of terms) {
          const frequency = doc.tf.get(term);
          if (!frequency) continue;
          const n = df.get(term) ?? 0;
          const idf = Math.log(1 + (docs.length - n + 0.5) / (n + 0.5));
          score += (idf * frequency * (k1 + 1)) / (frequency + k1 * (1 - b + (b * doc.length) / average));
        }
        return { path: doc.path, score };
      });
      return scored.filter((entry) => entry.score > 0).sort((x, y) => y.score - x.score || x.path.localeCompare(y.path)).slice(0, top).map((entry) => entry.path);
    },
  };
}
