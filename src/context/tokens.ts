// Token counting with a real tokenizer (js-tiktoken), loaded lazily: o200k_base for current OpenAI
// models and a close estimate for other families, cl100k_base for older ones.
import { createRequire } from 'node:module';
import type { Tiktoken, TiktokenBPE } from 'js-tiktoken/lite';

// require, not import(): the CLI bundle runs through vm.Script, where Node 20 allows no import(),
// and js-tiktoken (megabytes of ranks) stays outside the bundle.
const requireModule = createRequire(import.meta.url);

export type TokenizerName = 'o200k_base' | 'cl100k_base';
/** A tokenizer by name, or any function that counts the tokens of a text. */
export type TokenizerChoice = TokenizerName | ((text: string) => number);

const loaded = new Map<TokenizerName, Promise<Tiktoken>>();

async function encoding(name: TokenizerName): Promise<Tiktoken> {
  let found = loaded.get(name);
  if (!found) {
    found = (async () => {
      const { Tiktoken: Encoder } = requireModule('js-tiktoken/lite') as typeof import('js-tiktoken/lite');
      const module = requireModule(`js-tiktoken/ranks/${name}`) as TiktokenBPE | { default: TiktokenBPE };
      return new Encoder('default' in module ? module.default : module);
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
