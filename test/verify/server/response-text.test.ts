// Prompt stripping, program extraction and data_source routing, the rules docs/reward-server.md states.
import { describe, expect, it } from 'vitest';
import { extractProgram, isCodeDataSource, stripPrompt } from '../../../src/verify/server/index.js';

describe('stripPrompt', () => {
  it('cuts a leading prompt, else everything up to its last occurrence, else nothing', () => {
    expect(stripPrompt('Q? A: 42', 'Q? A:')).toBe(' 42');
    expect(stripPrompt('<s>Q? A: 42', 'Q? A:')).toBe(' 42');
    expect(stripPrompt('Q? Q? A: 42', 'Q?')).toBe(' Q? A: 42');
    expect(stripPrompt('<s>Q? Q? A: 42', 'Q?')).toBe(' A: 42');
    expect(stripPrompt('only a response', 'a different prompt')).toBe('only a response');
    expect(stripPrompt('response', '')).toBe('response');
    expect(stripPrompt('response', undefined)).toBe('response');
  });
});

describe('extractProgram', () => {
  it('takes the last block in the language, else the last block, else the whole text', () => {
    const response = 'Try:\n```python\nprint(1)\n```\nor in JS:\n```js\nconsole.log(2)\n```\nFinal:\n```py\nprint(3)\n```\nbye';
    expect(extractProgram(response, 'python')).toBe('print(3)\n');
    expect(extractProgram(response, 'javascript')).toBe('console.log(2)\n');
    expect(extractProgram('```\nputs 1\n```', 'python')).toBe('puts 1\n');
    expect(extractProgram('  print(4)\n', 'python')).toBe('print(4)');
  });

  it('skips reasoning before </think>', () => {
    expect(extractProgram('<think>```python\nprint("draft")\n```</think>\n```python\nprint("final")\n```', 'python')).toBe('print("final")\n');
    expect(extractProgram('<think>```python\nprint("draft")\n```</think>print("bare")', 'python')).toBe('print("bare")');
  });
});

describe('isCodeDataSource', () => {
  it('knows the code datasets verl names, and nothing else', () => {
    for (const source of ['codecontests', 'apps', 'codeforces', 'taco', 'deepmind/code_contests', 'likaixin/TACO-verified', 'openai_humaneval', 'livecodebench/v5', 'mbpp']) expect(isCodeDataSource(source)).toBe(true);
    for (const source of ['openai/gsm8k', 'lighteval/MATH', 'HuggingFaceH4/MATH-500', 'numina_olympiads', 'aime2024', 'math_dapo', 'happs', 'encoded']) expect(isCodeDataSource(source)).toBe(false);
  });
});
