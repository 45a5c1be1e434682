// The `permissions` config section: a mode and allow/ask/deny lists of `Tool(specifier)` rules,
// each optionally carrying example inputs that must (not) match, checked when the policy compiles.
import { z } from 'zod';

/** `bash`, `bash(npm test*)`, `edit(src/**)`, `net(*.npmjs.org)`, `mcp__github__create_issue`. */
export const RULE_PATTERN = /^[A-Za-z_][\w.-]*(\(.+\))?$/s;

export const permissionModeSchema = z.enum(['default', 'accept-edits', 'plan', 'auto']);
export type PermissionMode = z.infer<typeof permissionModeSchema>;

const ruleTextSchema = z
  .string()
  .trim()
  .regex(RULE_PATTERN, 'expected "tool" or "tool(specifier)", e.g. "bash(npm test*)" or "edit(src/**)"');

export const permissionRuleSchema = z.union([
  ruleTextSchema,
  z
    .object({
      rule: ruleTextSchema,
      examples: z
        .object({
          /** Inputs (commands, paths, domains) the rule must match. */
          match: z.array(z.string()).optional(),
          /** Inputs it must not match. */
          noMatch: z.array(z.string()).optional(),
        })
        .strict()
        .optional(),
    })
    .strict(),
]);
export type PermissionRule = z.infer<typeof permissionRuleSchema>;

export const permissionsConfigSchema = z
  .object({
    mode: permissionModeSchema.default('default'),
    allow: z.array(permissionRuleSchema).default([]),
    ask: z.array(permissionRuleSchema).default([]),
    deny: z.array(permissionRuleSchema).default([]),
  })
  .strict();
/** What a config file may say (every field optional). */
export type PermissionsConfigInput = z.input<typeof permissionsConfigSchema>;
/** After defaults. */
export type PermissionsConfig = z.output<typeof permissionsConfigSchema>;

export const DEFAULT_PERMISSIONS: PermissionsConfig = { mode: 'default', allow: [], ask: [], deny: [] };

/** In the config file the mode is optional: unset, it follows the sandbox (see effectivePermissionMode). */
export const permissionsSettingSchema = z
  .object({
    mode: permissionModeSchema.optional(),
    allow: z.array(permissionRuleSchema),
    ask: z.array(permissionRuleSchema),
    deny: z.array(permissionRuleSchema),
  })
  .strict();

/**
 * With every command sandboxed (workspace-only writes, no network, no credentials), a headless run
 * may act on its own: `auto`. Without the sandbox, commands need an explicit allow: `accept-edits`.
 */
export function effectivePermissionMode(configured: PermissionMode | undefined, sandboxed: boolean): PermissionMode {
  return configured ?? (sandboxed ? 'auto' : 'accept-edits');
}
