// Permission policy: Tool(specifier) rules in allow/ask/deny lists, modes, one-run grants, and
// shell commands judged by their parsed sub-commands.
export { permissionsConfigSchema, permissionModeSchema, permissionRuleSchema, DEFAULT_PERMISSIONS } from './schema.js';
export type { PermissionMode, PermissionRule, PermissionsConfig, PermissionsConfigInput } from './schema.js';
export { compilePolicy } from './policy.js';
export type { Decision, PermissionRequest, PermissionVerdict, Policy } from './policy.js';
export { loadPolicy, createPermit, asDenyWhenHeadless } from './permit.js';
export type { Approval, PermitFunction, PermitOptions } from './permit.js';
export { loadShellParser } from './shell-parse.js';
export type { ShellParser, ShellParse, ShellWord, SimpleCommand } from './shell-parse.js';
export { commandLine } from './shell-commands.js';
export type { CheckedCommand, CommandLine } from './shell-commands.js';
