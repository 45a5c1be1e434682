// Turns raw filesystem errors into messages the model can act on.
import { SummonError } from '../core/errors.js';

export function errnoCode(error: unknown): string | undefined {
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') return error.code;
  return undefined;
}

/** A SummonError for a failed file operation on `shownPath`, or the original error when it isn't a filesystem one. */
export function fileError(error: unknown, shownPath: string): unknown {
  switch (errnoCode(error)) {
    case 'ENOENT':
      return new SummonError('tool-failed', `file not found: ${shownPath}`, { hint: 'check the path with glob or ls', cause: error });
    case 'ENOTDIR':
      return new SummonError('tool-failed', `a parent of ${shownPath} is a file, not a directory`, { cause: error });
    case 'EISDIR':
      return new SummonError('tool-failed', `${shownPath} is a directory`, { hint: 'use ls to list it', cause: error });
    case 'EACCES':
    case 'EPERM':
      return new SummonError('tool-failed', `permission denied: ${shownPath}`, { cause: error });
    default:
      return error;
  }
}
