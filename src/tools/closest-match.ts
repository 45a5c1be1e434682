// Finds the region of a file most like a text the model expected to find there.
// Line-window similarity on whitespace-normalised lines (bigram Dice), so indentation slips still match.

export interface ClosestRegion {
  startLine: number;
  endLine: number;
  /** 0..1, the mean similarity of the window's lines. */
  score: number;
  exactIgnoringWhitespace: boolean;
  /** The region's lines, numbered like `cat -n`. */
  text: string;
}

const MIN_SCORE = 0.3;
/** Above this many line comparisons, only the windows whose first and last lines look most alike are scored. */
const FULL_SCAN_BUDGET = 300_000;
const ANCHORED_CANDIDATES = 200;
const MAX_SHOWN_LINES = 30;

export function closestRegion(content: string, expected: string): ClosestRegion | undefined {
  const fileLines = content.split('\n').map((line) => line.replace(/\r$/, ''));
  const wanted = trimBlankEdges(expected.split('\n').map((line) => line.replace(/\r$/, '')));
  if (wanted.length === 0 || fileLines.length === 0) return undefined;
  const width = Math.min(wanted.length, fileLines.length);
  const wantedGrams = wanted.slice(0, width).map((line) => bigrams(normalize(line)));
  const cache = new Map<string, Grams>();
  const gramsOf = (index: number): Grams => {
    const key = normalize(fileLines[index] ?? '');
    let grams = cache.get(key);
    if (!grams) cache.set(key, (grams = bigrams(key)));
    return grams;
  };
  const windowCount = fileLines.length - width + 1;
  const firstWanted = wantedGrams[0] ?? EMPTY;
  const lastWanted = wantedGrams[width - 1] ?? EMPTY;
  let starts = Array.from({ length: windowCount }, (_, start) => start);
  if (windowCount * width > FULL_SCAN_BUDGET) {
    const anchorScore = (start: number): number => dice(gramsOf(start), firstWanted) + dice(gramsOf(start + width - 1), lastWanted);
    starts = starts
      .map((start) => ({ start, score: anchorScore(start) }))
      .sort((a, b) => b.score - a.score)
      .slice(0, ANCHORED_CANDIDATES)
      .map((candidate) => candidate.start);
  }
  let best = { start: -1, score: 0 };
  for (const start of starts) {
    let total = 0;
    for (let offset = 0; offset < width; offset++) total += dice(gramsOf(start + offset), wantedGrams[offset] ?? EMPTY);
    const score = total / width;
    if (score > best.score) best = { start, score };
  }
  if (best.start < 0 || best.score < MIN_SCORE) return undefined;
  const region = fileLines.slice(best.start, best.start + width);
  const exactIgnoringWhitespace = region.every((line, offset) => normalize(line) === normalize(wanted[offset] ?? ''));
  const text = region
    .slice(0, MAX_SHOWN_LINES)
    .map((line, offset) => `${String(best.start + offset + 1).padStart(6)}\t${line}`)
    .join('\n');
  return {
    startLine: best.start + 1,
    endLine: best.start + width,
    score: best.score,
    exactIgnoringWhitespace,
    text: region.length > MAX_SHOWN_LINES ? `${text}\n     …` : text,
  };
}

function trimBlankEdges(lines: string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && (lines[start] ?? '').trim() === '') start++;
  while (end > start && (lines[end - 1] ?? '').trim() === '') end--;
  return lines.slice(start, end);
}

function normalize(line: string): string {
  return line.trim().replace(/\s+/g, ' ');
}

/** A line's character bigrams with their counts, and the total count. */
interface Grams {
  counts: Map<string, number>;
  total: number;
}

const EMPTY: Grams = { counts: new Map(), total: 0 };

function bigrams(text: string): Grams {
  const counts = new Map<string, number>();
  if (text.length === 1) counts.set(text, 1);
  for (let index = 0; index < text.length - 1; index++) {
    const gram = text.slice(index, index + 2);
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  return { counts, total: Math.max(text.length - 1, counts.size) };
}

function dice(a: Grams, b: Grams): number {
  if (a.total === 0 && b.total === 0) return 1;
  if (a.total === 0 || b.total === 0) return 0;
  let shared = 0;
  const [small, large] = a.counts.size <= b.counts.size ? [a.counts, b.counts] : [b.counts, a.counts];
  for (const [gram, count] of small) shared += Math.min(count, large.get(gram) ?? 0);
  return (2 * shared) / (a.total + b.total);
}
