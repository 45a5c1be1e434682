// The terminal boundary: streams and environment the commands use, injectable for tests.
import { fstatSync } from 'node:fs';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  stderrIsTty: boolean;
  /** Standard input, for commands that read JSON Lines or files from it (default process.stdin). */
  stdin?: NodeJS.ReadableStream;
  /** Whether standard input is a shell pipe or a file (not a terminal, socket or /dev/null): input was piped in. */
  stdinPiped?: boolean;
}

export function processIo(): CliIo {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
    stderrIsTty: process.stderr.isTTY === true,
    // A getter: touching process.stdin builds a stream (a few ms) that only some commands read.
    get stdin() {
      return process.stdin;
    },
    get stdinPiped() {
      try {
        const stat = fstatSync(0);
        // A shell pipe or redirect. Not a socket: programs that spawn summon often leave a stdin socket
        // open without ever writing to it, and waiting for its end would hang the run.
        return stat.isFIFO() || stat.isFile();
      } catch {
        return false;
      }
    },
  };
}
