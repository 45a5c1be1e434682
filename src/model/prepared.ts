// A model ready to be called: its id, wire protocol and provider, its table entry, and the AI SDK
// language model. The session core prepares it (src/agent/setup.ts); the loop calls it.
import type { LanguageModelV3 } from '@ai-sdk/provider';
import type { ModelInfo } from '../core/config.js';
import type { Wire } from './thinking.js';

export interface PreparedModel {
  id: string;
  wire: Wire;
  providerName: string;
  info: ModelInfo;
  language: LanguageModelV3;
}
