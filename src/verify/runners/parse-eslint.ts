// Parses ESLint's output formats: json (an array of file results), stylish (the default: a path line
// followed by indented "line:col  severity  message  rule" rows) and unix ("file:l:c: msg [Error/rule]").
import { z } from 'zod';
import { plain } from './text.js';
import type { Diagnostic } from './types.js';

const eslintJsonSchema = z.array(
  z.object({
    filePath: z.string(),
    messages: z.array(
      z.object({ ruleId: z.string().nullable().optional(), severity: z.number(), message: z.string(), line: z.number().optional(), column: z.number().optional() }),
    ),
  }),
);

export function parseEslintJson(output: string): Diagnostic[] | undefined {
  const start = output.indexOf('[');
  if (start < 0) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(output.slice(start));
  } catch {
    return undefined;
  }
  const parsed = eslintJsonSchema.safeParse(value);
  if (!parsed.success) return undefined;
  return parsed.data.flatMap((file) =>
    file.messages.map((message) => ({
      file: file.filePath,
      line: message.line ?? 0,
      column: message.column ?? 0,
      message: message.message,
      code: message.ruleId ?? '',
      severity: message.severity >= 2 ? ('error' as const) : ('warning' as const),
    })),
  );
}

export function parseEslintStylish(output: string): Diagnostic[] {
  const found: Diagnostic[] = [];
  let file: string | undefined;
  for (const line of plain(output).split('\n')) {
    const row = /^\s+(\d+):(\d+)\s+(error|warning)\s+(.+?)(?:\s{2,}(\S+))?\s*$/.exec(line);
    if (row && file) {
      found.push({ file, line: Number(row[1]), column: Number(row[2]), severity: row[3] as 'error' | 'warning', message: row[4]!, code: row[5] ?? '' });
      continue;
    }
    if (/^\S/.test(line) && !line.startsWith('✖') && line.trim() !== '') file = line.trim();
  }
  return found;
}

export function parseEslintUnixLine(line: string): Diagnostic | undefined {
  const match = /^(.+?):(\d+):(\d+): (.*) \[(Error|Warning)(?:\/(\S+))?\]$/.exec(line);
  if (!match) return undefined;
  return { file: match[1]!, line: Number(match[2]), column: Number(match[3]), message: match[4]!, code: match[6] ?? '', severity: match[5] === 'Error' ? 'error' : 'warning' };
}
