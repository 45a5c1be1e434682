// One attempt's trajectory as training data: the task, the conversation, the final answer, its
// verifier rewards and group-relative advantage, and what it cost. The zod schema is the on-disk
// contract of the trajectory store (one JSON object per line).
import { z } from 'zod';
import { exitReasonSchema, messageSchema, usageSchema } from '../core/events.js';

export const trajectorySchema = z.object({
  version: z.literal(1),
  /** `${groupId}-${attempt}`. */
  id: z.string(),
  groupId: z.string(),
  /** 1-based index within the group. */
  attempt: z.number().int().positive(),
  groupSize: z.number().int().positive(),
  task: z.string(),
  system: z.string(),
  /** The conversation as the loop recorded it, the task first. */
  messages: z.array(messageSchema),
  finalAnswer: z.string(),
  /** Reward per verifier name, each 0..1. */
  rewards: z.record(z.string(), z.number()),
  reward: z.number(),
  passed: z.boolean(),
  advantage: z.number(),
  advantageKind: z.enum(['grpo', 'dr-grpo']),
  /** A reference answer when the task has one (math gold, expected output); verl's ground_truth. */
  reference: z.string().optional(),
  /** The attempt's change as a git patch (empty when it changed nothing). */
  diff: z.string(),
  model: z.string(),
  usage: usageSchema,
  costUsd: z.number().nonnegative(),
  turns: z.number().int().nonnegative(),
  exitReason: exitReasonSchema,
  startedAt: z.string(),
  endedAt: z.string(),
});
export type Trajectory = z.infer<typeof trajectorySchema>;
