import { describe, expect, it } from 'vitest';
import { formatFlagHelp, parseArgs, type FlagSpec } from '../../../cli/args.ts';
import { UsageError } from '../../../cli/usageError.ts';

const FLAGS: FlagSpec[] = [
  { name: 'scenario', kind: 'list', valueName: 'NAME', doc: 'A scenario.' },
  { name: 'seed', kind: 'value', valueName: 'N', doc: 'The seed.' },
  { name: 'json', kind: 'boolean', doc: 'JSON.' },
];

const parse = (...argv: string[]) => parseArgs('check', argv, FLAGS);
const failure = (...argv: string[]): string => {
  try {
    parse(...argv);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('expected a UsageError');
};

describe('parseArgs', () => {
  it('reads value, list and boolean flags, with a space or "="', () => {
    const args = parse('--scenario', 'a', '--scenario=b', '--seed=7', '--json', 'extra');
    expect(args.list('scenario')).toEqual(['a', 'b']);
    expect(args.value('seed')).toBe('7');
    expect(args.has('json')).toBe(true);
    expect(args.has('seed')).toBe(true);
    expect(args.positionals).toEqual(['extra']);
    expect(args.help).toBe(false);
  });

  it('reports absent flags as absent', () => {
    const args = parse();
    expect(args.value('seed')).toBeUndefined();
    expect(args.list('scenario')).toEqual([]);
    expect(args.has('json')).toBe(false);
  });

  it('keeps a value that starts with a single dash, and an empty value after "="', () => {
    expect(parse('--seed', '-1').value('seed')).toBe('-1');
    expect(parse('--seed=').value('seed')).toBe('');
  });

  it('treats everything after -- as positional', () => {
    const args = parse('--json', '--', '--seed', 'x');
    expect(args.positionals).toEqual(['--seed', 'x']);
    expect(args.value('seed')).toBeUndefined();
  });

  it('sees -h and --help anywhere before --, and then ignores unknown flags', () => {
    expect(parse('-h').help).toBe(true);
    expect(parse('--bogus', '--help').help).toBe(true);
    expect(parse('--', '--help').help).toBe(false);
  });

  it('rejects an unknown flag, suggesting the nearest', () => {
    expect(failure('--sed', '7')).toBe('unknown flag --sed for kmc check; did you mean --seed? (kmc check --help lists the flags)');
  });

  it('rejects a flag without its value', () => {
    expect(failure('--seed')).toBe('--seed needs a value: --seed N');
    expect(failure('--seed', '--json')).toBe('--seed needs a value: --seed N');
  });

  it('rejects a single-value flag given twice', () => {
    expect(failure('--seed', '1', '--seed', '2')).toBe('--seed given twice ("1" and "2"); give it once');
  });

  it('rejects a value on a boolean flag', () => {
    expect(failure('--json=yes')).toBe('--json takes no value (got "yes")');
  });

  it('rejects a single-dash flag other than -h', () => {
    expect(failure('-s')).toMatch(/^unknown flag -s for kmc check/);
  });
});

describe('formatFlagHelp', () => {
  it('lists every flag with its value name and doc, and -h', () => {
    const help = formatFlagHelp(FLAGS);
    expect(help).toContain('--scenario NAME  A scenario. (repeatable)');
    expect(help).toContain('--seed N         The seed.');
    expect(help).toContain('--json           JSON.');
    expect(help).toContain('-h, --help       Show this help.');
  });
});
