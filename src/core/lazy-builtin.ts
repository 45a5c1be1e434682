// Node built-in modules a command may never need, loaded on first use. A static import of
// node:child_process, node:crypto or node:readline costs 1–5 ms each at start-up, before the first
// model request, for tools that run only after it. (Dynamic import() is not an option: the CLI
// bundle runs through vm.Script, which has no module loader for it.)
import { createRequire } from 'node:module';

const load = createRequire(import.meta.url);

export function lazyBuiltin<T>(name: `node:${string}`): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= load(name) as T);
}
