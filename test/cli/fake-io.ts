// A CliIo that records what a command printed, and a temporary workspace with files in it.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CliIo } from '../../src/cli/io.js';

export function fakeIo(cwd: string): CliIo & { out: string; err: string } {
  const io: CliIo & { out: string; err: string } = {
    out: '',
    err: '',
    env: {},
    cwd,
    stderrIsTty: false,
    stdout: (text) => {
      io.out += text;
    },
    stderr: (text) => {
      io.err += text;
    },
  };
  return io;
}

export function workspace(files: Record<string, string | Buffer>, prefix = 'summon-cli-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
  return dir;
}
