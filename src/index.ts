// summon as a library: the agent loop, its tools, the model layer and configuration, with no
// terminal I/O. The CLI in src/cli is one thin consumer of this.
export { runAgent, type RunOptions, type RunSummary } from './agent/run.js';
export { prepareModel, prepareSystemPrompt, resolveWorkspace, type PreparedModel } from './agent/setup.js';
export { buildSystemPrompt, findProjectInstructions } from './agent/prompt.js';
export { loadConfig, renderConfig, renderConfigJson } from './config/index.js';
export { configSchema, configLayerSchema, DEFAULT_CONFIG, type Config, type ConfigLayer, type ModelInfo, type ThinkLevel } from './core/config.js';
export { SummonError, type ErrorCode } from './core/errors.js';
export { agentEventSchema, messageSchema, type AgentEvent, type ExitReason, type Usage } from './core/events.js';
export type { Message } from './core/messages.js';
export type { Tool, ToolContext, ToolKind, ToolResult, SpawnPort } from './core/tool.js';
export { resolveModelInfo, listModels } from './model/catalog.js';
export { costOf } from './model/cost.js';
export { BUILTIN_PROVIDERS, resolveProvider, createLanguageModel } from './model/providers.js';
export { openJournal, newSessionId } from './session/journal.js';
export { sessionsDir } from './session/paths.js';
export { builtinTools, createToolRegistry, defaultSpawn } from './tools/index.js';
export { startFakeLlm, type FakeLlmServer, type FakeReply, type FakeScript } from './fake-llm/index.js';
