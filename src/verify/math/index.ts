// The math verifier: extract the final answer of a response and judge it against a reference,
// per the "Math equivalence policy" of issue 3. Public entry points of src/verify/math.
import type { Verifier } from '../../core/verify.js';
import { isEquivalent } from './equivalence.js';
import { extractAnswer } from './extract.js';

export { extractAnswer, type Extraction } from './extract.js';
export { isEquivalent } from './equivalence.js';

export interface MathJudgement {
  correct: boolean;
  reward: 0 | 1;
  /** The extracted answer ('' when there is none). */
  extracted: string;
  /** Where the answer came from, or why there is none. */
  reason: string;
}

/** The full judgement, with the extraction's reason (for summaries and the CLI). */
export function judgeMath(prediction: string, gold: string): MathJudgement {
  const { answer, reason } = extractAnswer(prediction);
  if (answer === undefined) return { correct: false, reward: 0, extracted: '', reason };
  const correct = isEquivalent(answer, gold);
  return { correct, reward: correct ? 1 : 0, extracted: answer, reason };
}

export function verifyMath(prediction: string, gold: string): { correct: boolean; reward: 0 | 1; extracted: string } {
  const { correct, reward, extracted } = judgeMath(prediction, gold);
  return { correct, reward, extracted };
}

/** The math verifier behind the Verifier contract: judges `target.response` against `gold`. */
export function mathVerifier(gold: string, options: { weight?: number } = {}): Verifier {
  return {
    name: 'math',
    ...(options.weight === undefined ? {} : { weight: options.weight }),
    async run(target) {
      if (target.response === undefined) return { reward: 0, passed: false, summary: 'math: no response to judge' };
      const judgement = judgeMath(target.response, gold);
      const summary = judgement.correct
        ? `math: correct (${judgement.extracted})`
        : judgement.extracted === ''
          ? `math: no answer (${judgement.reason}); expected ${gold}`
          : `math: wrong: answered ${judgement.extracted} (${judgement.reason}), expected ${gold}`;
      return { reward: judgement.reward, passed: judgement.correct, summary, details: { ...judgement, gold } };
    },
  };
}

/** Loads the CAS now (about a second, once per process) so a server's first request doesn't pay it. */
export function warmUpMathVerifier(): void {
  judgeMath('\\boxed{x^2}', 'x \\cdot x');
}
