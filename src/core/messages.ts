// Provider-neutral conversation history. The model layer converts it to each wire format;
// the journal and compaction work on this shape only.

/** Opaque per-provider data that must travel back with a part (thinking signatures, item ids). */
export type ProviderMetadata = Record<string, Record<string, unknown>>;

export interface ToolCallPart {
  id: string;
  name: string;
  /** Parsed arguments, or the raw string when the model sent malformed JSON. */
  input: unknown;
  providerMetadata?: ProviderMetadata;
}

export interface ToolResultPart {
  id: string;
  name: string;
  output: string;
  isError: boolean;
}

export interface ReasoningPart {
  text: string;
  providerMetadata?: ProviderMetadata;
}

export type Message =
  | { role: 'user'; content: string }
  | { role: 'assistant'; text: string; reasoning: ReasoningPart[]; toolCalls: ToolCallPart[] }
  | { role: 'tool'; results: ToolResultPart[] };
