// Prompt-injection detection: the public entry points of src/safety/injection.
export { scanInjection } from './scan.js';
export { rot13 } from './decode.js';
export { FLAG_THRESHOLD, INJECTION_SOURCES, type InjectionFinding, type InjectionScan, type InjectionSource, type ScanOptions } from './types.js';
