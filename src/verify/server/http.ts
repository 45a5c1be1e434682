// HTTP plumbing of the reward server: errors that become JSON responses, the size-limited body
// reader, zod parsing that names the offending field, and the constant-time bearer-token check.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';

export class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  readonly hint: string | undefined;
  readonly field: string | undefined;
  readonly headers: Readonly<Record<string, string>>;

  constructor(status: number, code: string, message: string, options: { hint?: string; field?: string; headers?: Record<string, string> } = {}) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
    this.hint = options.hint;
    this.field = options.field;
    this.headers = options.headers ?? {};
  }

  toJSON(): { error: { code: string; message: string; hint?: string; field?: string } } {
    return { error: { code: this.code, message: this.message, ...(this.hint ? { hint: this.hint } : {}), ...(this.field !== undefined ? { field: this.field } : {}) } };
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): void {
  send(res, status, JSON.stringify(body), 'application/json; charset=utf-8', headers);
}

export function send(res: ServerResponse, status: number, text: string, contentType: string, headers: Readonly<Record<string, string>> = {}): void {
  const body = Buffer.from(text, 'utf8');
  res.writeHead(status, { 'content-type': contentType, 'content-length': String(body.length), ...headers });
  res.end(body);
}

/** The request body as JSON; 413 past `maxBytes` (checked on content-length first), 400 when not JSON. */
export async function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  const tooLarge = (): HttpError =>
    new HttpError(413, 'body-too-large', `the request body is larger than ${formatBytes(maxBytes)}`, {
      hint: 'split the batch into smaller requests, or start the server with a larger --max-body-mb',
      headers: { connection: 'close' },
    });
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > maxBytes) throw tooLarge();
    chunks.push(buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') throw new HttpError(400, 'invalid-json', 'the request body is empty', { hint: 'send a JSON object with content-type: application/json' });
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new HttpError(400, 'invalid-json', `the request body is not JSON: ${(error as Error).message}`, { hint: 'send a JSON object with content-type: application/json' });
  }
}

/** Parses `value` with `schema`; a failure is a 400 naming the first offending field (e.g. items.3.gold). */
export function parseWith<Schema extends z.ZodType>(schema: Schema, value: unknown, prefix: readonly (string | number)[] = []): z.output<Schema> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = [...prefix, ...(issue?.path ?? [])].map(String).join('.');
  const message = issue ? `${field === '' ? 'body' : field}: ${issue.message}` : 'the request body does not match the endpoint\'s schema';
  const more = result.error.issues.length > 1 ? ` (and ${result.error.issues.length - 1} more problem${result.error.issues.length > 2 ? 's' : ''})` : '';
  return fail(new HttpError(400, 'invalid-request', `${message}${more}`, { field, hint: 'see docs/reward-server.md for the request shapes' }));
}

function fail(error: HttpError): never {
  throw error;
}

/** Constant-time comparison of an `Authorization: Bearer …` header with the server's token. */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const presented = /^Bearer\s+(.+)$/i.exec(header?.trim() ?? '')?.[1] ?? '';
  // Hashing first gives equal lengths, so timingSafeEqual leaks neither content nor length.
  const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(presented), digest(token)) && presented.length > 0;
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${+(bytes / (1024 * 1024)).toFixed(2)} MB` : `${bytes} bytes`;
}
