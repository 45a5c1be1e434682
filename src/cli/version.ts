// The package version (see src/core/version.ts).
export { VERSION } from '../core/version.js';
