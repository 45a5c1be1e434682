// summon as a library: one session, two tasks in the same conversation, every "ask" answered here.
// Run from a project folder: ANTHROPIC_API_KEY=… node examples/library.mjs
import { createSession } from 'summon';

const session = await createSession({
  cwd: process.cwd(),
  model: 'anthropic/claude-sonnet-4-5', // key from ANTHROPIC_API_KEY; any provider/model works
  config: { permissions: { mode: 'default' } }, // ask before commands and edits
  approve: async (request) => {
    // Every question comes here: permission rules, protected paths, network hosts.
    console.error(`? ${request.source}: ${request.tool} ${JSON.stringify(request.input)} (${request.reason})`);
    if (request.tool === 'bash' && request.input.command.startsWith('npm test')) return 'allow-always';
    if (request.kind === 'write') return 'allow';
    return { deny: 'only npm test may run here; say what you would run instead' };
  },
});

for (const task of ['fix the failing test', 'add a test for empty input']) {
  for await (const event of session.run(task)) {
    if (event.type === 'text-delta') process.stdout.write(event.text);
    else if (event.type === 'tool-call') console.error(`> ${event.name}`);
    else if (event.type === 'done') console.error(`\n${event.reason}: ${event.turns} turns, $${event.costUsd.toFixed(4)}, changed ${event.changedFiles.join(', ') || 'nothing'}`);
  }
}
await session.close();
console.error(`continue later with resumeSession('${session.id}')`);
