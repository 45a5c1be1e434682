// Generates classic-BPF seccomp programs (the bytes bwrap's --seccomp FD and prctl expect) that
// forbid process creation: fork, vfork, clone without CLONE_THREAD, and optionally execve.
import { SummonError } from '../../core/errors.js';

/** fork: no new processes (threads stay allowed); exec: no execve; net: sockets only of the unix family.
 * Everything forbidden kills the process with SIGSYS, so an attempt is reported as `blocked`. */
export type SeccompRule = 'fork' | 'exec' | 'net';

interface Arch {
  audit: number;
  /** Syscall numbers at or above this are another ABI (x32) and are refused. */
  abiLimit?: number;
  clone: number;
  clone3: number;
  fork?: number;
  vfork?: number;
  execve: number;
  execveat: number;
  socket: number;
}

const ARCHES: Readonly<Record<string, Arch>> = {
  x64: { audit: 0xc000003e, abiLimit: 0x40000000, clone: 56, clone3: 435, fork: 57, vfork: 58, execve: 59, execveat: 322, socket: 41 },
  arm64: { audit: 0xc00000b7, clone: 220, clone3: 435, execve: 221, execveat: 281, socket: 198 },
};

const LD_W_ABS = 0x20;
const JEQ_K = 0x15;
const JGE_K = 0x35;
const JSET_K = 0x45;
const RET_K = 0x06;
const KILL_PROCESS = 0x80000000;
const ALLOW = 0x7fff0000;
const ERRNO = 0x00050000;
const ENOSYS = 38;
const AF_UNIX = 1;
const CLONE_THREAD = 0x00010000;
const OFFSET_NR = 0;
const OFFSET_ARCH = 4;
const OFFSET_ARG0_LOW = 16;

type Instruction = [code: number, jt: number, jf: number, k: number];

/** A filter for the current CPU that kills the process (SIGSYS) on any forbidden call. */
export function seccompFilter(rules: readonly SeccompRule[], arch: string = process.arch): Buffer {
  const table = ARCHES[arch];
  if (!table) throw new SummonError('tool-failed', `no seccomp filter for the ${arch} architecture`, { hint: 'run on x86-64 or arm64' });
  const program: Instruction[] = [
    [LD_W_ABS, 0, 0, OFFSET_ARCH],
    [JEQ_K, 1, 0, table.audit],
    [RET_K, 0, 0, KILL_PROCESS],
    [LD_W_ABS, 0, 0, OFFSET_NR],
  ];
  if (table.abiLimit !== undefined) program.push([JGE_K, 0, 1, table.abiLimit], [RET_K, 0, 0, KILL_PROCESS]);
  const deny = (nr: number | undefined, action: number): void => {
    if (nr !== undefined) program.push([JEQ_K, 0, 1, nr], [RET_K, 0, 0, action]);
  };
  if (rules.includes('fork')) {
    // clone3 hides its flags behind a pointer: ENOSYS makes libc fall back to clone, checked below.
    deny(table.clone3, ERRNO | ENOSYS);
    deny(table.fork, KILL_PROCESS);
    deny(table.vfork, KILL_PROCESS);
    program.push(
      [JEQ_K, 0, 4, table.clone],
      [LD_W_ABS, 0, 0, OFFSET_ARG0_LOW],
      [JSET_K, 0, 1, CLONE_THREAD],
      [RET_K, 0, 0, ALLOW],
      [RET_K, 0, 0, KILL_PROCESS],
    );
  }
  if (rules.includes('exec')) {
    deny(table.execve, KILL_PROCESS);
    deny(table.execveat, KILL_PROCESS);
  }
  if (rules.includes('net')) {
    program.push(
      [JEQ_K, 0, 4, table.socket],
      [LD_W_ABS, 0, 0, OFFSET_ARG0_LOW],
      [JEQ_K, 0, 1, AF_UNIX],
      [RET_K, 0, 0, ALLOW],
      [RET_K, 0, 0, KILL_PROCESS],
    );
  }
  program.push([RET_K, 0, 0, ALLOW]);
  const bytes = Buffer.alloc(program.length * 8);
  program.forEach(([code, jt, jf, k], index) => {
    bytes.writeUInt16LE(code, index * 8);
    bytes.writeUInt8(jt, index * 8 + 2);
    bytes.writeUInt8(jf, index * 8 + 3);
    bytes.writeUInt32LE(k >>> 0, index * 8 + 4);
  });
  return bytes;
}
