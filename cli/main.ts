/**
 * The `kmc` command: picks the command, parses its flags, runs it, and turns every error into
 * an exit code. Bad input (exit 2) is one line on stderr naming the input and the rule broken,
 * never a stack trace; an internal error (exit 3) says it is a bug in kmc.
 */
import { readFileSync } from 'node:fs';
import { EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, type ExitCode } from '../reports/outcome.ts';
import { didYouMean } from '../scenarios/nearestName.ts';
import { parseArgs } from './args.ts';
import { checkCommand } from './check.ts';
import { checkPartitionerCommand } from './checkPartitioner.ts';
import { checkAssignorCommand } from './checkAssignor.ts';
import { formatCommandHelp, type Command } from './command.ts';
import type { CliDeps } from './deps.ts';
import { errorMessage, isBadInput, isModelAssertion } from './errors.ts';
import { exploreCommand } from './explore.ts';
import { fuzzCommand } from './fuzz.ts';
import { formatTopHelp } from './help.ts';
import { processIo, type Io } from './io.ts';
import { realDeps } from './realDeps.ts';
import { replayCommand } from './replay.ts';
import { scenariosCommand } from './scenarios.ts';
import { UsageError } from './usageError.ts';

export const COMMANDS: readonly Command[] = [checkCommand, replayCommand, exploreCommand, fuzzCommand, checkPartitionerCommand, checkAssignorCommand, scenariosCommand];

/** Runs `kmc` with `argv` (the arguments after "kmc") and returns the exit code. */
export async function main(argv: readonly string[], io: Io = processIo(), deps: CliDeps = realDeps): Promise<ExitCode> {
  try {
    return await dispatch(argv, io, deps);
  } catch (error) {
    return reportError(error, io);
  }
}

async function dispatch(argv: readonly string[], io: Io, deps: CliDeps): Promise<ExitCode> {
  const [first, ...rest] = argv;
  const names = COMMANDS.map((c) => c.name);
  if (first === undefined) throw new UsageError(`no command given; commands: ${names.join(', ')} (kmc --help shows them)`);
  if (first === '--help' || first === '-h') {
    io.out(formatTopHelp(COMMANDS));
    return EXIT_OK;
  }
  if (first === '--version') {
    io.out(`${packageVersion()}\n`);
    return EXIT_OK;
  }
  if (first === 'help') {
    const topic = rest[0];
    if (topic === undefined) io.out(formatTopHelp(COMMANDS));
    else io.out(formatCommandHelp(findCommand(topic, names)));
    return EXIT_OK;
  }
  if (first.startsWith('-')) throw new UsageError(`expected a command before ${first}; commands: ${names.join(', ')} (kmc --help shows them)`);
  const command = findCommand(first, names);
  const args = parseArgs(command.name, rest, command.flags);
  if (args.help) {
    io.out(formatCommandHelp(command));
    return EXIT_OK;
  }
  return command.run(args, io, deps);
}

function findCommand(name: string, names: readonly string[]): Command {
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) throw new UsageError(`unknown command "${name}"${didYouMean(name, names)} (kmc --help lists the commands)`);
  return command;
}

function reportError(error: unknown, io: Io): ExitCode {
  if (isBadInput(error)) {
    io.err(`kmc: ${errorMessage(error)}\n`);
    return EXIT_USAGE;
  }
  if (isModelAssertion(error)) {
    io.err(`kmc: internal error: model assertion failed: ${errorMessage(error)} (a bug in kmc's model, not a finding)\n`);
    return EXIT_INTERNAL;
  }
  const stack = error instanceof Error && error.stack ? `\n${error.stack}` : '';
  io.err(`kmc: internal error: ${errorMessage(error)} (a bug in kmc; please report it with the command that caused it)${stack}\n`);
  return EXIT_INTERNAL;
}

function packageVersion(): string {
  const text = readFileSync(new URL('../package.json', import.meta.url), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}
