// The contract each wire format implements: where it listens, its JSON reply, its stream, its error body.
import type { ResolvedReply } from './reply.js';
import type { SseEvent } from './sse.js';
import type { FakeProtocol } from './types.js';

export interface ProtocolAdapter {
  protocol: FakeProtocol;
  /** POST path, including /v1; a pattern for wire formats that name the model in the path (Gemini). */
  path: string | RegExp;
  /** Prefix of generated tool-call ids, as the real API spells them. */
  toolIdPrefix: string;
  /** Response header carrying a request id. */
  requestIdHeader: string;
  /** Whether the request asks for a stream; by default the body's `"stream": true`. */
  wantsStream?(path: string, body: unknown): boolean;
  /** The model the request names, when not in the body's `model`. */
  modelOf?(path: string): string | undefined;
  json(reply: ResolvedReply): unknown;
  events(reply: ResolvedReply, body: unknown): SseEvent[];
  /** The provider's error JSON for this status. */
  error(status: number, message: string): unknown;
}

/** What the real APIs say for common statuses, when a fault gives no message of its own. */
export function defaultErrorMessage(status: number, model: string): string {
  switch (status) {
    case 400:
      return 'fake-llm: invalid request';
    case 401:
      return 'fake-llm: invalid API key';
    case 403:
      return 'fake-llm: permission denied';
    case 404:
      return `fake-llm: the model \`${model}\` does not exist or you do not have access to it`;
    case 429:
      return 'fake-llm: rate limit reached, please try again later';
    case 529:
      return 'fake-llm: overloaded';
    default:
      return status >= 500 ? 'fake-llm: the server had an error while processing your request' : `fake-llm: HTTP ${status}`;
  }
}
