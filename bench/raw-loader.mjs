// Node module hooks for `?raw` imports (prompts and tool descriptions imported as text), which the
// build inlines with an esbuild plugin and vitest with vite, but tsx does not understand.
import { readFile } from 'node:fs/promises';

export async function resolve(specifier, context, nextResolve) {
  if (!specifier.endsWith('?raw')) return nextResolve(specifier, context);
  const resolved = await nextResolve(specifier.slice(0, -'?raw'.length), context);
  return { url: `${resolved.url}?raw`, shortCircuit: true };
}

export async function load(url, context, nextLoad) {
  if (!url.endsWith('?raw')) return nextLoad(url, context);
  const text = await readFile(new URL(url.slice(0, -'?raw'.length)), 'utf8');
  return { format: 'module', source: `export default ${JSON.stringify(text)};`, shortCircuit: true };
}
