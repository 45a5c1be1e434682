// Trajectories in the dataset shapes trainers document:
// - trl: conversational prompt-completion (`prompt` and `completion` as role/content message lists;
//   assistant tool calls as `tool_calls`, tool results as role "tool" messages) plus `reward`.
// - openrlhf: `input` (the task) / `output` (the final answer) / `reward` / `label`, with the whole
//   conversation under `context_messages` for `--input_key context_messages --apply_chat_template`.
// - verl: the JSON Lines equivalent of verl's RL parquet rows (no parquet writer here): `data_source`,
//   `prompt` (role/content list), `ability`, `reward_model: {style: "rule", ground_truth}`, `extra_info`.
// - jsonl: the stored record unchanged.
// Every row carries the group id, the attempt index, the advantage and the per-verifier rewards.
import type { Message } from '../core/messages.js';
import type { Trajectory } from './trajectory.js';

export type ExportFormat = 'trl' | 'openrlhf' | 'verl' | 'jsonl';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['trl', 'openrlhf', 'verl', 'jsonl'];

export type ChatMessage =
  | { role: 'system' | 'user'; content: string }
  | { role: 'assistant'; content: string; tool_calls?: { type: 'function'; id: string; function: { name: string; arguments: unknown } }[] }
  | { role: 'tool'; name: string; tool_call_id: string; content: string };

/** The prompt as chat messages: the system prompt, then the task. */
export function promptMessages(record: Trajectory): ChatMessage[] {
  return [
    { role: 'system', content: record.system },
    { role: 'user', content: record.task },
  ];
}

/** Everything after the task, in the OpenAI-style chat shape chat templates accept. */
export function completionMessages(record: Trajectory): ChatMessage[] {
  const first = record.messages.findIndex((message) => message.role === 'user');
  return record.messages.slice(first + 1).flatMap(toChat);
}

function toChat(message: Message): ChatMessage[] {
  if (message.role === 'user') return [{ role: 'user', content: message.content }];
  if (message.role === 'tool') return message.results.map((result) => ({ role: 'tool' as const, name: result.name, tool_call_id: result.id, content: result.output }));
  return [
    {
      role: 'assistant',
      content: message.text,
      ...(message.toolCalls.length > 0
        ? { tool_calls: message.toolCalls.map((call) => ({ type: 'function' as const, id: call.id, function: { name: call.name, arguments: call.input } })) }
        : {}),
    },
  ];
}

function groupFields(record: Trajectory) {
  return { group_id: record.groupId, attempt: record.attempt, advantage: record.advantage, rewards: record.rewards };
}

export function toRow(record: Trajectory, format: ExportFormat, index: number): unknown {
  switch (format) {
    case 'jsonl':
      return record;
    case 'trl':
      return { prompt: promptMessages(record), completion: completionMessages(record), reward: record.reward, ...groupFields(record) };
    case 'openrlhf':
      return {
        input: record.task,
        output: record.finalAnswer,
        reward: record.reward,
        label: record.reference ?? '',
        context_messages: [...promptMessages(record), ...completionMessages(record)],
        ...groupFields(record),
      };
    case 'verl':
      return {
        data_source: 'summon',
        prompt: promptMessages(record),
        ability: 'coding',
        reward_model: { style: 'rule', ground_truth: record.reference ?? '' },
        extra_info: { index, split: 'train', response: record.finalAnswer, reward: record.reward, passed: record.passed, model: record.model, ...groupFields(record) },
      };
  }
}
