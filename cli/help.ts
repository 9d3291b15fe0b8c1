/**
 * `kmc --help`: the commands, the flags that matter most, and the exit codes.
 */
import { EXIT_MEANINGS, type ExitCode } from '../reports/outcome.ts';
import { formatUsageLines, type Command } from './command.ts';

export function formatTopHelp(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const exits = (Object.keys(EXIT_MEANINGS) as unknown as ExitCode[]).map((code) => `  ${code}  ${EXIT_MEANINGS[code]}`);
  return [
    'kmc: a deterministic model checker for Kafka semantics',
    '',
    'Usage:',
    ...commands.flatMap((c) => formatUsageLines(c.usage, '  ', '  ')),
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'kmc COMMAND --help shows a command\'s flags. With no --scenario, kmc check runs every built-in scenario.',
    '',
    'Exit codes:',
    ...exits,
    '',
  ].join('\n');
}
