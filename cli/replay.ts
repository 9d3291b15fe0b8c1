/**
 * `kmc replay`: re-execute a failure exactly, from its counterexample file (no seed needed), or
 * from its scenario and seed (and fast-check path). Exits 1 or 0 per the scenario's expectation,
 * like `kmc check`.
 */
import { statSync } from 'node:fs';
import type { ParsedArgs } from './args.ts';
import { type Command } from './command.ts';
import { ALL_VIOLATIONS_FLAG, JSON_FLAG, SET_FLAG } from './commonFlags.ts';
import type { ReplaySeedOptions } from './deps.ts';
import { parseSeedFlag } from './flagValues.ts';
import { withOverrideExpectation } from './checkOptions.ts';
import { resolveScenarioArg } from './resolveScenario.ts';
import { runJobs, type Job } from './runJobs.ts';
import { checkSetOnScenario, parseSetFlags } from './setFlag.ts';
import { UsageError } from './usageError.ts';

const SEED_ONLY_FLAGS = ['seed', 'path', 'set'];
/** fast-check's counterexample path: run index, then shrink indices (as checker/engines/pbt.ts). */
const PATH_PATTERN = /^\d+(:\d+)*$/;

export const replayCommand: Command = {
  name: 'replay',
  summary: 'Replay a failure exactly: from its counterexample file, or from its scenario and seed.',
  usage: ['replay FILE [--assignor MODULE] [--json] [--all-violations]', 'replay --scenario NAME|FILE --seed N [--path P] [--set key=value]...'],
  details: [
    'A failure prints the command that replays it first; counterexample files are in kmc-out/.',
    'A counterexample file replays event by event and needs no seed; if the model changed since it',
    'was written, replay says which event is no longer possible. A counterexample of kmc check-assignor',
    'names its assignor plugin in partition.assignment.strategy: give the module with --assignor.',
  ].join('\n'),
  flags: [
    { name: 'scenario', kind: 'value', valueName: 'NAME|FILE', doc: 'The scenario of the failure (with --seed).' },
    { name: 'seed', kind: 'value', valueName: 'N', doc: 'The seed printed with the failure.' },
    { name: 'path', kind: 'value', valueName: 'P', doc: "fast-check's replay path, printed with a pbt failure (the seed is then fast-check's)." },
    SET_FLAG,
    { name: 'assignor', kind: 'value', valueName: 'MODULE', doc: 'The assignor plugin a kmc check-assignor counterexample file was recorded with.' },
    JSON_FLAG,
    ALL_VIOLATIONS_FLAG,
  ],
  async run(args, io, deps) {
    const report = { json: args.has('json'), allViolations: args.has('all-violations') };
    const [file, extra] = args.positionals;
    if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}" for kmc replay; it replays one counterexample FILE at a time`);
    const name = args.value('scenario');
    if (file !== undefined && name !== undefined) {
      throw new UsageError(`kmc replay takes a counterexample FILE or --scenario NAME --seed N, not both (got ${file} and --scenario ${name})`);
    }
    if (file !== undefined) {
      const misplaced = SEED_ONLY_FLAGS.find((flag) => args.has(flag));
      if (misplaced) throw new UsageError(`--${misplaced} applies to kmc replay --scenario NAME --seed N; a counterexample file replays as recorded`);
      checkReadableFile(file);
      const assignor = args.value('assignor');
      const job: Job = { label: file, run: (onProgress) => deps.replayFile(file, assignor === undefined ? { onProgress } : { onProgress, assignor }) };
      return runJobs([job], report, io);
    }
    if (name === undefined) throw new UsageError('kmc replay needs a counterexample FILE, or --scenario NAME --seed N');
    if (args.has('assignor')) throw new UsageError('--assignor applies to kmc replay FILE (a counterexample of kmc check-assignor)');
    const options = readSeedOptions(args);
    const original = await resolveScenarioArg(name, deps);
    checkSetOnScenario(original, options.set ?? {});
    const scenario = withOverrideExpectation(original, options);
    const job: Job = { label: `${scenario.name} seed ${options.seed}`, scenario, run: (onProgress) => deps.replaySeed(scenario, { ...options, scenarioRef: name, onProgress }) };
    return runJobs([job], report, io);
  },
};

function readSeedOptions(args: ParsedArgs): ReplaySeedOptions {
  const seed = args.value('seed');
  if (seed === undefined) throw new UsageError('kmc replay --scenario needs --seed N (the seed printed with the failure)');
  const options: ReplaySeedOptions = { seed: parseSeedFlag('--seed', seed) };
  const path = args.value('path');
  if (path !== undefined) {
    if (!PATH_PATTERN.test(path)) throw new UsageError(`--path ${path}: a fast-check path is numbers separated by ":", such as 96:5`);
    options.path = path;
  }
  const set = parseSetFlags(args.list('set'));
  if (Object.keys(set).length > 0) options.set = set;
  return options;
}

/** A missing or unreadable counterexample file is bad input (exit 2), caught before loading anything. */
function checkReadableFile(file: string): void {
  let isFile: boolean;
  try {
    isFile = statSync(file).isFile();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`${file}: cannot read the counterexample file: ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (error as Error).message}`);
  }
  if (!isFile) throw new UsageError(`${file}: cannot read the counterexample file: not a file`);
}
