// Standard output against the expected output: line by line after CRLF→LF and trailing-whitespace
// trimming; extra or missing lines fail (trailing empty lines are not lines).

export function normalizeOutput(text: string): string[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n').map((line) => line.trimEnd());
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

export function outputMatches(actual: string, expected: string): boolean {
  const got = normalizeOutput(actual);
  const want = normalizeOutput(expected);
  return got.length === want.length && got.every((line, index) => line === want[index]);
}

/** The sentinel line removed from the output; `found` says whether it was there. */
export function takeSentinel(stdout: string, sentinel: string): { found: boolean; stdout: string } {
  const marker = `\n${sentinel}\n`;
  const index = stdout.lastIndexOf(marker);
  if (index < 0) return { found: false, stdout };
  return { found: true, stdout: stdout.slice(0, index) + stdout.slice(index + marker.length) };
}
