// Invisible characters: zero-width, bidi controls and Unicode tags hide text from a human reviewer
// while the model still reads it. They are stripped; what tags spell out is recovered for rescanning.

export interface InvisibleReport {
  text: string;
  /** ASCII text spelled by Unicode tag characters (U+E0000–U+E007F), outside emoji flag sequences. */
  tagText: string;
  /** Zero-width and bidi-control characters removed. */
  removed: number;
  /** Longest run of consecutive invisible characters (zero-width steganography uses long runs). */
  longestRun: number;
  bidiControls: number;
}

const ALWAYS_INVISIBLE = /[\u200B\u2060-\u2064\u180E\u00AD]|\uFEFF/;
const BIDI = /[\u202A-\u202E\u2066-\u2069]/;
const JOINERS = /[\u200C\u200D]/;
const NON_ASCII_VISIBLE = /[^\u0000-\u007F\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/u;

export function stripInvisible(input: string): InvisibleReport {
  const chars = Array.from(input);
  let text = '';
  let tagText = '';
  let removed = 0;
  let run = 0;
  let longestRun = 0;
  let bidiControls = 0;
  for (let index = 0; index < chars.length; index++) {
    const char = chars[index] ?? '';
    const code = char.codePointAt(0) ?? 0;
    let drop = false;
    if (code >= 0xe0000 && code <= 0xe007f) {
      // 🏴 + tag letters + cancel tag is a subdivision flag (England, Scotland, Wales): keep it.
      if (!inFlagSequence(chars, index)) {
        if (code >= 0xe0020 && code <= 0xe007e) tagText += String.fromCodePoint(code - 0xe0000);
        drop = true;
      }
    } else if (ALWAYS_INVISIBLE.test(char) && !(code === 0xfeff && index === 0)) {
      drop = true;
    } else if (BIDI.test(char)) {
      drop = true;
      bidiControls++;
    } else if (JOINERS.test(char)) {
      // Joiners shape emoji and Indic/Persian words: keep them between non-ASCII characters.
      drop = !(NON_ASCII_VISIBLE.test(chars[index - 1] ?? '') && NON_ASCII_VISIBLE.test(chars[index + 1] ?? ''));
    } else if (code === 0x200e || code === 0x200f) {
      drop = true;
    }
    if (drop) {
      removed++;
      run++;
      longestRun = Math.max(longestRun, run);
    } else {
      run = 0;
      text += char;
    }
  }
  return { text, tagText, removed, longestRun, bidiControls };
}

function inFlagSequence(chars: readonly string[], index: number): boolean {
  let start = index;
  while (start > 0 && isTag(chars[start - 1])) start--;
  if (chars[start - 1] !== '\u{1F3F4}') return false;
  let end = index;
  while (end < chars.length - 1 && isTag(chars[end + 1])) end++;
  return chars[end] === '\u{E007F}' && end - start <= 7;
}

function isTag(char: string | undefined): boolean {
  const code = char?.codePointAt(0) ?? 0;
  return code >= 0xe0000 && code <= 0xe007f;
}
