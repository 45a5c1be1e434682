// The reward server's options, checked with zod so a bad value fails with the option's name.
import { z } from 'zod';
import { SummonError } from '../../core/errors.js';
import type { RewardVerifiers } from './ports.js';

export const rewardServerOptionsSchema = z.object({
  host: z.string().min(1),
  /** 0 picks a free port (tests); the URL returned says which. */
  port: z.number().int().min(0).max(65_535),
  /** Bearer token every endpoint but /healthz requires; none: open (bind to 127.0.0.1 then). */
  token: z.string().min(1).optional(),
  /** Verifications running at once. */
  concurrency: z.number().int().min(1).max(4096),
  /** Verifications allowed to wait; past this, requests get 429. */
  queueLimit: z.number().int().min(0).max(1_000_000),
  maxBodyBytes: z.number().int().min(1),
  /** After close(), how long running requests may finish before their work is aborted (default 30 s). */
  closeGraceMs: z.number().int().min(0).optional(),
  /** Load the CAS before listening, so the first request is fast (default: when the real math verifier is used). */
  warmUp: z.boolean().optional(),
});

export type RewardServerOptions = z.input<typeof rewardServerOptionsSchema> & { verifiers?: RewardVerifiers };

export function checkOptions(options: RewardServerOptions): z.output<typeof rewardServerOptionsSchema> {
  const { verifiers: _verifiers, ...rest } = options;
  const result = rewardServerOptionsSchema.safeParse(rest);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.join('.') ?? '';
  throw new SummonError('usage', `invalid reward server option ${field}: ${issue?.message ?? 'invalid'}`, { hint: 'e.g. { host: "127.0.0.1", port: 8700, concurrency: 2, queueLimit: 1024, maxBodyBytes: 32 * 1024 * 1024 }' });
}
