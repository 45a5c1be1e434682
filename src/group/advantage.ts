// Group-relative advantages: how much better each attempt did than its siblings on the same task.
// GRPO (DeepSeekMath): Aᵢ = (rᵢ − mean(r)) / (std(r) + ε). Dr. GRPO drops the std division,
// Aᵢ = rᵢ − mean(r), which removes the bias toward groups of nearly equal rewards. std is the population
// standard deviation (TRL's torch.std is the sample one: a factor √(N/(N−1)) apart, same ranking).
export type AdvantageKind = 'grpo' | 'dr-grpo';

export const DEFAULT_EPSILON = 1e-4;

export function groupAdvantages(rewards: readonly number[], kind: AdvantageKind = 'grpo', epsilon = DEFAULT_EPSILON): number[] {
  if (rewards.length === 0) return [];
  const mean = rewards.reduce((sum, reward) => sum + reward, 0) / rewards.length;
  if (kind === 'dr-grpo') return rewards.map((reward) => reward - mean);
  const std = Math.sqrt(rewards.reduce((sum, reward) => sum + (reward - mean) ** 2, 0) / rewards.length);
  return rewards.map((reward) => (reward - mean) / (std + epsilon));
}
