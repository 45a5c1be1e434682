// A same-length, matching-friendly copy of a text: lower case, compatibility forms folded
// (fullwidth ｉｇｎｏｒｅ), common Cyrillic/Greek look-alikes mapped to Latin, newlines inside a
// paragraph turned into spaces. Same length, so offsets map back to the original lines.

const CONFUSABLES: Record<string, string> = {
  а: 'a', е: 'e', о: 'o', р: 'p', с: 'c', у: 'y', х: 'x', і: 'i', ј: 'j', ѕ: 's', ԁ: 'd', һ: 'h', ү: 'y',
  α: 'a', ε: 'e', ο: 'o', ρ: 'p', ι: 'i', ν: 'v', τ: 't', κ: 'k',
};

export function normalizeForMatching(text: string): string {
  return text
    .replace(/(?<!\n)\n(?!\n)/g, ' ')
    .replace(/[A-Z]+/g, (letters) => letters.toLowerCase())
    .replace(/[^\u0000-\u007F]/g, (char) => {
      const lower = char.toLowerCase();
      const folded = CONFUSABLES[lower] ?? lower.normalize('NFKC').toLowerCase();
      return folded.length === 1 ? folded : char;
    });
}
