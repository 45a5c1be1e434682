// Entry of the summon command: parse, dispatch, map errors to one clear line and an exit code.
import { SummonError, toSummonError } from '../core/errors.js';
import { parseCommandLine, type ParsedArgs } from './args.js';
import { SUBCOMMANDS } from './commands.js';
import { COMMAND_HELP, MAIN_HELP } from './help.js';
import { processIo, type CliIo } from './io.js';
import { VERSION } from './version.js';

export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  let args: ParsedArgs | undefined;
  try {
    const sub = argv[0] === undefined ? undefined : SUBCOMMANDS[argv[0]];
    if (sub) {
      const module = await sub.load();
      // `summon verify --help` is this command's help; `summon verify math --help` is the module's business.
      if (argv[1] === '--help' || argv[1] === '-h') {
        io.stdout(`${module.HELP}\n`);
        return 0;
      }
      return await module.run(argv.slice(1), io);
    }
    if (argv[0] === 'help' && argv[1] !== undefined && SUBCOMMANDS[argv[1]]) {
      io.stdout(`${(await SUBCOMMANDS[argv[1]]!.load()).HELP}\n`);
      return 0;
    }
    args = parseCommandLine(argv);
    if (args.version) {
      io.stdout(`summon ${VERSION}\n`);
      return 0;
    }
    if (args.command === 'help' || args.help || argv.length === 0) {
      const topic = args.command === 'help' ? args.positionals[0] : argv.includes(args.command) ? args.command : undefined;
      const text = topic === undefined ? MAIN_HELP : COMMAND_HELP[topic];
      if (text === undefined) throw new SummonError('usage', `no help for "${topic}"`, { hint: `commands: ${[...Object.keys(COMMAND_HELP), ...Object.keys(SUBCOMMANDS)].join(', ')}` });
      io.stdout(`${text}\n`);
      return 0;
    }
    switch (args.command) {
      case 'run':
        return await (await import('./run-command.js')).runCommand(args, io);
      case 'config':
        return await (await import('./config-command.js')).configCommand(args, io);
      case 'models':
        return await (await import('./models-command.js')).modelsCommand(args, io);
      case 'demo':
        return await (await import('./demo-command.js')).demoCommand(args, io);
    }
  } catch (thrown) {
    const error = toSummonError(thrown);
    io.stderr(`summon: ${error.code === 'internal' ? 'internal error' : 'error'}: ${error.message}\n`);
    if (error.hint) io.stderr(`  hint: ${error.hint}\n`);
    if (args?.debug && thrown instanceof Error && thrown.stack) io.stderr(`${thrown.stack}\n`);
    else if (error.code === 'internal') io.stderr('  (run again with --debug for the stack trace)\n');
    return error.exitCode;
  }
  return 0;
}
