// Token counting with a real tokenizer (js-tiktoken), loaded lazily: o200k_base for current OpenAI
// models and a close estimate for other families, cl100k_base for older ones.
import type { Tiktoken } from 'js-tiktoken/lite';

export type TokenizerName = 'o200k_base' | 'cl100k_base';
/** A tokenizer by name, or any function that counts the tokens of a text. */
export type TokenizerChoice = TokenizerName | ((text: string) => number);

const loaded = new Map<TokenizerName, Promise<Tiktoken>>();

async function encoding(name: TokenizerName): Promise<Tiktoken> {
  let found = loaded.get(name);
  if (!found) {
    found = (async () => {
      const { Tiktoken } = await import('js-tiktoken/lite');
      const ranks = name === 'o200k_base' ? (await import('js-tiktoken/ranks/o200k_base')).default : (await import('js-tiktoken/ranks/cl100k_base')).default;
      return new Tiktoken(ranks);
    })();
    loaded.set(name, found);
  }
  return found;
}

export async function tokenCounter(choice: TokenizerChoice = 'o200k_base'): Promise<(text: string) => number> {
  if (typeof choice === 'function') return choice;
  const encoder = await encoding(choice);
  return (text) => encoder.encode(text, 'all').length;
}
