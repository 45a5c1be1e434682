// The port the file tools read and change files through. Every change is announced before it
// happens, with what the file held, so checkpoints and undo can record it; tests and eval workers
// swap the whole filesystem (an in-memory one, a remote one) without touching a tool.

export interface FileStat {
  isFile: boolean;
  isDirectory: boolean;
  size: number;
  mtimeMs: number;
  /** st_mode as node reports it: file type and permission bits. */
  mode: number;
}

/** One change about to happen. Paths are absolute. */
export interface FileChange {
  kind: 'write' | 'rename' | 'remove';
  /** The file written, renamed (its old path) or removed. */
  path: string;
  /** Its content before the change; undefined when it did not exist. */
  prior: Uint8Array | undefined;
  /** rename: the target path. */
  to?: string;
  /** rename: what the target held before the change; undefined when it did not exist. */
  priorAtTarget?: Uint8Array | undefined;
}

export interface FileSystemPort {
  /** The file's bytes. Fails like node's fs (an error with code ENOENT, EISDIR, EACCES, …). */
  readFile(path: string): Promise<Uint8Array>;
  /** Atomic (temp file, fsync, rename); creates parent folders; keeps the mode of the file it replaces. */
  writeFile(path: string, content: string | Uint8Array): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  /** Removes a file; a missing one is a no-op. */
  remove(path: string): Promise<void>;
  /** undefined when nothing exists at the path. */
  stat(path: string): Promise<FileStat | undefined>;
}

/**
 * Called before each change, awaited. Throwing stops the change: the file is left as it was and the
 * error reaches the caller.
 */
export type BeforeFileChange = (change: FileChange) => void | Promise<void>;
