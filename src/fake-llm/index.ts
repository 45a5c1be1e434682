// A fake LLM server speaking the real OpenAI Chat, OpenAI Responses, Anthropic Messages and Gemini wire formats,
// driven by a script, recording every request. Tests, `summon demo` and end-to-end runs use it.
//
// Prompt caching (`startFakeLlm({ caching })`, on by default; cache.ts): each server simulates the
// provider's cache over the prompt's blocks (tools → system → messages, a token estimate each) and
// reports it in the wire's own usage fields — Anthropic's explicit `cache_control` breakpoints (at most
// 4, else a 400; 20-block lookback; 1024-token minimum, 2048 for Haiku) as input_tokens /
// cache_creation_input_tokens / cache_read_input_tokens; OpenAI's automatic cache per prompt_cache_key
// (from 1024 tokens, in steps of 128) as cached_tokens; Gemini's implicit cache (1024 tokens, 4096 for
// Pro) as cachedContentTokenCount. Each served request records the outcome as `request.cache`. A script
// naming inputTokens, cachedInputTokens or cacheWriteTokens overrides the simulated figures.
export { startFakeLlm, type StartFakeLlmOptions } from './server.js';
export {
  fakeReplySchema,
  fakeScriptSchema,
  parseFakeScript,
  type FakeFault,
  type FakeReply,
  type FakeScript,
  type FakeToolCall,
} from './script.js';
export type { CacheOutcome } from './cache.js';
export type { FakeLlmServer, FakeProtocol, RecordedRequest } from './types.js';
