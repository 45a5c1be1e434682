// Entry of the web_fetch benchmark: teaches Node `?raw` imports first, then runs it.
// Run: npx tsx bench/web-fetch/run.ts [--pages DIR] [--runs 15]
import { register } from 'node:module';

register('../raw-loader.mjs', import.meta.url);
await import('./bench.js');
