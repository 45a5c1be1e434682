// What a tool call acts on, read from its (untyped) input: the shell command, the paths, the hosts.
import { z } from 'zod';

export interface Subjects {
  command: string | undefined;
  paths: string[];
  hosts: string[];
}

const commandInput = z.object({ command: z.string() });
const pathInput = z.object({ path: z.string().optional(), file_path: z.string().optional(), paths: z.array(z.string()).optional() });
const editsInput = z.object({ edits: z.array(z.object({ path: z.string() })) });
const urlInput = z.object({ url: z.string() });

/** Tools that search the workspace root when given no path. */
const ROOT_BY_DEFAULT = new Set(['grep', 'glob', 'ls']);

export function subjectsOf(tool: string, input: unknown): Subjects {
  const command = commandInput.safeParse(input);
  const paths: string[] = [];
  const files = pathInput.safeParse(input);
  if (files.success) {
    for (const candidate of [files.data.path, files.data.file_path, ...(files.data.paths ?? [])]) if (candidate !== undefined) paths.push(candidate);
  }
  const edits = editsInput.safeParse(input);
  if (edits.success) paths.push(...edits.data.edits.map((edit) => edit.path));
  // grep, glob and ls without a path work on the workspace root.
  if (paths.length === 0 && ROOT_BY_DEFAULT.has(tool)) paths.push('.');
  const hosts: string[] = [];
  const url = urlInput.safeParse(input);
  if (url.success) hosts.push(hostOf(url.data.url));
  return { command: command.success ? command.data.command : undefined, paths, hosts };
}

/** The host of a URL, or the text itself when it is a bare host name; "" when unparseable. */
export function hostOf(url: string): string {
  try {
    return new URL(url.includes('://') ? url : `https://${url}`).hostname.toLowerCase();
  } catch {
    return '';
  }
}
