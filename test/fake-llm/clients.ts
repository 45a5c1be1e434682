// The real AI SDK clients, pointed at a fake LLM server: one entry per wire format the server speaks.
import { createAnthropic } from '@ai-sdk/anthropic';
import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { LanguageModel } from 'ai';
import type { FakeProtocol } from '../../src/fake-llm/index.js';

export interface FakeClient {
  name: string;
  protocol: FakeProtocol;
  path: string;
  /** Whether this client surfaces reasoning at all (the official OpenAI chat client ignores reasoning_content). */
  readsReasoning: boolean;
  /** Whether tool arguments arrive in several deltas (Gemini sends each call's args whole, as one object). */
  splitsToolInput: boolean;
  model: (url: string) => LanguageModel;
}

export const fakeClients: FakeClient[] = [
  {
    name: 'openai chat',
    protocol: 'openai-chat',
    path: '/v1/chat/completions',
    readsReasoning: false,
    splitsToolInput: true,
    model: (url) => createOpenAI({ baseURL: `${url}/v1`, apiKey: 'test' }).chat('fake-model'),
  },
  {
    name: 'openai responses',
    protocol: 'openai-responses',
    path: '/v1/responses',
    readsReasoning: true,
    splitsToolInput: true,
    model: (url) => createOpenAI({ baseURL: `${url}/v1`, apiKey: 'test' }).responses('fake-model'),
  },
  {
    name: 'anthropic',
    protocol: 'anthropic',
    path: '/v1/messages',
    readsReasoning: true,
    splitsToolInput: true,
    model: (url) => createAnthropic({ baseURL: `${url}/v1`, apiKey: 'test' })('fake-model'),
  },
  {
    name: 'openai-compatible',
    protocol: 'openai-chat',
    path: '/v1/chat/completions',
    readsReasoning: true,
    splitsToolInput: true,
    model: (url) => createOpenAICompatible({ name: 'x', baseURL: `${url}/v1`, apiKey: 'test', includeUsage: true }).chatModel('fake-model'),
  },
  {
    name: 'google',
    protocol: 'google',
    path: '/v1beta/models/fake-model:streamGenerateContent',
    readsReasoning: true,
    splitsToolInput: false,
    model: (url) => createGoogleGenerativeAI({ baseURL: `${url}/v1beta`, apiKey: 'test' })('fake-model'),
  },
];
