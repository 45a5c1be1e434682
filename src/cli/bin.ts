// Process entry: run main and exit with its code. Output to pipes, files and terminals is
// synchronous on Linux and macOS, so exiting at once loses nothing and no stray handle
// (a keep-alive socket, a timer) can hold a finished run open.
import { main } from './main.js';

void main(process.argv.slice(2)).then((code) => process.exit(code));
