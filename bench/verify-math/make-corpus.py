# Writes corpus.jsonl: hand-written math verification cases, each labelled with its policy category.
# Kept as a script so the cases stay readable (raw LaTeX strings); run: python3 make-corpus.py
import json, os

cases = []
def add(category, gold, prediction, expected, note=''):
    cases.append({'category': category, 'gold': gold, 'prediction': prediction, 'expected': expected, **({'note': note} if note else {})})

def box(x, lead='So the final answer is'):
    return f'{lead} $\\boxed{{{x}}}$.'

def eq(category, pairs):
    for gold, answer, expected in pairs:
        add(category, gold, box(answer), expected)

# --- extraction: boxes
C = 'extract-box'
add(C, '42', 'We compute 6*7 = 42. Therefore $\\boxed{42}$.', True)
add(C, '\\frac{3}{4}', 'First try gives \\boxed{1/2}, but correcting the sign we get \\boxed{\\frac{3}{4}}.', True, 'last box wins')
add(C, '1/2', 'First try gives \\boxed{1/2}, but correcting the sign we get \\boxed{\\frac{3}{4}}.', False, 'earlier box superseded')
add(C, '\\frac{\\sqrt{3}}{2}', 'Hence $\\sin 60^\\circ = \\boxed{\\frac{\\sqrt{3}}{2}}$', True, 'nested braces')
add(C, '7', 'The result is \\fbox{7}.', True)
add(C, '10', '$$\\boxed{10}$$', True)
add(C, '12', 'Answer in a box: \\boxed 12', True, 'boxed without braces')
add(C, '2', '\\boxed{\\boxed{2}}', True)
add(C, '-5', 'The minimum value is $\\boxed{-5}$, attained at $x=1$.', True)
add(C, '9', 'I think it is 8.\n\nActually recomputing: $\\boxed{9}$', True)
add(C, '8', 'I think it is 8.\n\nActually recomputing: $\\boxed{9}$', False)
add(C, '{x^2}', 'Thus \\boxed{{x^2}}', True)
add(C, '2, 3', 'The roots are $\\boxed{2}$ and $\\boxed{3}$.', True, 'adjacent boxes listed')
add(C, '3', 'The roots are $\\boxed{2}$ and $\\boxed{3}$.', False, 'two answers for one')

# --- extraction: explicit statements
C = 'extract-statement'
add(C, '5', '\\boxed{3} was my first guess. On reflection, the answer is 5.', True, 'statement after box')
add(C, '3', '\\boxed{3} was my first guess. On reflection, the answer is 5.', False)
add(C, '18', 'Janet sells 16 - 3 - 4 = 9 eggs, earning 9 * 2 = 18 dollars.\n#### 18', True, 'GSM8K ####')
add(C, '1234', 'Total cost\n#### 1,234', True)
add(C, '6', '<answer>6</answer>', True)
add(C, '6', 'Reasoning... <answer>\\boxed{6}</answer>', True)
add(C, '\\frac{1}{2}', 'Final answer: $\\frac{1}{2}$', True)
add(C, '\\frac{1}{2}', '**Final Answer:** $\\dfrac{1}{2}$', True)
add(C, '4', 'Final Answer: The final answer is $4$. I hope it is correct.', True, 'Minerva format')
add(C, '4', 'We have \\boxed{4}. The answer is correct because 2+2=4.', True, 'judgement, not a statement')
add(C, '11', 'The answer is: 11', True)
add(C, '2.5', 'The answer is 2.5.', True)
add(C, '25', 'The answer is 2.5.', False)
add(C, '7', 'The answer is $7$ apples. Let me double check: 3 + 4 = 7.', True)
add(C, '-3', 'Therefore, the final answer is $-3$.', True)
add(C, '100', 'So the answer is \\(100\\).', True)

# --- extraction: final sentence fallback
C = 'extract-sentence'
add(C, '12', 'Multiplying, 3 times 4 gives 12.', True)
add(C, '12', 'Multiplying, 3 times 4 gives 13.', False)
add(C, '\\frac{1}{2}', 'Solving the equation we get $x = \\frac{1}{2}$.', True)
add(C, '1024', 'So 2^10 = 1024', True)
add(C, '-7', 'The smallest value is -7.', True)
add(C, '3.75', 'Each person pays 3.75 dollars.', True)
add(C, '15', 'There are 15 ways.\n', True)
add(C, '5', 'We tried 3 and 4 first.\nThe count is 5', True)
add(C, '3', 'We tried 3 and 4 first.\nThe count is 5', False)
add(C, 'C', 'Comparing the options, the correct choice is (C).', True)
add(C, '6', 'It has $6$ faces.', True)
add(C, '8', 'x equals eight', False, 'words, not the number')
add(C, '2', 'The equation has two solutions: $x = 2$', True)

# --- think blocks
C = 'think'
add(C, '5', '<think>Maybe \\boxed{4}? No wait.</think>The answer is \\boxed{5}.', True)
add(C, '4', '<think>Maybe \\boxed{4}? No wait.</think>The answer is \\boxed{5}.', False, 'answer inside think superseded')
add(C, '9', '<think>it is 9</think>\nSo the total is 9.', True)
add(C, '9', '<think>the answer is \\boxed{9}', False, 'never leaves think')
add(C, '9', 'reasoning about squares... </think> Final answer: 9', True, 'opening tag in the prompt')
add(C, '3', '<think>Let me think. \\boxed{3}</think>', False, 'only a think block')
add(C, '10', '<think>a</think><think>b \\boxed{2}</think> so \\boxed{10}', True)
add(C, '2', '<think>a</think><think>b \\boxed{2}</think> so \\boxed{10}', False)
add(C, '7', '<thinking>try \\boxed{6}</thinking> After checking, \\boxed{7}', True)
add(C, '6', '<thinking>try \\boxed{6}</thinking> After checking, \\boxed{7}', False)
add(C, '1', '<think>x</think>\n\n<answer>1</answer>', True)
add(C, '0', '<think>The answer is 0</think>The result: $\\boxed{1}$', False)

# --- empty / unterminated boxes
C = 'bad-box'
add(C, '5', 'So the answer is \\boxed{}', False, 'empty box')
add(C, '5', 'Earlier \\boxed{5}, finally \\boxed{}', False, 'empty final box')
add(C, '5', 'Therefore \\boxed{5', False, 'unterminated')
add(C, '5', 'We get \\boxed{5} and then \\boxed{\\frac{1}{2', False, 'unterminated final box')
add(C, '\\frac12', 'So \\boxed{\\frac{1}{2}', False, 'unterminated with nested braces')
add(C, '5', '\\boxed{ }', False)
add(C, '5', 'The answer is \\boxed{5}', True, 'control: closed')
add(C, '\\frac{1}{2}', '$\\boxed{\\frac{1}{2}}$', True, 'control: nested closed')
add(C, '3', '\\boxed{3} \\boxed{', False)
add(C, '3', '\\boxed{\\text{}}', False)

# --- hedging
C = 'hedging'
add(C, '3', 'The answer is either 3 or 5.', False)
add(C, '5', 'The answer is either 3 or 5.', False)
add(C, '3', '\\boxed{3 \\text{ or maybe } 4}', False)
add(C, '3', 'It is 3 or maybe 4.', False)
add(C, '3', '\\boxed{3}, or perhaps 4', False)
add(C, '3', '\\boxed{3} or \\boxed{5}', False)
add(C, '3', 'So the answer is \\boxed{3 \\text{ or } 5}', False)
add(C, '3', 'The answer is probably 3.', True, 'single candidate, not hedging')
add(C, '3', 'I believe the answer is \\boxed{3}.', True)
add(C, '3, 5', 'The solutions are \\boxed{3 \\text{ or } 5}', True, 'two solutions for a two-valued gold')
add(C, '\\{3, 5\\}', '$x = 3$ or $x = 5$, so \\boxed{x=3 \\text{ or } x=5}', True)
add(C, '4', 'Possibly 4, possibly 6.', False)
add(C, '2', '\\boxed{2 \\text{ or } 3}', False)

# --- integers and big numbers
C = 'integers'
eq(C, [
    ('42', '42', True), ('42', '43', False), ('0', '0', True), ('0', '-0', True), ('-17', '-17', True), ('-17', '17', False),
    ('12345678901234567890', '12345678901234567890', True), ('12345678901234567890', '12345678901234567891', False),
    ('1267650600228229401496703205376', '2^{100}', True), ('1267650600228229401496703205377', '2^{100}', False),
    ('1000000', '10^6', True), ('120', '5!', True), ('3628800', '10!', True), ('252', '\\binom{10}{5}', True), ('45', '\\dbinom{10}{2}', True),
    ('1000001', '1000000', False),
])

# --- rationals
C = 'fractions'
eq(C, [
    ('\\frac{1}{2}', '\\frac{1}{2}', True), ('\\frac{1}{2}', '\\dfrac{1}{2}', True), ('\\frac{1}{2}', '\\tfrac{1}{2}', True), ('\\frac{1}{2}', '\\frac12', True),
    ('\\frac{1}{2}', '1/2', True), ('\\frac{1}{2}', '2/4', True), ('\\frac{1}{2}', '\\frac{2}{4}', True), ('\\frac{1}{2}', '\\frac{1}{3}', False),
    ('-\\frac{3}{4}', '\\frac{-3}{4}', True), ('-\\frac{3}{4}', '\\frac{3}{-4}', True), ('-\\frac{3}{4}', '\\frac{3}{4}', False),
    ('\\frac{7}{3}', '\\frac73', True), ('\\frac{22}{7}', '\\frac{7}{22}', False), ('3', '\\frac{6}{2}', True), ('\\frac{1}{3}+\\frac{1}{6}', '\\frac{1}{2}', True),
    ('\\frac{10}{3}', '3.33', False),
])

# --- decimals
C = 'decimals'
eq(C, [
    ('0.5', '\\frac{1}{2}', True), ('\\frac{1}{3}', '0.333333', True), ('\\frac{1}{3}', '0.3333333333', True), ('\\frac{1}{3}', '0.33', False),
    ('\\frac{1}{3}', '0.3333', False), ('\\frac{2}{3}', '0.666667', True), ('\\frac{2}{3}', '0.6667', False), ('\\pi', '3.14159265', True), ('\\pi', '3.14', False),
    ('\\sqrt{2}', '1.41421356', True), ('\\sqrt{2}', '1.414', False), ('2.5', '2.50', True), ('2.5', '2.5000001', True), ('2.5', '2.51', False),
    ('1000000', '1000010.5', False), ('1000000', '1000000.5', True), ('0.001', '0.0010000001', True), ('0.001', '0.0011', False), ('e', '2.718281828', True),
])

# --- repeating decimals
C = 'repeating'
eq(C, [
    ('\\frac{1}{3}', '0.\\overline{3}', True), ('\\frac{1}{3}', '0.(3)', True), ('\\frac{1}{6}', '0.1\\overline{6}', True), ('\\frac{1}{6}', '0.1(6)', True),
    ('\\frac{1}{7}', '0.\\overline{142857}', True), ('\\frac{1}{7}', '0.\\overline{142856}', False), ('0.\\overline{3}', '\\frac{1}{3}', True),
    ('\\frac{4}{3}', '1.\\overline{3}', True), ('\\frac{1}{3}', '0.\\overline{33}', True), ('\\frac{1}{11}', '0.\\overline{09}', True), ('\\frac{1}{11}', '0.\\overline{9}', False),
    ('1', '0.\\overline{9}', True), ('\\frac{2}{3}', '0.\\overline{6}', True),
])

# --- separators and unicode minus
C = 'separators'
eq(C, [
    ('1000000', '1,000,000', True), ('1000000', '1{,}000{,}000', True), ('1000000', '1\\,000\\,000', True), ('1234.5', '1,234.5', True),
    ('1000000', '1,000,001', False), ('-3', '−3', True), ('-3', '–3', True), ('−3', '-3', True), ('-3', '3', False), ('-\\frac{1}{2}', '−\\frac{1}{2}', True),
    ('10000', '10 000', True), ('1000', '1,000', True),
])

# --- mixed numbers
C = 'mixed-numbers'
eq(C, [
    ('\\frac{7}{2}', '3\\frac{1}{2}', True), ('3\\frac{1}{2}', '3.5', True), ('3\\frac{1}{2}', '\\frac{7}{2}', True), ('\\frac{7}{2}', '3\\frac12', True),
    ('\\frac{7}{2}', '3 1/2', True), ('\\frac{7}{2}', '3\\frac{1}{3}', False), ('-\\frac{7}{2}', '-3\\frac{1}{2}', True), ('2\\frac{3}{4}', '\\frac{11}{4}', True),
    ('2\\frac{3}{4}', '\\frac{3}{2}', False), ('5\\frac{1}{4}', '5.25', True),
])

# --- percent
C = 'percent'
eq(C, [
    ('25\\%', '25', True), ('25\\%', '25\\%', True), ('25\\%', '25%', True), ('25\\%', '0.25', False), ('25\\%', '26\\%', False), ('12.5\\%', '12.5', True),
    ('25', '25\\%', True), ('0.25', '25\\%', True), ('40', '0.4', False), ('33\\frac{1}{3}\\%', '33.3333333\\%', True),
])

# --- units and degrees
C = 'units'
eq(C, [
    ('30', '30^\\circ', True), ('30^\\circ', '30', True), ('30', '30°', True), ('30', '30 degrees', True), ('45^\\circ', '\\frac{\\pi}{4}', False),
    ('5', '5 \\text{ cm}', True), ('5', '5\\text{ cm}^2', True), ('5', '5 cm', True), ('5', '500 \\text{ cm}', False), ('5 \\text{ m}', '5', True),
    ('12', '12 \\text{ apples}', True), ('18', '\\$18', True), ('18', '\\$18.00', True), ('7.5', '7.5 \\text{ hours}', True), ('60', '60 \\text{ mph}', True),
    ('4', '4 \\text{ square units}', True), ('90', '\\frac{\\pi}{2}', False), ('15', '15 km/h', True),
])

# --- sets and tuples
C = 'sets-tuples'
eq(C, [
    ('\\{1, 2, 3\\}', '\\{3, 1, 2\\}', True), ('\\{1, 2, 3\\}', '\\{1, 2\\}', False), ('\\{1,2,3\\}', '1, 2, 3', True), ('1, 2, 3', '3, 2, 1', True),
    ('(1, 2)', '(1, 2)', True), ('(1, 2)', '(2, 1)', False), ('(1, 2, 3)', '(1, 2, 3)', True), ('(1, 2, 3)', '(3, 2, 1)', False),
    ('(3, 4)', 'x = 3, y = 4', True), ('(\\frac{1}{2}, -1)', '(0.5, -1)', True), ('\\{-1, 1\\}', '\\{1, -1\\}', True), ('\\{-1, 1\\}', '\\{1, -2\\}', False),
    ('\\emptyset', '\\varnothing', True), ('\\emptyset', '\\{0\\}', False), ('\\{2\\}', '2', True), ('-2, 3', '3, -2', True), ('(2, -3)', '(-3, 2)', False),
])

# --- plus-minus
C = 'plus-minus'
eq(C, [
    ('3 \\pm \\sqrt{2}', '3+\\sqrt{2}, 3-\\sqrt{2}', True), ('3 \\pm \\sqrt{2}', '3-\\sqrt{2}, 3+\\sqrt{2}', True), ('\\pm 2', '2, -2', True),
    ('\\pm 2', '2', False), ('x = \\pm 3', '\\pm 3', True), ('1 \\pm i', '1+i, 1-i', True), ('\\frac{-1 \\pm \\sqrt{5}}{2}', '\\frac{-1+\\sqrt5}{2}, \\frac{-1-\\sqrt5}{2}', True),
    ('\\frac{-1 \\pm \\sqrt{5}}{2}', '\\frac{-1+\\sqrt5}{2}', False), ('2 \\pm 3', '5, -1', True), ('2 \\pm 3', '5, 1', False),
])

# --- intervals and inequalities
C = 'intervals'
eq(C, [
    ('[1, 2)', '[1, 2)', True), ('[1, 2)', '(1, 2]', False), ('[1, 2)', '[1, 2]', False), ('(3, \\infty)', 'x > 3', True), ('(3, \\infty)', 'x \\ge 3', False),
    ('[3, \\infty)', 'x \\geq 3', True), ('(-\\infty, 2]', 'x \\le 2', True), ('[-2, 5)', '-2 \\le x < 5', True), ('[-2, 5)', '-2 < x < 5', False),
    ('(-\\infty, 1] \\cup (4, \\infty)', 'x \\le 1 \\text{ or } x > 4', True), ('(-\\infty, 1] \\cup (4, \\infty)', '(-\\infty, 1) \\cup (4, \\infty)', False),
    ('(-\\infty, 1] \\cup (4, \\infty)', '(4, \\infty) \\cup (-\\infty, 1]', True), ('(0, 1)', '0 < x < 1', True), ('(0, 1)', '1 > x > 0', True),
    ('(-\\infty, \\infty)', '\\mathbb{R}', True), ('[0, \\frac{1}{2}]', '[0, 0.5]', True), ('x < 3', '(-\\infty, 3)', True), ('3 < x', '(3, \\infty)', True),
    ('x \\in [1, 2]', '[1, 2]', True), ('[1, 3]', '[1, 2]', False),
])

# --- equations
C = 'equations'
eq(C, [
    ('5', 'x = 5', True), ('x = 5', '5', True), ('x = 5', 'x=6', False), ('y = 2x + 1', '2x - y + 1 = 0', True), ('y = 2x + 1', 'y - 1 = 2x', True),
    ('y = 2x + 1', 'y = 2x - 1', False), ('x^2 + y^2 = 1', '2x^2 + 2y^2 = 2', True), ('x^2 + y^2 = 1', 'x^2 + y^2 = 2', False), ('y = \\frac{1}{2}x', '2y = x', True),
    ('x + y = 3', 'y = 3 - x', True), ('x + y = 3', 'y = x - 3', False), ('k = 7', '7', True), ('f(x) = x^2', 'x^2', True), ('3x - 2y = 6', 'y = \\frac{3}{2}x - 3', True),
])

# --- words
C = 'words'
eq(C, [
    ('\\text{Yes}', 'yes', True), ('Yes', '\\text{YES}', True), ('yes', 'no', False), ('\\text{even}', 'Even', True), ('\\text{even}', '\\text{odd}', False),
    ('Monday', '\\text{monday}', True), ('Monday', 'Tuesday', False), ('\\text{(C)}', 'C', True), ('infinite', 'Infinite', True), ('North', '\\textbf{north}', True),
])

# --- multiple choice
C = 'choice'
eq(C, [
    ('B', '(B)', True), ('B', 'B)', True), ('B', '\\text{B}', True), ('B', '\\text{(B)}', True), ('B', 'option B', True), ('B', 'B', True), ('B', 'C', False),
    ('B', '(C)', False), ('(B)', 'B', True), ('D', '\\textbf{(D)}', True), ('D', '(D) 42', True), ('D', '(A) 42', False), ('A', 'Option A', True), ('E', 'E.', True),
])

# --- matrices
C = 'matrices'
M = '\\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}'
eq(C, [
    (M, '\\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}', True), (M, '\\begin{bmatrix}1&2\\\\3&4\\end{bmatrix}', True), (M, '\\begin{pmatrix} 1 & 3 \\\\ 2 & 4 \\end{pmatrix}', False),
    (M, '\\begin{pmatrix} 1 & 2 & 3 \\\\ 3 & 4 & 5 \\end{pmatrix}', False), (M, '\\begin{pmatrix} 1 & 2 \\end{pmatrix}', False), (M, '\\begin{pmatrix} \\frac{2}{2} & 2 \\\\ 3 & 2^2 \\end{pmatrix}', True),
    (M, '[[1, 2], [3, 4]]', True), ('\\begin{pmatrix} 1 \\\\ 2 \\\\ 3 \\end{pmatrix}', '(1, 2, 3)', True), ('\\begin{pmatrix} 1 \\\\ 2 \\\\ 3 \\end{pmatrix}', '\\begin{pmatrix} 1 \\\\ 3 \\\\ 2 \\end{pmatrix}', False),
    ('\\begin{pmatrix} 0.5 & 0 \\\\ 0 & 1 \\end{pmatrix}', '\\begin{pmatrix} \\frac12 & 0 \\\\ 0 & 1 \\end{pmatrix}', True), ('\\begin{pmatrix} x & 1 \\\\ 0 & x \\end{pmatrix}', '\\begin{pmatrix} x & 1 \\\\ 0 & x \\end{pmatrix}', True),
])

# --- complex numbers
C = 'complex'
eq(C, [
    ('3+4i', '3+4i', True), ('3+4i', '4i+3', True), ('3+4i', '3-4i', False), ('3+4i', '(3+4i)', True), ('5i', '5e^{i\\pi/2}', True), ('-1', 'e^{i\\pi}', True),
    ('1+i', '\\sqrt{2}e^{i\\pi/4}', True), ('1+i', '\\sqrt{2}(\\cos\\frac{\\pi}{4} + i\\sin\\frac{\\pi}{4})', True), ('2i', '\\sqrt{-4}', True), ('i', '-i', False),
    ('\\frac{1}{2} + \\frac{\\sqrt{3}}{2}i', '\\frac{1+i\\sqrt{3}}{2}', True), ('1-2i', '\\frac{5}{1+2i}', True), ('1-2i', '\\frac{5}{1-2i}', False), ('3 + 4i', '5', False),
])

# --- polynomials and expressions
C = 'expressions'
eq(C, [
    ('(x+1)^2', 'x^2+2x+1', True), ('(x+1)^2', 'x^2+2x+2', False), ('x^2-1', '(x-1)(x+1)', True), ('x^2-1', '(x-1)^2', False), ('2\\sqrt{2}', '\\sqrt{8}', True),
    ('\\frac{\\sqrt{2}}{2}', '\\frac{1}{\\sqrt{2}}', True), ('\\sqrt{3}', '\\sqrt{2}', False), ('\\frac{x}{x^2-x}', '\\frac{1}{x-1}', True), ('(a+b)^3', 'a^3+3a^2b+3ab^2+b^3', True),
    ('(a+b)^3', 'a^3+b^3', False), ('2\\pi r', '2r\\pi', True), ('\\pi r^2', '\\pi r^3', False), ('\\ln 8', '3\\ln 2', True), ('\\log_2 8', '3', True),
    ('\\sin^2 x + \\cos^2 x', '1', True), ('\\frac{1}{2}\\sin 2x', '\\sin x \\cos x', True), ('e^{2x}', '(e^x)^2', True), ('xy', 'yx', True), ('x y + 1', '1 + x \\cdot y', True),
    ('3x^2 - 2x', 'x(3x-2)', True), ('3x^2 - 2x', 'x(3x+2)', False), ('\\sqrt[3]{27}', '3', True), ('|x-1|', '|1-x|', True), ('\\frac{n(n+1)}{2}', '\\frac{n^2+n}{2}', True),
    ('2^{n+1}', '2 \\cdot 2^n', True), ('2^{n+1}', '2^n + 1', False),
])

# --- pathological inputs (must answer fast)
C = 'pathological'
add(C, '9^{9^{9^9}}', 'So \\boxed{9^{9^{9^9}}}', True)
add(C, '9^{9^{9^9}}', 'So \\boxed{9^9^9^9}', True)
add(C, '9^{9^{9^9}}', 'So \\boxed{9^{9^{9^8}}}', False)
add(C, '8^{8^{8^8}}', 'So \\boxed{9^{9^{9^9}}}', False)
add(C, '1000000!', '\\boxed{1000000!}', True)
add(C, '1000000!', '\\boxed{999999!}', False)
add(C, '10^{1000000}', '\\boxed{10^{1000000}}', True)
add(C, '10^{1000000}', '\\boxed{10^{1000001}}', False)
add(C, '5', 'x ' * 50000 + 'so \\boxed{5}', True, '100k-character response')
add(C, '5', '\\boxed{' * 5000 + '5', False, 'thousands of unterminated boxes')
add(C, '5', '{' * 10000 + 'the answer is 5', True)
add(C, '5', 'The answer is ' + '(' * 5000 + '5' + ')' * 5000, True)
add(C, '2', '\\boxed{' + '1+' * 3000 + '1}', False, 'huge sum')
add(C, '2', '\\boxed{\\binom{100000000}{50000000}}', False)
add(C, '0', '\\boxed{' + '\\frac{' * 500 + '1' + '}{2}' * 500 + '}', False)
add(C, '7', '<think>' + 'hmm ' * 5000 + '</think> \\boxed{7}', True)
add(C, '2', '\\boxed{1+1' + '+0' * 3000 + '}', True, 'long answer')

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'corpus.jsonl')
with open(out, 'w') as f:
    for index, case in enumerate(cases, 1):
        f.write(json.dumps({'id': index, **case}, ensure_ascii=False) + '\n')
print(len(cases), 'cases')
