// The scripted model behind `summon demo`: a fixed sequence of replies, served over real HTTP by
// the fake LLM server. It is not an AI; it shows the real loop, tools and test run at work.
import type { FakeReply } from '../fake-llm/index.js';

export const DEMO_TASK = 'The test suite of this project fails. Find out why, fix the bug in the source (not the test), and make sure the tests pass.';

export const DEMO_SCRIPT: FakeReply[] = [
  {
    text: 'I will run the tests first to see what fails.',
    toolCalls: [
      {
        name: 'todo',
        input: {
          items: [
            { content: 'Run the tests and read the failure', status: 'in_progress' },
            { content: 'Fix the bug in the source', status: 'pending' },
            { content: 'Run the tests again', status: 'pending' },
          ],
        },
      },
      { name: 'bash', input: { command: 'npm test', description: 'run the test suite' } },
    ],
  },
  {
    text: 'The punctuation test fails: only the first run of separators becomes a dash. Let me read the source.',
    toolCalls: [{ name: 'read', input: { path: 'src/slugify.js' } }],
  },
  {
    text: 'The separator regex lacks the global flag, so only the first match is replaced.',
    toolCalls: [{ name: 'edit', input: { path: 'src/slugify.js', old_string: ".replace(/[^a-z0-9]+/, '-')", new_string: ".replace(/[^a-z0-9]+/g, '-')" } }],
  },
  {
    toolCalls: [
      {
        name: 'todo',
        input: {
          items: [
            { content: 'Run the tests and read the failure', status: 'completed' },
            { content: 'Fix the bug in the source', status: 'completed' },
            { content: 'Run the tests again', status: 'in_progress' },
          ],
        },
      },
      { name: 'bash', input: { command: 'npm test', description: 'run the test suite again' } },
    ],
  },
  {
    text: 'Fixed: `slugify` in src/slugify.js replaced only the first run of non-alphanumeric characters because its regex had no `g` flag. I added the flag; both tests now pass (`npm test`).',
  },
];
