/**
 * A small hand-written argument parser. Each command declares its flags; `--flag value` and
 * `--flag=value` are both accepted, `--` ends the flags, `-h`/`--help` is always known.
 * Anything else is a UsageError naming the argument and the rule broken.
 */
import { didYouMean } from '../scenarios/nearestName.ts';
import { UsageError } from './usageError.ts';

export type FlagKind =
  /** Present or absent: `--json`. */
  | 'boolean'
  /** One value, at most once: `--seed 7`. */
  | 'value'
  /** Repeatable, values collected in order: `--set a=1 --set b=2`. */
  | 'list';

export interface FlagSpec {
  /** Without the dashes: "seed". */
  name: string;
  kind: FlagKind;
  /** Placeholder for the value in help text: "N", "NAME|FILE". */
  valueName?: string;
  /** One line for --help. */
  doc: string;
}

export interface ParsedArgs {
  positionals: string[];
  help: boolean;
  has(name: string): boolean;
  value(name: string): string | undefined;
  list(name: string): string[];
}

const HELP_FLAGS = ['--help', '-h'];

/** Parses `argv` (the arguments after the command name) against the command's flags. */
export function parseArgs(command: string, argv: readonly string[], flags: readonly FlagSpec[]): ParsedArgs {
  const endOfFlags = argv.indexOf('--');
  const flagPart = endOfFlags === -1 ? argv : argv.slice(0, endOfFlags);
  const help = flagPart.some((arg) => HELP_FLAGS.includes(arg));
  const positionals: string[] = [];
  const values = new Map<string, string>();
  const lists = new Map<string, string[]>();
  const booleans = new Set<string>();
  const known = flags.map((f) => `--${f.name}`);

  for (let i = 0; i < flagPart.length; i++) {
    const arg = flagPart[i];
    if (HELP_FLAGS.includes(arg)) continue;
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const equals = arg.indexOf('=');
    const flagText = equals === -1 ? arg : arg.slice(0, equals);
    const spec = flags.find((f) => `--${f.name}` === flagText);
    if (!spec) {
      if (help) continue;
      throw new UsageError(`unknown flag ${flagText} for kmc ${command}${didYouMean(flagText, known, '')} (kmc ${command} --help lists the flags)`);
    }
    if (spec.kind === 'boolean') {
      if (equals !== -1) throw new UsageError(`${flagText} takes no value (got "${arg.slice(equals + 1)}")`);
      booleans.add(spec.name);
      continue;
    }
    let value: string;
    if (equals !== -1) {
      value = arg.slice(equals + 1);
    } else {
      const next = flagPart[i + 1];
      if (next === undefined || (next.startsWith('--') && next.length > 2)) {
        throw new UsageError(`${flagText} needs a value: ${flagText} ${spec.valueName ?? 'VALUE'}`);
      }
      value = next;
      i++;
    }
    if (spec.kind === 'value') {
      if (values.has(spec.name)) throw new UsageError(`${flagText} given twice ("${values.get(spec.name)}" and "${value}"); give it once`);
      values.set(spec.name, value);
    } else {
      lists.set(spec.name, [...(lists.get(spec.name) ?? []), value]);
    }
  }
  if (endOfFlags !== -1) positionals.push(...argv.slice(endOfFlags + 1));

  return {
    positionals,
    help,
    has: (name) => booleans.has(name) || values.has(name) || lists.has(name),
    value: (name) => values.get(name),
    list: (name) => lists.get(name) ?? [],
  };
}

/** The "Flags:" section of a command's --help. */
export function formatFlagHelp(flags: readonly FlagSpec[]): string {
  const left = flags.map((f) => `--${f.name}${f.kind === 'boolean' ? '' : ` ${f.valueName ?? 'VALUE'}`}`);
  const width = Math.max(...left.map((l) => l.length), '-h, --help'.length);
  const rows = flags.map((f, i) => `  ${left[i].padEnd(width)}  ${f.doc}${f.kind === 'list' ? ' (repeatable)' : ''}`);
  rows.push(`  ${'-h, --help'.padEnd(width)}  Show this help.`);
  return rows.join('\n');
}
