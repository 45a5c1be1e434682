// The package version, inlined at build time by scripts/build.mjs ('0.0.0-dev' when run from source).
declare const __SUMMON_VERSION__: string | undefined;
export const VERSION: string = typeof __SUMMON_VERSION__ === 'string' ? __SUMMON_VERSION__ : '0.0.0-dev';
