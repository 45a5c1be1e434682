// Pieces of Go tool output that `go test` shares with the compiler and the runtime: the "# pkg"
// blocks of compile errors, and a panic's message with the first stack frame in the user's code.

export interface GoError {
  file: string;
  line: number;
  column: number;
  message: string;
}

export interface GoPanic {
  message: string;
  file?: string;
  line?: number;
}

/**
 * Compile errors by package path. `go test` heads them "# example.com/p [example.com/p.test]" (the
 * test binary in brackets), `go build` "# example.com/p"; `go vet` prefixes each error with "vet: ".
 */
export function compileErrors(text: string): Map<string, GoError[]> {
  const found = new Map<string, GoError[]>();
  let pkg: string | undefined;
  for (const line of text.split('\n')) {
    const header = /^# (\S+)(?: \[(\S+?)(?:\.test)?\])?\s*$/.exec(line);
    if (header) {
      pkg = header[2] ?? header[1]!;
      continue;
    }
    const error = /^(?:vet: )?(\S+\.go):(\d+):(\d+): (.*)$/.exec(line);
    if (error && pkg) {
      const entry = { file: error[1]!.replace(/^\.\//, ''), line: Number(error[2]), column: Number(error[3]), message: error[4]! };
      found.set(pkg, [...(found.get(pkg) ?? []), entry]);
    } else if (!/^\s/.test(line)) {
      // Indented lines ("\thave (int)") belong to the error above; anything else ends the block.
      pkg = undefined;
    }
  }
  return found;
}

/** Frames of the runtime and the testing package, which say nothing about the user's bug. */
const RUNTIME_FRAME = /^(?:runtime\.|testing\.|panic\(|created by )/;

/**
 * The panic starting at `lines[start]`: "panic: runtime error: … [recovered]" and, from the panicking
 * goroutine's trace (function line, then "\t/abs/file.go:12 +0x1d"), the first frame outside the runtime.
 */
export function goPanic(lines: readonly string[], start: number): GoPanic {
  const message = lines[start]!.replace(/ \[recovered\]\s*$/, '').trim();
  let inTrace = false;
  for (let index = start + 1; index < lines.length; index++) {
    const line = lines[index]!;
    if (/^goroutine \d+ \[/.test(line)) inTrace = true;
    else if (inTrace && line.trim() === '') break;
    const frame = /^\t(\S+\.go):(\d+)(?: \+0x[0-9a-f]+)?\s*$/.exec(line);
    if (inTrace && frame && !RUNTIME_FRAME.test(lines[index - 1] ?? '')) return { message, file: frame[1]!, line: Number(frame[2]) };
  }
  return { message };
}
