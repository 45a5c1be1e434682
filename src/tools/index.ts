// Public entry of the tools layer: the built-in tools, the registry that runs them, and their ports.
import type { Tool } from '../core/tool.js';
import { bashTool } from './bash.js';
import { editTool } from './edit.js';
import { globTool } from './glob.js';
import { grepTool } from './grep.js';
import { lsTool } from './ls.js';
import { multiEditTool } from './multi-edit.js';
import { readTool } from './read.js';
import { todoTool } from './todo.js';
import { writeTool } from './write.js';

/** Reading and searching first, then changing files, then running commands, then planning. */
export const builtinTools: readonly Tool[] = [readTool, grepTool, globTool, lsTool, editTool, multiEditTool, writeTool, bashTool, todoTool];

export { bashTool, editTool, globTool, grepTool, lsTool, multiEditTool, readTool, todoTool, writeTool };
export { createGrepTool, type GrepToolOptions } from './grep.js';
export {
  createToolRegistry,
  truncateOutput,
  type PermissionDecision,
  type ToolCall,
  type ToolCallOutcome,
  type ToolRegistry,
  type ToolRegistryOptions,
} from './registry.js';
export { displayPath, isInside, resolveInWorkspace } from './paths.js';
export { writeFileAtomic } from './atomic-write.js';
export { createRealFileSystem, realFileSystem, type RealFileSystemOptions } from './real-fs.js';
export type { BeforeFileChange, FileChange, FileStat, FileSystemPort } from '../core/fs-port.js';
export { defaultSpawn, killAllRunning, runningCount } from './spawn.js';
