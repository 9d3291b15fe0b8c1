/**
 * The shape of a `kmc` command: its flags, its help, and what it does. One file per command.
 */
import type { ExitCode } from '../reports/outcome.ts';
import { formatFlagHelp, type FlagSpec, type ParsedArgs } from './args.ts';
import type { CliDeps } from './deps.ts';
import type { Io } from './io.ts';
import { UsageError } from './usageError.ts';

export interface Command {
  name: string;
  /** One line for `kmc --help`. */
  summary: string;
  /** Usage lines, without the leading "kmc "; a line starting with a space continues the one before. */
  usage: string[];
  /** Paragraphs of help after the flags. */
  details: string;
  flags: FlagSpec[];
  run(args: ParsedArgs, io: Io, deps: CliDeps): Promise<ExitCode>;
}

export function formatCommandHelp(command: Command): string {
  const usage = formatUsageLines(command.usage, 'Usage: ', '       ').join('\n');
  const details = command.details ? `\n${command.details}\n` : '';
  return `${usage}\n\n${command.summary}\n\nFlags:\n${formatFlagHelp(command.flags)}\n${details}`;
}

/** "kmc check ..." lines; continuation lines are indented under the first. */
export function formatUsageLines(usage: readonly string[], firstPrefix: string, nextPrefix: string): string[] {
  const name = (usage[0] ?? '').split(' ')[0];
  return usage.map((line, i) => {
    const prefix = i === 0 ? firstPrefix : nextPrefix;
    return line.startsWith(' ') ? `${' '.repeat(prefix.length + `kmc ${name} `.length)}${line.trimStart()}` : `${prefix}kmc ${line}`;
  });
}

/** Rejects positional arguments for a command that takes none. */
export function rejectPositionals(command: string, args: ParsedArgs, hint: string): void {
  const extra = args.positionals[0];
  if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}" for kmc ${command}; ${hint}`);
}
