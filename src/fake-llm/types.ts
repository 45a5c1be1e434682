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
}

export interface FakeLlmServer {
  /** http://HOST:PORT, without /v1. */
  url: string;
  /** Every protocol request received so far, in order. */
  requests: RecordedRequest[];
  /** Stops listening and ends open and hanging requests. */
  close(): Promise<void>;
}
