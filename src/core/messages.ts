// Provider-neutral conversation history. The model layer converts it to each wire format;
// the journal and compaction work on this shape only.

export interface ToolCallPart {
  id: string;
  name: string;
  /** Parsed arguments, or the raw string when the model sent malformed JSON. */
  input: unknown;
}

export interface ToolResultPart {
  id: string;
  name: string;
  output: string;
  isError: boolean;
}

export type Message =
  | { role: 'user'; content: string }
  | { role: 'assistant'; text: string; reasoning?: string; toolCalls: ToolCallPart[] }
  | { role: 'tool'; results: ToolResultPart[] };
