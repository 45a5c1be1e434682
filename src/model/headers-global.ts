// Injected into the CLI bundle in place of the global `Headers` (scripts/build.mjs): the AI SDK
// builds a Headers for every request, and on Node 20 the global one loads undici (light-headers.ts).
export { LightHeaders as Headers } from './light-headers.js';
