// Provider-neutral conversation history: the one Message type. The model layer converts it to each
// wire format; the journal, compaction and resume work on this shape only. The zod schema is checked
// against the type, so the two cannot drift apart.
import { z } from 'zod';

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

const providerMetadataSchema = z.record(z.string(), z.record(z.string(), z.unknown()));

/** A message added to the conversation; the journal's messages rebuild the history on resume. */
export const messageSchema: z.ZodType<Message> = z.discriminatedUnion('role', [
  z.object({ role: z.literal('user'), content: z.string() }),
  z.object({
    role: z.literal('assistant'),
    text: z.string(),
    reasoning: z.array(z.object({ text: z.string(), providerMetadata: providerMetadataSchema.optional() })),
    toolCalls: z.array(z.object({ id: z.string(), name: z.string(), input: z.unknown(), providerMetadata: providerMetadataSchema.optional() })),
  }),
  z.object({
    role: z.literal('tool'),
    results: z.array(z.object({ id: z.string(), name: z.string(), output: z.string(), isError: z.boolean() })),
  }),
]);
