// The bubblewrap backend against the sandbox contract.
import { createSandboxSpawn } from '../../../src/safety/sandbox/index.js';
import { sandboxContract } from './contract.js';

sandboxContract('bubblewrap', (policy) => createSandboxSpawn(policy));
