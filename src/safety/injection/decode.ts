// Encoded text that may hide instructions: base64, hex, URL-encoding and rot13. Each candidate is
// decoded; only results that read as text are returned, for the scanner to rescan.

export interface DecodedSegment {
  encoding: 'base64' | 'hex' | 'url' | 'rot13';
  offset: number;
  text: string;
}

const BASE64 = /(?<![A-Za-z0-9+/=_-])[A-Za-z0-9+/_-]{24,}={0,2}(?![A-Za-z0-9+/=_-])/g;
const HEX = /(?<![0-9a-fA-F])(?:[0-9a-fA-F]{2}){16,}(?![0-9a-fA-F])|(?:\\x[0-9a-fA-F]{2}){12,}/g;
const URL_ENCODED = /(?:%[0-9a-fA-F]{2}|[A-Za-z0-9._~+-]){16,}/g;

export function decodeSegments(text: string): DecodedSegment[] {
  const segments: DecodedSegment[] = [];
  for (const match of text.matchAll(BASE64)) {
    if (/^[0-9a-f]+$/i.test(match[0])) continue; // hashes are hex, handled below
    const decoded = Buffer.from(match[0].replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
    if (readable(decoded)) segments.push({ encoding: 'base64', offset: match.index ?? 0, text: decoded });
  }
  for (const match of text.matchAll(HEX)) {
    const decoded = Buffer.from(match[0].replace(/\\x/g, ''), 'hex').toString('utf8');
    if (readable(decoded)) segments.push({ encoding: 'hex', offset: match.index ?? 0, text: decoded });
  }
  for (const match of text.includes('%') ? text.matchAll(URL_ENCODED) : []) {
    if ((match[0].match(/%[0-9a-fA-F]{2}/g) ?? []).length < 4) continue;
    try {
      const decoded = decodeURIComponent(match[0].replace(/\+/g, ' '));
      if (readable(decoded)) segments.push({ encoding: 'url', offset: match.index ?? 0, text: decoded });
    } catch {
      // Not valid percent-encoding: nothing hidden there.
    }
  }
  segments.push({ encoding: 'rot13', offset: 0, text: rot13(text) });
  return segments;
}

/** Mostly printable text with some spaces: decoded words, not binary or another hash. */
function readable(decoded: string): boolean {
  if (decoded.length < 12) return false;
  const printable = decoded.replace(/[^\x20-\x7E\n\t]/g, '').length / decoded.length;
  return printable > 0.9 && /[a-z]{3,}\s+[a-z]{2,}/i.test(decoded);
}

const ROT13 = (() => {
  const table: Record<string, string> = {};
  for (let code = 0; code < 26; code++) {
    table[String.fromCharCode(65 + code)] = String.fromCharCode(65 + ((code + 13) % 26));
    table[String.fromCharCode(97 + code)] = String.fromCharCode(97 + ((code + 13) % 26));
  }
  return table;
})();

export function rot13(text: string): string {
  return text.replace(/[A-Za-z]+/g, (word) => {
    let out = '';
    for (const char of word) out += ROT13[char] ?? char;
    return out;
  });
}
