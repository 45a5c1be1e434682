// Normalized LaTeX → mathjs expression syntax, written out with explicit "*" so mathjs never guesses
// (its "x(x+1)" would be a function call). Returns undefined for anything it does not understand;
// the caller then falls back to comparing text.
import { matchBrace } from './braces.js';

const FUNCTIONS: Readonly<Record<string, string>> = {
  sin: 'sin', cos: 'cos', tan: 'tan', sec: 'sec', csc: 'csc', cot: 'cot',
  arcsin: 'asin', arccos: 'acos', arctan: 'atan', sinh: 'sinh', cosh: 'cosh', tanh: 'tanh',
  ln: 'log', log: 'log', exp: 'exp', sqrt: 'sqrt', abs: 'abs',
};
const GREEK = 'alpha α beta β gamma γ delta δ epsilon ε varepsilon ε zeta ζ eta η theta θ vartheta θ kappa κ lambda λ mu μ nu ν xi ξ rho ρ sigma σ tau τ phi φ varphi φ chi χ psi ψ omega ω';
const GREEK_LETTERS: ReadonlyMap<string, string> = new Map(GREEK.split(' ').reduce<Array<[string, string]>>((pairs, word, index, words) => (index % 2 === 0 ? [...pairs, [word, words[index + 1]!]] : pairs), []));
const OPERATORS: Readonly<Record<string, string>> = { cdot: '*', times: '*', ast: '*', div: '/' };
const CONSTANTS: Readonly<Record<string, string>> = { pi: 'pi', infty: 'Infinity', infinity: 'Infinity' };

class Unsupported extends Error {}

/** mathjs syntax for a LaTeX expression, or undefined when it uses something unsupported. */
export function latexToMathjs(latex: string): string | undefined {
  try {
    const output = new Converter(latex).expression(latex.length);
    return output.trim() === '' ? undefined : output;
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
}

class Converter {
  private index = 0;
  /** Whether the last thing written ends a value, so a following value multiplies it. */
  private afterValue = false;
  private absDepth = 0;
  constructor(private readonly text: string) {}

  expression(end: number): string {
    let out = '';
    while (this.index < end) out += this.token(end);
    return out;
  }

  private value(piece: string): string {
    const joined = this.afterValue ? `*${piece}` : piece;
    this.afterValue = true;
    return joined;
  }

  private operator(piece: string): string {
    this.afterValue = false;
    return piece;
  }

  private token(end: number): string {
    const text = this.text;
    const char = text[this.index]!;
    if (char === ' ') {
      this.index++;
      return '';
    }
    const number = /^\d+(?:\.\d+)?|^\.\d+/.exec(text.slice(this.index, this.index + 400));
    if (number) {
      this.index += number[0].length;
      return this.value(number[0]);
    }
    if (/[a-zA-Z]/.test(char)) return this.word();
    if (char === '\\') return this.command(end);
    if (char === '{' || char === '(' || char === '[') {
      const close = char === '{' ? matchBrace(text, this.index) : this.matchParen(this.index, end);
      if (close < 0 || close >= end) throw new Unsupported('unbalanced');
      const inner = this.group(this.index + 1, close);
      this.index = close + 1;
      return this.value(`(${inner})`);
    }
    if (char === '|') {
      this.index++;
      if (this.afterValue && this.absDepth > 0) {
        this.absDepth--;
        return ')';
      }
      this.absDepth++;
      const open = this.value('abs(');
      this.afterValue = false;
      return open;
    }
    if (char === '^' || char === '_') return this.script(char, end);
    if (char === '!') {
      this.index++;
      return '!';
    }
    if ('+-*/=,'.includes(char)) {
      this.index++;
      return this.operator(char);
    }
    if (char === ')' || char === '}' || char === ']') throw new Unsupported('unbalanced');
    throw new Unsupported(`character ${char}`);
  }

  /** Converts text[from, to) on its own, restoring state after. */
  private group(from: number, to: number): string {
    const saved = { index: this.index, afterValue: this.afterValue, absDepth: this.absDepth };
    this.index = from;
    this.afterValue = false;
    this.absDepth = 0;
    const inner = this.expression(to);
    if (inner.trim() === '') throw new Unsupported('empty group');
    Object.assign(this, saved);
    return inner;
  }

  private matchParen(open: number, end: number): number {
    let depth = 0;
    for (let index = open; index < end; index++) {
      const char = this.text[index];
      if (char === '\\') index++;
      else if (char === '(' || char === '[' || char === '{') depth++;
      else if ((char === ')' || char === ']' || char === '}') && --depth === 0) return index;
    }
    return -1;
  }

  /** A braced group, or one token: the argument of \frac, ^, \sqrt and friends. */
  private argument(end: number): string {
    while (this.text[this.index] === ' ') this.index++;
    if (this.index >= end) throw new Unsupported('missing argument');
    const saved = this.afterValue;
    this.afterValue = false;
    let out: string;
    if (this.text[this.index] === '{') {
      const close = matchBrace(this.text, this.index);
      if (close < 0 || close >= end) throw new Unsupported('unbalanced');
      out = this.group(this.index + 1, close);
      this.index = close + 1;
    } else if (/\d/.test(this.text[this.index]!)) {
      out = this.text[this.index]!; // TeX takes one digit: x^23 is x²·3
      this.index++;
    } else out = this.token(end);
    this.afterValue = saved;
    return out;
  }

  private script(char: string, end: number): string {
    this.index++;
    const argument = this.argument(end);
    if (char === '_') throw new Unsupported('subscript');
    this.afterValue = true;
    return `^(${argument})`;
  }

  private word(): string {
    const word = /^[a-zA-Z]+/.exec(this.text.slice(this.index, this.index + 40))![0];
    this.index += word.length;
    const lower = word.toLowerCase();
    if (FUNCTIONS[lower] && lower.length > 1) return this.apply(FUNCTIONS[lower]!, lower, this.text.length);
    if (lower === 'pi') return this.value('pi');
    // A subscripted name (x_1, a_{n}) is one symbol.
    const sub = /^_\{?([a-zA-Z0-9]+)\}?/.exec(this.text.slice(this.index, this.index + 20));
    if (sub) this.index += sub[0].length;
    // Juxtaposed letters multiply: "xy" is x·y.
    const letters = [...word];
    if (sub) letters[letters.length - 1] += `_${sub[1]}`;
    return letters.map((letter) => this.value(letter)).join('');
  }

  private command(end: number): string {
    const name = /^\\([a-zA-Z]+)/.exec(this.text.slice(this.index, this.index + 40))?.[1];
    if (name === undefined) throw new Unsupported(`command ${this.text.slice(this.index, this.index + 2)}`);
    this.index += name.length + 1;
    if (OPERATORS[name]) return this.operator(OPERATORS[name]!);
    if (CONSTANTS[name]) return this.value(CONSTANTS[name]!);
    if (GREEK_LETTERS.has(name)) return this.value(GREEK_LETTERS.get(name)!);
    if (name === 'frac') {
      const top = this.argument(end);
      const bottom = this.argument(end);
      return this.value(`((${top})/(${bottom}))`);
    }
    if (name === 'binom') {
      const top = this.argument(end);
      const bottom = this.argument(end);
      return this.value(`combinations(${top},${bottom})`);
    }
    if (name === 'sqrt') {
      while (this.text[this.index] === ' ') this.index++;
      if (this.text[this.index] === '[') {
        const close = this.matchParen(this.index, end);
        if (close < 0) throw new Unsupported('unbalanced');
        const degree = this.group(this.index + 1, close);
        this.index = close + 1;
        return this.value(`nthRoot(${this.argument(end)},${degree})`);
      }
      return this.value(`sqrt(${this.argument(end)})`);
    }
    if (FUNCTIONS[name]) return this.apply(FUNCTIONS[name]!, name, end);
    throw new Unsupported(`command \\${name}`);
  }

  /** \sin x, \sin^2 x, \log_2 8, \ln(x): a function and its argument. */
  private apply(mathjsName: string, name: string, end: number): string {
    let power: string | undefined;
    let base: string | undefined;
    for (let round = 0; round < 2; round++) {
      while (this.text[this.index] === ' ') this.index++;
      if (this.text[this.index] === '^') {
        this.index++;
        power = this.argument(end);
      } else if (this.text[this.index] === '_') {
        this.index++;
        base = this.argument(end);
      }
    }
    while (this.text[this.index] === ' ') this.index++;
    const saved = this.afterValue;
    this.afterValue = false;
    // Without parentheses the argument is the monomial that follows: \sin 2x is sin(2x).
    const monomial = /^(?:\d+(?:\.\d+)?)?(?:[a-zA-Z](?![a-zA-Z])|\\(?:pi|theta|alpha|beta|phi)(?![a-zA-Z]))*/.exec(this.text.slice(this.index, Math.min(end, this.index + 100)))?.[0] ?? '';
    let argument: string;
    if (monomial !== '' && this.text[this.index] !== '(' ) {
      argument = this.group(this.index, this.index + monomial.length);
      this.index += monomial.length;
    } else argument = this.argument(end);
    this.afterValue = saved;
    const logBase = name === 'log' && base === undefined ? '10' : base;
    const call = logBase !== undefined && mathjsName === 'log' ? `log(${argument},${logBase})` : `${mathjsName}(${argument})`;
    return this.value(power === undefined ? call : `(${call})^(${power})`);
  }
}
