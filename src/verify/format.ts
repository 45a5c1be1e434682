// The format verifier: a response earns reward 1 when it matches a regex and/or parses as JSON
// valid against a JSON schema (format rewards). The schema is converted with zod's fromJSONSchema.
import { z } from 'zod';
import { SummonError } from '../core/errors.js';
import type { Verdict, Verifier } from '../core/verify.js';

export interface FormatSpec {
  /** A JavaScript regular expression the whole response must match somewhere (use ^…$ to anchor). */
  regex?: string;
  /** A JSON schema the response, parsed as JSON, must satisfy. */
  jsonSchema?: object;
  /** Verifier name (default "format"). */
  name?: string;
}

const MAX_RESPONSE_CHARS = 1_000_000;

export function formatVerifier(spec: FormatSpec): Verifier {
  if (spec.regex === undefined && spec.jsonSchema === undefined) {
    throw new SummonError('config-invalid', 'a format verifier needs a regex or a jsonSchema', { hint: 'give "regex": "^\\\\d+$" or "jsonSchema": {"type": "object", …}' });
  }
  let pattern: RegExp | undefined;
  if (spec.regex !== undefined) {
    try {
      // The pattern comes from the project's own configuration, not from model output.
      pattern = new RegExp(spec.regex, 'u');
    } catch (error) {
      throw new SummonError('config-invalid', `format verifier: invalid regex ${JSON.stringify(spec.regex)}: ${(error as Error).message}`, { hint: 'write a JavaScript regular expression, escaped for JSON' });
    }
  }
  let schema: z.ZodType | undefined;
  if (spec.jsonSchema !== undefined) {
    try {
      schema = z.fromJSONSchema(spec.jsonSchema as Parameters<typeof z.fromJSONSchema>[0]);
    } catch (error) {
      throw new SummonError('config-invalid', `format verifier: unsupported JSON schema: ${(error as Error).message}`, { hint: 'use the common subset: type, properties, required, items, enum' });
    }
  }
  return {
    name: spec.name ?? 'format',
    async run(target): Promise<Verdict> {
      const response = target.response;
      if (response === undefined) return fail('no response to check');
      if (response.length > MAX_RESPONSE_CHARS) return fail(`the response is ${response.length} characters, over the ${MAX_RESPONSE_CHARS} limit`);
      if (pattern && !pattern.test(response)) return fail(`the response does not match /${spec.regex}/`);
      if (schema) {
        const json = parseJson(response);
        if (!json.ok) return fail(`the response is not JSON: ${json.message}`);
        const result = schema.safeParse(json.value);
        if (!result.success) {
          const problems = result.error.issues.slice(0, 5).map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`);
          return fail(`the JSON does not match the schema: ${problems.join('; ')}`, result.error.issues);
        }
      }
      return { reward: 1, passed: true, summary: `format: ok (${[pattern ? 'regex' : '', schema ? 'JSON schema' : ''].filter(Boolean).join(' and ')})` };
    },
  };
}

function fail(reason: string, details?: unknown): Verdict {
  return { reward: 0, passed: false, summary: `format: ${reason}`, ...(details === undefined ? {} : { details }) };
}

/** JSON from a response, also when a model wrapped it in a ```json fence. */
function parseJson(response: string): { ok: true; value: unknown } | { ok: false; message: string } {
  const fenced = /^\s*```(?:json)?\s*\n([\s\S]*?)\n\s*```\s*$/.exec(response);
  try {
    return { ok: true, value: JSON.parse(fenced ? fenced[1]! : response) };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}
