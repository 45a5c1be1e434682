// The token counter must agree with tiktoken itself (js-tiktoken, a port of OpenAI's tokenizer):
// packs promise "never over the budget" in the model's own tokens.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Tiktoken } from 'js-tiktoken/lite';
import { describe, expect, it } from 'vitest';
import { tokenCounter, type TokenizerName } from '../../src/context/tokens.js';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(import.meta.dirname, '../..');

/** Real text of every kind: prose, TypeScript, JSON, shell, Unicode, whitespace runs, special-token strings. */
function samples(): string[] {
  const texts = ['README.md', 'package.json', 'src/context/rank.ts', 'src/safety/policy/policy.ts', 'prompts/system.md', '.ci/run'].map((file) => readFileSync(path.join(ROOT, file), 'utf8'));
  for (const file of readdirSync(path.join(ROOT, 'src/tools')).filter((name) => name.endsWith('.ts')).slice(0, 10)) texts.push(readFileSync(path.join(ROOT, 'src/tools', file), 'utf8'));
  texts.push('naïve café — 東京タワー 🚀🚀 ½ ≠ ∞', '\t\t  \n\n\n    x', 'a <|endoftext|> b <|fim_prefix|>', '');
  return texts;
}

describe.each(['o200k_base', 'cl100k_base'] as TokenizerName[])('tokenCounter(%s)', (name) => {
  it('counts exactly as tiktoken does, special-token strings as plain text', async () => {
    const reference = new Tiktoken(require(`js-tiktoken/ranks/${name}`));
    const count = await tokenCounter(name);
    for (const text of samples()) expect(count(text)).toBe(reference.encode(text, [], []).length);
  });
});
