// The reward server (issue 3, section 5): summon's verifiers over HTTP for TRL, OpenRLHF and verl.
export { createRewardServer, REWARD_ENDPOINTS, type RewardServer } from './server.js';
export type { RewardServerOptions } from './options.js';
export type { CodePort, MathOutcome, MathPort, ProgramPort, ProgramResult, ProgramRun, RewardVerifiers } from './ports.js';
export { verifyRequestSchema, type VerifyRequest, type VerifyResult } from './native-endpoint.js';
export { getRewardRequestSchema, type GetRewardResponse } from './openrlhf-endpoint.js';
export { runCodeRequestSchema, type RunCodeResponse } from './sandbox-fusion-endpoint.js';
export { computeScoreRequestSchema, isCodeDataSource, type ComputeScoreResponse } from './compute-score-endpoint.js';
export { extractProgram, stripPrompt } from './response-text.js';
