// Converts summon's provider-neutral history into the AI SDK's language-model prompt format.
import type { LanguageModelV3Message, LanguageModelV3Prompt, SharedV3ProviderOptions } from '@ai-sdk/provider';
import type { Message } from '../core/messages.js';

export function toModelPrompt(system: string, messages: readonly Message[]): LanguageModelV3Prompt {
  const prompt: LanguageModelV3Message[] = [{ role: 'system', content: system }];
  for (const message of messages) {
    if (message.role === 'user') {
      prompt.push({ role: 'user', content: [{ type: 'text', text: message.content }] });
    } else if (message.role === 'assistant') {
      const content: Extract<LanguageModelV3Message, { role: 'assistant' }>['content'] = [];
      for (const part of message.reasoning) {
        content.push({ type: 'reasoning', text: part.text, ...providerOptions(part.providerMetadata) });
      }
      if (message.text) content.push({ type: 'text', text: message.text });
      for (const call of message.toolCalls) {
        content.push({
          type: 'tool-call',
          toolCallId: call.id,
          toolName: call.name,
          // A malformed call is replayed as an empty object: the error result that follows explains it.
          input: isObject(call.input) ? call.input : {},
          ...providerOptions(call.providerMetadata),
        });
      }
      // Providers reject an assistant turn with no content at all.
      if (content.length === 0) content.push({ type: 'text', text: '(no output)' });
      prompt.push({ role: 'assistant', content });
    } else {
      prompt.push({
        role: 'tool',
        content: message.results.map((result) => ({
          type: 'tool-result' as const,
          toolCallId: result.id,
          toolName: result.name,
          output: result.isError ? { type: 'error-text' as const, value: result.output } : { type: 'text' as const, value: result.output },
        })),
      });
    }
  }
  return prompt;
}

function providerOptions(metadata: Record<string, Record<string, unknown>> | undefined): { providerOptions?: SharedV3ProviderOptions } {
  return metadata ? { providerOptions: metadata as SharedV3ProviderOptions } : {};
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
