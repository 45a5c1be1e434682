// An HTTP response body as it was sent, before content encoding: gzip, deflate and br are undone;
// other encodings come back as they are (callers decide whether that is an error). zlib loads on use.
import type { IncomingMessage } from 'node:http';
import type * as Zlib from 'node:zlib';
import { lazyBuiltin } from './lazy-builtin.js';

const zlib = lazyBuiltin<typeof Zlib>('node:zlib');

/** The response's content encoding when it is one this module undoes (or none), else the encoding's name. */
export function unsupportedEncoding(response: IncomingMessage): string | undefined {
  const encoding = contentEncoding(response);
  return encoding === '' || encoding === 'identity' || encoding === 'gzip' || encoding === 'x-gzip' || encoding === 'deflate' || encoding === 'br' ? undefined : encoding;
}

export function decompressed(response: IncomingMessage): NodeJS.ReadableStream {
  const encoding = contentEncoding(response);
  const decoder =
    encoding === 'gzip' || encoding === 'x-gzip' ? zlib().createGunzip() : encoding === 'deflate' ? zlib().createInflate() : encoding === 'br' ? zlib().createBrotliDecompress() : undefined;
  if (!decoder) return response;
  response.on('error', (error) => decoder.destroy(error));
  return response.pipe(decoder);
}

function contentEncoding(response: IncomingMessage): string {
  return String(response.headers['content-encoding'] ?? '').trim().toLowerCase();
}
