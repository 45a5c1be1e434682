// Exact evaluation of arithmetic in mathjs syntax over BigInt rationals: integers, fractions, big
// numbers and integer powers stay exact (2^{100}, 1/3 + 1/6). Sizes are capped before computing,
// so 9^9^9^9 or 1000000! come back as "too big" at once instead of hanging.
import { add, div, mul, rational, sub, type Rational } from './rational.js';
import { parseDecimalLiteral } from './rational.js';

export type ExactResult = { kind: 'exact'; value: Rational; decimal: boolean } | { kind: 'too-big' } | { kind: 'not-exact' };

const MAX_DIGITS = 20_000;
const MAX_FACTORIAL = 3_000;

class NotExact extends Error {}
class TooBig extends Error {}

export function evaluateExact(expression: string): ExactResult {
  if (expression.length > 20_000 || !/^[\d\s.+\-*/^()!,a-z]*$/.test(expression)) return { kind: 'not-exact' };
  const parser = new ExactParser(expression);
  try {
    const value = parser.expression();
    parser.skipSpace();
    if (!parser.done()) return { kind: 'not-exact' };
    return { kind: 'exact', value, decimal: parser.sawDecimal };
  } catch (error) {
    if (error instanceof TooBig) return { kind: 'too-big' };
    if (error instanceof NotExact || error instanceof RangeError) return { kind: 'not-exact' };
    throw error;
  }
}

function digits(value: bigint): number {
  return (value < 0n ? -value : value).toString().length;
}

class ExactParser {
  private index = 0;
  sawDecimal = false;
  constructor(private readonly text: string) {}

  done(): boolean {
    return this.index >= this.text.length;
  }

  skipSpace(): void {
    while (this.text[this.index] === ' ') this.index++;
  }

  private peek(): string | undefined {
    this.skipSpace();
    return this.text[this.index];
  }

  expression(): Rational {
    let value = this.term();
    for (let next = this.peek(); next === '+' || next === '-'; next = this.peek()) {
      this.index++;
      value = next === '+' ? add(value, this.term()) : sub(value, this.term());
    }
    return value;
  }

  private term(): Rational {
    let value = this.unary();
    for (let next = this.peek(); next === '*' || next === '/'; next = this.peek()) {
      this.index++;
      const right = this.unary();
      if (next === '/' && right.num === 0n) throw new NotExact('division by zero');
      value = next === '*' ? mul(value, right) : div(value, right);
      if (digits(value.num) + digits(value.den) > MAX_DIGITS) throw new TooBig();
    }
    return value;
  }

  private unary(): Rational {
    const next = this.peek();
    if (next === '-' || next === '+') {
      this.index++;
      const value = this.unary();
      return next === '-' ? rational(-value.num, value.den) : value;
    }
    return this.power();
  }

  private power(): Rational {
    const base = this.postfix();
    if (this.peek() !== '^') return base;
    this.index++;
    const exponent = this.unary();
    return raise(base, exponent);
  }

  private postfix(): Rational {
    let value = this.primary();
    while (this.peek() === '!') {
      this.index++;
      value = factorial(value);
    }
    return value;
  }

  private primary(): Rational {
    const next = this.peek();
    if (next === '(') {
      this.index++;
      const value = this.expression();
      if (this.peek() !== ')') throw new NotExact('unbalanced');
      this.index++;
      return value;
    }
    if (this.text.startsWith('combinations(', this.index)) {
      this.index += 'combinations('.length;
      const n = this.expression();
      if (this.peek() !== ',') throw new NotExact('combinations');
      this.index++;
      const k = this.expression();
      if (this.peek() !== ')') throw new NotExact('unbalanced');
      this.index++;
      return binomial(n, k);
    }
    const literal = /^(?:\d+(?:\.\d+)?|\.\d+)/.exec(this.text.slice(this.index, this.index + 400));
    if (!literal) throw new NotExact('not a number');
    this.index += literal[0].length;
    const parsed = parseDecimalLiteral(literal[0]);
    if (!parsed) throw new NotExact('literal');
    if (parsed.decimal) this.sawDecimal = true;
    return parsed.value;
  }
}

function raise(base: Rational, exponent: Rational): Rational {
  if (exponent.den !== 1n) throw new NotExact('fractional power');
  const power = exponent.num < 0n ? -exponent.num : exponent.num;
  if (base.num === 0n || (base.num === base.den) || power === 0n) {
    if (base.num === 0n && exponent.num < 0n) throw new NotExact('division by zero');
    return power === 0n ? rational(1n) : base;
  }
  if (base.num === -base.den) return power % 2n === 0n ? rational(1n) : base;
  // Digits of the result ≈ power × digits of the base: refuse before computing.
  if (power > BigInt(MAX_DIGITS) || Number(power) * Math.max(digits(base.num), digits(base.den)) > MAX_DIGITS) throw new TooBig();
  const result = rational(base.num ** power, base.den ** power);
  return exponent.num < 0n ? rational(result.den, result.num) : result;
}

function factorial(value: Rational): Rational {
  if (value.den !== 1n || value.num < 0n) throw new NotExact('factorial of a non-integer');
  if (value.num > BigInt(MAX_FACTORIAL)) throw new TooBig();
  let result = 1n;
  for (let factor = 2n; factor <= value.num; factor++) result *= factor;
  return rational(result);
}

function binomial(n: Rational, k: Rational): Rational {
  if (n.den !== 1n || k.den !== 1n || k.num < 0n || n.num < 0n || k.num > n.num) throw new NotExact('binomial');
  const small = k.num > n.num - k.num ? n.num - k.num : k.num;
  if (small > BigInt(MAX_FACTORIAL)) throw new TooBig();
  let result = 1n;
  for (let step = 0n; step < small; step++) result = (result * (n.num - step)) / (step + 1n);
  return rational(result);
}
