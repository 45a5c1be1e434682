// A fake LLM server speaking the real OpenAI Chat, OpenAI Responses, Anthropic Messages and Gemini wire formats,
// driven by a script, recording every request. Tests, `summon demo` and end-to-end runs use it.
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
export type { FakeLlmServer, FakeProtocol, RecordedRequest } from './types.js';
