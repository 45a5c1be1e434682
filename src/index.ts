// summon as a library. The session core is the one door: createSession / resumeSession assemble a
// run (config, provider, safety, guard, verifiers, context, journal) and each session.run(task)
// yields the AgentEvent stream. Everything else exported here is data shapes and building blocks
// that assemble nothing: config, the model table, tools, and the fake LLM server for tests.
export { createSession, resumeSession, type Session, type SessionOptions, type RunOptions } from './session/session.js';
export { runGroupSession, type GroupSessionOptions } from './session/group.js';
export { replayJournal, type JournalReplay } from './session/replay.js';
export { sessionsDir } from './session/paths.js';
export type { ApprovalAnswer, ApprovalRequest, ApprovalSource, Approve } from './core/approval.js';
export { summaryOf, type DoneEvent, type RunSummary } from './core/summary.js';
export { agentEventSchema, messageSchema, type AgentEvent, type AuditFinding, type ExitReason, type Usage, type Verification } from './core/events.js';
export type { Message, ToolCallPart, ToolResultPart, ReasoningPart } from './core/messages.js';
export type { Tool, ToolContext, ToolKind, ToolResult, SpawnPort } from './core/tool.js';
export type { BeforeFileChange, FileChange, FileStat, FileSystemPort } from './core/fs-port.js';
export type { BeforeToolCall, AfterToolCall, DoneGate, TransformHistory, LoopHooks } from './agent/hooks.js';
export { loadConfig, renderConfig, renderConfigJson } from './config/index.js';
export { configSchema, configLayerSchema, DEFAULT_CONFIG, type Config, type ConfigLayer, type ModelInfo, type ThinkLevel } from './core/config.js';
export { SummonError, type ErrorCode } from './core/errors.js';
export { resolveModelInfo, listModels } from './model/catalog.js';
export { costOf } from './model/cost.js';
export { builtinTools, createToolRegistry, defaultSpawn, createRealFileSystem, realFileSystem } from './tools/index.js';
export { startFakeLlm, type FakeLlmServer, type FakeReply, type FakeScript } from './fake-llm/index.js';
