// The equivalence half of the math policy, one block per rule, plus the Verifier adapter.
import { describe, expect, it } from 'vitest';
import { isEquivalent, mathVerifier, verifyMath } from '../../../src/verify/math/index.js';

function expectPairs(pairs: Array<[prediction: string, gold: string, equal: boolean]>): void {
  const wrong = pairs.filter(([prediction, gold, equal]) => isEquivalent(prediction, gold) !== equal);
  expect(wrong).toEqual([]);
}

describe('isEquivalent', () => {
  it('compares integers, rationals and big numbers exactly', () => {
    expectPairs([
      ['42', '42', true], ['42', '43', false], ['12345678901234567891', '12345678901234567890', false],
      ['2^{100}', '1267650600228229401496703205376', true], ['\\frac{2}{4}', '\\frac12', true], ['\\dfrac{1}{2}', '1/2', true],
      ['\\tfrac{3}{4}', '0.75', true], ['1000001', '1000000', false],
    ]);
  });

  it('accepts decimals within 1e-6 relative of an exact value, and repeating decimals exactly', () => {
    expectPairs([
      ['0.333333', '\\frac13', true], ['0.3333', '\\frac13', false], ['3.14159265', '\\pi', true], ['3.14', '\\pi', false],
      ['0.\\overline{3}', '\\frac{1}{3}', true], ['0.(3)', '1/3', true], ['0.1\\overline{6}', '\\frac16', true], ['0.\\overline{9}', '1', true],
    ]);
  });

  it('reads separators, unicode minus, mixed numbers, percent, units and degrees', () => {
    expectPairs([
      ['1,000,000', '1000000', true], ['1{,}000', '1000', true], ['−3', '-3', true], ['3\\frac{1}{2}', '\\frac72', true], ['3 1/2', '3.5', true],
      ['25', '25\\%', true], ['0.25', '25\\%', false], ['30^\\circ', '30', true], ['30°', '30', true], ['\\frac{\\pi}{6}', '30^\\circ', false],
      ['5 \\text{ cm}', '5', true], ['500 cm', '5 m', false], ['\\$18', '18', true],
    ]);
  });

  it('compares sets unordered, tuples ordered, and expands \\pm', () => {
    expectPairs([
      ['\\{3, 1, 2\\}', '\\{1, 2, 3\\}', true], ['(2, 1)', '(1, 2)', false], ['(1, 2)', '(1, 2)', true], ['x = 3, y = 4', '(3, 4)', true],
      ['3+\\sqrt2, 3-\\sqrt2', '3 \\pm \\sqrt{2}', true], ['3+\\sqrt2', '3 \\pm \\sqrt{2}', false], ['\\varnothing', '\\emptyset', true],
    ]);
  });

  it('respects interval ends and equates intervals with the inequalities they describe', () => {
    expectPairs([
      ['[1, 2)', '[1, 2)', true], ['(1, 2]', '[1, 2)', false], ['x > 3', '(3, \\infty)', true], ['x \\ge 3', '(3, \\infty)', false],
      ['-2 \\le x < 5', '[-2, 5)', true], ['x \\le 1 \\text{ or } x > 4', '(-\\infty, 1] \\cup (4, \\infty)', true], ['\\mathbb{R}', '(-\\infty, \\infty)', true],
    ]);
  });

  it('treats x = 5 as 5 and equivalent equations as equal', () => {
    expectPairs([
      ['x = 5', '5', true], ['5', 'x = 5', true], ['x = 6', 'x = 5', false], ['2x - y + 1 = 0', 'y = 2x + 1', true], ['y = 2x - 1', 'y = 2x + 1', false],
      ['2x^2 + 2y^2 = 2', 'x^2 + y^2 = 1', true],
    ]);
  });

  it('compares words case-insensitively and choice letters in any wrapper', () => {
    expectPairs([
      ['yes', '\\text{Yes}', true], ['no', 'yes', false], ['(B)', 'B', true], ['B)', 'B', true], ['\\text{B}', 'B', true], ['option B', 'B', true],
      ['(D) 42', 'D', true], ['C', 'B', false],
    ]);
  });

  it('compares matrices by shape and entries, complex numbers in any form, polynomials after simplification', () => {
    const matrix = '\\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}';
    expectPairs([
      ['\\begin{bmatrix}1&2\\\\3&4\\end{bmatrix}', matrix, true], ['\\begin{pmatrix} 1 & 3 \\\\ 2 & 4 \\end{pmatrix}', matrix, false],
      ['\\begin{pmatrix} 1 & 2 \\end{pmatrix}', matrix, false], ['4i+3', '3+4i', true], ['5e^{i\\pi/2}', '5i', true], ['3-4i', '3+4i', false],
      ['x^2+2x+1', '(x+1)^2', true], ['x^2+2x+2', '(x+1)^2', false], ['\\sin^2 x + \\cos^2 x', '1', true], ['\\sqrt{8}', '2\\sqrt2', true],
    ]);
  });

  it('answers pathological inputs without hanging', () => {
    expectPairs([
      ['9^{9^{9^9}}', '9^9^9^9', true], ['8^{8^{8^8}}', '9^{9^{9^9}}', false], ['1000000!', '1000000!', true], ['999999!', '1000000!', false],
      ['\\binom{100000000}{50000000}', '2', false],
    ]);
  });
});

describe('verifyMath and mathVerifier', () => {
  it('extracts, judges and reports the extracted answer', () => {
    expect(verifyMath('so $\\boxed{0.5}$', '\\frac12')).toEqual({ correct: true, reward: 1, extracted: '0.5' });
    expect(verifyMath('I could not finish this problem, sorry.', '3')).toEqual({ correct: false, reward: 0, extracted: '' });
  });

  it('judges target.response behind the Verifier contract', async () => {
    const verifier = mathVerifier('\\frac{3}{4}');
    expect(verifier.name).toBe('math');
    const right = await verifier.run({ workspace: '/tmp', response: 'The answer is $0.75$.' }, new AbortController().signal);
    expect(right).toMatchObject({ reward: 1, passed: true });
    const wrong = await verifier.run({ workspace: '/tmp', response: '\\boxed{4/3}' }, new AbortController().signal);
    expect(wrong).toMatchObject({ reward: 0, passed: false });
    expect(wrong.summary).toContain('4/3');
    const none = await verifier.run({ workspace: '/tmp' }, new AbortController().signal);
    expect(none.passed).toBe(false);
  });
});
