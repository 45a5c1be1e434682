// Token counting with a real tokenizer (gpt-tokenizer), loaded lazily: o200k_base for current OpenAI
// models and a close estimate for other families, cl100k_base for older ones. gpt-tokenizer gives
// the same counts as tiktoken (test/context/tokens.test.ts checks it against js-tiktoken) and loads
// its ranks ~5× faster (~140 ms against ~700 ms): the opening pack of every agent run pays this load
// before its first model request.
import { createRequire } from 'node:module';

// require, not import(): the CLI bundle runs through vm.Script, where Node 20 allows no import(),
// and gpt-tokenizer (megabytes of ranks) stays outside the bundle.
const requireModule = createRequire(import.meta.url);

export type TokenizerName = 'o200k_base' | 'cl100k_base';
/** A tokenizer by name, or any function that counts the tokens of a text. */
export type TokenizerChoice = TokenizerName | ((text: string) => number);

interface Encoding {
  countTokens(text: string, options: { disallowedSpecial: Set<string> }): number;
}

// Special-token strings (`<|endoftext|>`) in a file are text to the model's API, and counted as such.
const AS_TEXT = { disallowedSpecial: new Set<string>() };
const loaded = new Map<TokenizerName, Encoding>();

function encoding(name: TokenizerName): Encoding {
  let found = loaded.get(name);
  if (!found) {
    found = requireModule(`gpt-tokenizer/encoding/${name}`) as Encoding;
    loaded.set(name, found);
  }
  return found;
}

export async function tokenCounter(choice: TokenizerChoice = 'o200k_base'): Promise<(text: string) => number> {
  if (typeof choice === 'function') return choice;
  const encoder = encoding(choice);
  return (text) => encoder.countTokens(text, AS_TEXT);
}
