// Tool definitions as the model sees them: name, description and JSON Schema of the input.
import { z } from 'zod';
import type { Tool } from '../core/tool.js';
import type { ToolSpec } from '../model/stream.js';

export function toolSpec(tool: Tool): ToolSpec {
  const { $schema: _ignored, ...inputSchema } = z.toJSONSchema(tool.input, { target: 'draft-7', io: 'input' }) as Record<string, unknown>;
  return { name: tool.name, description: tool.description.trim(), inputSchema };
}
