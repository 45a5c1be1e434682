// Entry of the cost benchmark: teaches Node `?raw` imports first (the session core imports its
// prompts that way), then runs it. Run: npx tsx bench/cost/run.ts [--turns 30]
import { register } from 'node:module';

register('../raw-loader.mjs', import.meta.url);
await import('./bench.js');
