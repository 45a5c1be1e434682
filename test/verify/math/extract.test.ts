// The answer-extraction half of the math policy: boxes, answer statements, the final-sentence
// fallback, <think> blocks, empty/unterminated boxes and hedging.
import { describe, expect, it } from 'vitest';
import { extractAnswer } from '../../../src/verify/math/index.js';

const answer = (response: string): string | undefined => extractAnswer(response).answer;

describe('extractAnswer', () => {
  it('takes the last brace-matched \\boxed{} or \\fbox{}', () => {
    expect(answer('first \\boxed{1}, then \\boxed{\\frac{\\sqrt{3}}{2}}.')).toBe('\\frac{\\sqrt{3}}{2}');
    expect(answer('so \\fbox{7}')).toBe('7');
    expect(extractAnswer('so \\boxed{7}').reason).toBe('last \\boxed{}');
  });

  it('prefers an explicit answer statement written after the last box', () => {
    expect(answer('\\boxed{3} was a guess. The answer is 5.')).toBe('5');
    expect(answer('The answer is 5. Thus \\boxed{6}')).toBe('6');
    expect(answer('Final answer: $\\frac{1}{2}$')).toBe('\\frac{1}{2}');
    expect(answer('work\n#### 1,234')).toBe('1,234');
    expect(answer('<answer>12</answer>')).toBe('12');
    expect(answer('<answer>so \\boxed{12}</answer>')).toBe('12');
    expect(answer('Final Answer: The final answer is $4$. I hope it is correct.')).toBe('4');
  });

  it('does not mistake a judgement of the answer for a statement', () => {
    expect(answer('We get \\boxed{4}. The answer is correct since 2+2=4.')).toBe('4');
  });

  it('falls back to the last math expression of the final sentence', () => {
    expect(answer('Solving, we get $x = \\frac{1}{2}$.')).toBe('\\frac{1}{2}');
    expect(answer('We tried 3 and 4.\nThe count is 5')).toBe('5');
    expect(answer('So 2^10 = 1024')).toBe('1024');
    expect(answer('The correct choice is (C).')).toBe('C');
  });

  it('supersedes text inside <think> blocks', () => {
    expect(answer('<think>maybe \\boxed{4}</think>The answer is \\boxed{5}.')).toBe('5');
    expect(answer('<think>\\boxed{4}</think>')).toBeUndefined();
    expect(extractAnswer('<think>the answer is \\boxed{9}').reason).toMatch(/inside a <think> block/);
    expect(answer('thinking without the opening tag </think> Final answer: 9')).toBe('9');
  });

  it('gives no answer for an empty or unterminated final box', () => {
    expect(answer('so \\boxed{}')).toBeUndefined();
    expect(answer('\\boxed{5} and finally \\boxed{ }')).toBeUndefined();
    expect(extractAnswer('\\boxed{5} then \\boxed{\\frac{1}{2').reason).toMatch(/never closed/);
  });

  it('gives no answer when the response hedges between candidates', () => {
    expect(answer('The answer is either 3 or 5.')).toBeUndefined();
    expect(answer('It is 3 or maybe 4.')).toBeUndefined();
    expect(answer('\\boxed{3}, or perhaps 4')).toBeUndefined();
    expect(answer('The answer is probably 3.')).toBe('3');
  });

  it('lists adjacent boxes of a multi-valued answer', () => {
    expect(answer('The roots are $\\boxed{2}$ and $\\boxed{3}$.')).toBe('2, 3');
  });

  it('stays linear on pathological responses', () => {
    expect(answer(`${'\\boxed{'.repeat(20_000)}5`)).toBeUndefined();
    expect(answer(`${'x '.repeat(50_000)}so \\boxed{5}`)).toBe('5');
  });
});
