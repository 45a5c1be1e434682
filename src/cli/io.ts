// The terminal boundary: streams and environment the commands use, injectable for tests.
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  stderrIsTty: boolean;
  /** Standard input, for commands that read JSON Lines or files from it (default process.stdin). */
  stdin?: NodeJS.ReadableStream;
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
  };
}
