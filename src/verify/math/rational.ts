// Exact rational numbers over BigInt, and parsing of the numeric literals answers are written in
// (integers, decimals, repeating decimals, fractions, mixed numbers) without a CAS: the fast path.

export interface Rational {
  num: bigint;
  den: bigint; // always > 0, gcd(num, den) = 1
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

export function rational(num: bigint, den: bigint = 1n): Rational {
  if (den === 0n) throw new RangeError('division by zero');
  if (den < 0n) [num, den] = [-num, -den];
  const divisor = gcd(num, den);
  return divisor > 1n ? { num: num / divisor, den: den / divisor } : { num, den };
}

export const add = (a: Rational, b: Rational): Rational => rational(a.num * b.den + b.num * a.den, a.den * b.den);
export const sub = (a: Rational, b: Rational): Rational => rational(a.num * b.den - b.num * a.den, a.den * b.den);
export const mul = (a: Rational, b: Rational): Rational => rational(a.num * b.num, a.den * b.den);
export const div = (a: Rational, b: Rational): Rational => rational(a.num * b.den, a.den * b.num);
export const equals = (a: Rational, b: Rational): boolean => a.num === b.num && a.den === b.den;
export const abs = (a: Rational): Rational => (a.num < 0n ? { num: -a.num, den: a.den } : a);

/** a ≤ b, exactly. */
export function lessOrEqual(a: Rational, b: Rational): boolean {
  return a.num * b.den <= b.num * a.den;
}

/** |a − b| ≤ tolerance·|b|, exactly: the policy's "decimals within 1e-6 relative". */
export function withinRelative(a: Rational, b: Rational, tolerance: Rational): boolean {
  return lessOrEqual(abs(sub(a, b)), mul(tolerance, abs(b)));
}

/** Approximate value, good to double precision even for huge numerators and denominators. */
export function toNumber(value: Rational): number {
  const direct = Number(value.num) / Number(value.den);
  if (Number.isFinite(direct) && direct !== 0) return direct;
  if (value.num === 0n) return 0;
  // Huge numerator or denominator: divide the leading digits, then scale by the digit counts.
  const numDigits = (value.num < 0n ? -value.num : value.num).toString();
  const denDigits = value.den.toString();
  const shift = numDigits.length - denDigits.length;
  const mantissa = Number(`${value.num < 0n ? '-' : ''}0.${numDigits.slice(0, 17)}`) / Number(`0.${denDigits.slice(0, 17)}`);
  return mantissa * 10 ** shift;
}

export function rationalToString(value: Rational): string {
  return value.den === 1n ? value.num.toString() : `${value.num}/${value.den}`;
}

const POW10 = (digits: number): bigint => 10n ** BigInt(digits);

/** "12", "-3.25", "1,234,567", ".5" — a number literal, exactly, and whether it was a decimal. */
export function parseDecimalLiteral(text: string): { value: Rational; decimal: boolean } | undefined {
  const match = /^([+-]?)(\d{1,3}(?:,\d{3})+|\d*)(?:\.(\d*))?$/.exec(text);
  if (!match || (match[2] === '' && !match[3])) return undefined;
  const sign = match[1] === '-' ? -1n : 1n;
  const whole = BigInt((match[2] ?? '').replaceAll(',', '') || '0');
  const fraction = match[3] ?? '';
  if (fraction.length > 2000 || (match[2] ?? '').length > 5000) return undefined;
  const den = POW10(fraction.length);
  const value = rational(sign * (whole * den + BigInt(fraction || '0')), den);
  return { value, decimal: match[3] !== undefined && fraction.length > 0 };
}

/** 0.\overline{3}, 0.1\overline{6}, 0.(3), 0.1(6), 0.\dot{3} — a repeating decimal, exactly. */
export function parseRepeatingDecimal(text: string): Rational | undefined {
  const match = /^([+-]?)(\d*)\.(\d*)(?:\\overline\{(\d+)\}|\\overline(\d)|\((\d+)\)|\\dot\{?(\d)\}?)$/.exec(text);
  if (!match) return undefined;
  const repeat = match[4] ?? match[5] ?? match[6] ?? match[7] ?? '';
  const fixed = match[3] ?? '';
  if (repeat.length + fixed.length > 200) return undefined;
  const whole = BigInt(match[2] || '0');
  // x = whole + (fixed·(10^r − 1) + repeat) / (10^f·(10^r − 1))
  const cycle = POW10(repeat.length) - 1n;
  const den = POW10(fixed.length) * cycle;
  const num = BigInt(fixed || '0') * cycle + BigInt(repeat);
  const value = add(rational(whole), rational(num, den));
  return match[1] === '-' ? rational(-value.num, value.den) : value;
}
