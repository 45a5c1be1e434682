// `summon models`: the model table.
import { listModels } from '../model/catalog.js';
import type { ParsedArgs } from './args.js';
import type { CliIo } from './io.js';

export async function modelsCommand(args: ParsedArgs, io: CliIo): Promise<number> {
  const models = listModels();
  if (args.json) {
    io.stdout(`${JSON.stringify(Object.fromEntries(models.map((entry) => [entry.id, entry.info])), null, 2)}\n`);
    return 0;
  }
  const header = ['model', 'window', 'max out', '$/M in', '$/M out', 'tools', 'reasoning'];
  const rows = models.map(({ id, info }) => [
    id,
    info.contextWindow.toLocaleString('en-US'),
    info.maxOutputTokens.toLocaleString('en-US'),
    info.inputPrice.toFixed(2),
    info.outputPrice.toFixed(2),
    info.tools ? 'yes' : 'no',
    info.reasoning,
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]): string => cells.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd();
  io.stdout(`${[line(header), ...rows.map(line)].join('\n')}\n`);
  return 0;
}
