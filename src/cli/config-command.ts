// `summon config`: the effective configuration and where each value came from, secrets masked.
import { loadConfig, renderConfig, renderConfigJson } from '../config/index.js';
import type { ParsedArgs } from './args.js';
import type { CliIo } from './io.js';

export async function configCommand(args: ParsedArgs, io: CliIo): Promise<number> {
  const { config, sources, files } = await loadConfig({ cwd: args.cwd ?? io.cwd, env: io.env, flags: args.layer, flagSources: args.flagSources });
  if (args.json) {
    io.stdout(`${JSON.stringify(renderConfigJson(config, sources), null, 2)}\n`);
    return 0;
  }
  io.stdout(`${renderConfig(config, sources)}\n`);
  io.stdout(files.length > 0 ? `\nconfig files read: ${files.join(', ')}\n` : '\nno config files found (user: $XDG_CONFIG_HOME/summon/config.json, project: .summon/config.json)\n');
  return 0;
}
