// The parse worker (bundled as dist/context-worker.cjs): analyses the files the main thread sends,
// loading web-tree-sitter and each grammar once.
import { parentPort } from 'node:worker_threads';
import { analyzeFile } from './analyze.js';
import { warmUp } from './parser.js';
import type { WorkerReply, WorkerRequest } from './parse-pool.js';

const port = parentPort;
// Load the tree-sitter runtime while the main thread is still listing files.
void warmUp();
port?.on('message', (request: WorkerRequest) => {
  const bytes = request.bytes;
  analyzeFile(request.path, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8')).then(
    (result) => port.postMessage({ id: request.id, result } satisfies WorkerReply),
    (error: unknown) => port.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) } satisfies WorkerReply),
  );
});
