// Turns zod issues into lines a person can act on: where, what was found, what is expected.
import { z } from 'zod';
import { SummonError } from '../core/errors.js';
import { formatPath, valueAt, type PathSegment } from './paths.js';
import { isSecretPath, maskSecret } from './secrets.js';

type Issue = z.core.$ZodIssue;

/** Names a field in a message; the environment layer names the variable instead. */
export type FieldNamer = (segments: readonly PathSegment[]) => string;

const defaultNamer: FieldNamer = (segments) => (segments.length === 0 ? '(top level)' : formatPath(segments));

/** One line per problem; an unknown key gets a line of its own. */
export function describeIssues(issues: readonly Issue[], input: unknown, schema: z.ZodType, nameField: FieldNamer = defaultNamer): string[] {
  const lines: string[] = [];
  for (const issue of issues) {
    const segments = issue.path.filter((segment): segment is PathSegment => typeof segment !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeys(schema, segments);
      for (const key of issue.keys) lines.push(`${nameField([...segments, key])}: ${unknownField(key, known)}`);
      continue;
    }
    const found = valueAt(input, segments);
    lines.push(`${nameField(segments)}: found ${describeFound(found, segments, issue.code === 'invalid_type')}, ${expectation(issue)}`);
  }
  return lines;
}

/** The one error for a layer that failed validation or parsing. */
export function configInvalid(where: string, lines: readonly string[], hint: string): SummonError {
  const message =
    lines.length === 1
      ? `Invalid configuration in ${where}: ${lines[0]}`
      : `Invalid configuration in ${where} (${lines.length} problems):\n${lines.map((line) => `  - ${line}`).join('\n')}`;
  return new SummonError('config-invalid', message, { hint });
}

function unknownField(key: string, known: readonly string[]): string {
  const suggestion = closest(key, known);
  if (suggestion) return `unknown field '${key}', did you mean '${suggestion}'?`;
  return known.length > 0 ? `unknown field '${key}' (known fields: ${known.join(', ')})` : `unknown field '${key}'`;
}

const MAX_SHOWN = 60;

function describeFound(value: unknown, segments: readonly PathSegment[], withKind: boolean): string {
  if (value === undefined) return 'nothing';
  if (isSecretPath(segments) && value !== '') return maskSecret(value);
  const json = JSON.stringify(value) ?? String(value);
  const shown = json.length > MAX_SHOWN ? `${json.slice(0, MAX_SHOWN - 1)}…` : json;
  return withKind ? `${shown} (${kindOf(value)})` : shown;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

const TYPE_NAMES: Record<string, string> = {
  int: 'an integer',
  number: 'a number',
  string: 'a string',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  record: 'an object',
};

function expectation(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
    case 'too_small':
      return `expected ${bound(issue.origin, issue.inclusive ? '>=' : '>', issue.minimum)}`;
    case 'too_big':
      return `expected ${bound(issue.origin, issue.inclusive ? '<=' : '<', issue.maximum)}`;
    case 'invalid_format':
      if (issue.format === 'url') return 'expected a URL such as "https://api.example.com/v1"';
      if (issue.message.startsWith('expected')) return issue.message;
      return issue.pattern ? `expected text matching ${issue.pattern}` : `expected a valid ${issue.format}`;
    case 'not_multiple_of':
      return `expected a multiple of ${String(issue.divisor)}`;
    case 'invalid_union': {
      const alternatives = issue.errors
        .map((branch) => (branch[0] ? expectation(branch[0]).replace(/^expected /, '') : undefined))
        .filter((text): text is string => text !== undefined);
      return alternatives.length > 0 ? `expected ${[...new Set(alternatives)].join(' or ')}` : issue.message;
    }
    default:
      return issue.message;
  }
}

function bound(origin: string, operator: string, limit: number | bigint | undefined): string {
  const value = String(limit);
  if (origin === 'string') return operator === '>=' && value === '1' ? 'a non-empty string' : `a string of ${operator} ${value} characters`;
  if (origin === 'array' || origin === 'set') return `a list of ${operator} ${value} items`;
  return `a number ${operator} ${value}`;
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  while (current instanceof z.ZodOptional || current instanceof z.ZodNullable || current instanceof z.ZodDefault) {
    current = current.unwrap() as z.ZodType;
  }
  return current;
}

/** The field names the schema allows at a path (for "did you mean"). */
export function knownKeys(schema: z.ZodType, segments: readonly PathSegment[]): string[] {
  let current: z.ZodType | undefined = unwrap(schema);
  for (const segment of segments) {
    if (current instanceof z.ZodObject) {
      const shape = current.shape as Record<string, z.ZodType | undefined>;
      current = shape[String(segment)];
    } else if (current instanceof z.ZodRecord) current = current.valueType as z.ZodType;
    else return [];
    if (current === undefined) return [];
    current = unwrap(current);
  }
  return current instanceof z.ZodObject ? Object.keys(current.shape) : [];
}

/** The known name nearest to `name`, if it is close enough to be a likely typo. */
export function closest(name: string, candidates: readonly string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = candidate.toLowerCase() === name.toLowerCase() ? 0 : levenshtein(name.toLowerCase(), candidate.toLowerCase());
    if (!best || distance < best.distance) best = { name: candidate, distance };
  }
  if (!best) return undefined;
  return best.distance <= Math.max(1, Math.floor(best.name.length / 3)) ? best.name : undefined;
}

function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
