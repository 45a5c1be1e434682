import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { MAX_PIPED_BYTES, resolveTask } from '../../src/cli/task-input.js';
import { fakeIo } from './fake-io.js';

function ioWith(input: string | undefined, piped: boolean) {
  return { ...fakeIo('/tmp'), ...(input === undefined ? {} : { stdin: Readable.from([Buffer.from(input)]) }), stdinPiped: piped };
}

describe('resolveTask', () => {
  it('reads the task from standard input for "-"', async () => {
    expect(await resolveTask('-', ioWith('fix the flaky test\n', false))).toBe('fix the flaky test\n');
  });

  it('attaches piped input below a given task', async () => {
    expect(await resolveTask('review this change', ioWith('diff --git a/x b/x\n+new line\n', true))).toBe('review this change\n\n<stdin>\ndiff --git a/x b/x\n+new line\n</stdin>');
  });

  it('leaves the task alone when nothing is piped, or the pipe is empty', async () => {
    // Not piped (a terminal, a socket, /dev/null): stdin is never read, even if it has data.
    expect(await resolveTask('task', ioWith('ignored', false))).toBe('task');
    expect(await resolveTask('task', ioWith('  \n', true))).toBe('task');
  });

  it('cuts piped input at the limit on a line end, and says so', async () => {
    const line = `${'x'.repeat(99)}\n`;
    const input = line.repeat(Math.ceil((MAX_PIPED_BYTES * 1.5) / line.length));
    const task = await resolveTask('-', ioWith(input, true));
    expect(task.length).toBeLessThanOrEqual(MAX_PIPED_BYTES + 100);
    expect(task).toMatch(/x\n\[standard input cut at 1,048,576 bytes\]\n$/);
  });

  it('refuses a missing task and an empty "-" with usage errors that say what to do', async () => {
    await expect(resolveTask(undefined, ioWith(undefined, false))).rejects.toMatchObject({ code: 'usage', message: 'no task given' });
    await expect(resolveTask('-', ioWith('\n', true))).rejects.toMatchObject({ code: 'usage', message: 'no task given: standard input was empty', hint: expect.stringContaining('summon -p -') });
  });
});
