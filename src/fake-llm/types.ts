// Shapes the fake LLM server shares with its tests: what a recorded request looks like, and the handle.

export type FakeProtocol = 'openai-chat' | 'openai-responses' | 'anthropic' | 'google';

export interface RecordedRequest {
  /** Position among all recorded requests, from 0. */
  index: number;
  protocol: FakeProtocol;
  method: string;
  path: string;
  /** Header names lower-cased; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** The parsed JSON body, or the raw text when it was not valid JSON. */
  body: unknown;
  stream: boolean;
  /** Date.now() when the request body had been read. */
  receivedAt: number;
  /**
   * What the simulated prompt cache did for this request (token estimates): tokens read from and
   * written to the cache, all prompt tokens (read and written ones included) and the request's
   * `cache_control` breakpoints (Anthropic; 0 elsewhere). Absent when caching is off, or when the
   * request was not served (invalid body, rejected cache markers, a status/reset/hang fault).
   */
  cache?: { readTokens: number; writeTokens: number; inputTokens: number; breakpoints: number };
}

export interface FakeLlmServer {
  /** http://HOST:PORT, without /v1. */
  url: string;
  /** Every protocol request received so far, in order. */
  requests: RecordedRequest[];
  /** Stops listening and ends open and hanging requests. */
  close(): Promise<void>;
}
