// Public entry point of the config module.
export { loadConfig, type LoadConfigOptions, type LoadedConfig, type Source } from './load.js';
export { renderConfig, renderConfigJson, type RenderedValue } from './render.js';
export { findProjectRoot, userConfigDir } from './files.js';
export { ENV_FIELDS, type Env } from './env.js';
export { isSecretPath, maskSecret } from './secrets.js';
