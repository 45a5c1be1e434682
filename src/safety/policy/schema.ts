// The permissions schema lives in core (the config schema includes it); re-exported for the policy.
export {
  DEFAULT_PERMISSIONS,
  permissionModeSchema,
  permissionRuleSchema,
  permissionsConfigSchema,
  RULE_PATTERN,
  type PermissionMode,
  type PermissionRule,
  type PermissionsConfig,
  type PermissionsConfigInput,
} from '../../core/permissions.js';
