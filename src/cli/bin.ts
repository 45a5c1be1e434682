// Process entry: run main, set the exit code. A short unref'd timer makes sure a stray handle
// cannot keep a finished run alive.
import { main } from './main.js';

const code = await main(process.argv.slice(2));
process.exitCode = code;
setTimeout(() => process.exit(code), 1500).unref();
