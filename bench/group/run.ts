// Entry of the group benchmark: teaches Node `?raw` imports first (the agent loop imports its prompts
// that way), then runs the benchmark. Run: npx tsx bench/group/run.ts
import { register } from 'node:module';

register('../raw-loader.mjs', import.meta.url);
await import('./bench.js');
