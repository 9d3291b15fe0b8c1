/**
 * `kmc fuzz`: draw legal configurations around a scenario, run random walks on each, and report
 * every violation of a property Kafka guarantees under the config that showed it, minimised to
 * the fewest changed keys. Everything is validated before the first run.
 */
import { formatFuzzJsonReport } from '../reports/fuzzJson.ts';
import { fuzzExitCodeOf } from '../reports/fuzzOutcome.ts';
import { formatFuzzTextReport } from '../reports/fuzzText.ts';
import { formatDurationMs } from '../reports/numbers.ts';
import type { FuzzOptions } from '../checker/fuzz/types.ts';
import { OUT_DIR_DEFAULT } from '../checker/scenarioContext.ts';
import { FUZZ_LIMITS } from '../checker/limits.ts';
import { type Command, rejectPositionals } from './command.ts';
import { JSON_FLAG, OUT_FLAG, SEED_FLAG, SET_FLAG, WORKERS_FLAG } from './commonFlags.ts';
import { parseDurationMs } from './duration.ts';
import { RUNS_MAX, checkOutDir, parseCountFlag, parseSeedFlag, parseWorkersFlag } from './flagValues.ts';
import { createProgress } from './progress.ts';
import { resolveScenarioArg } from './resolveScenario.ts';
import { checkSetOnScenario, parseSetFlags } from './setFlag.ts';
import { UsageError } from './usageError.ts';

export const fuzzCommand: Command = {
  name: 'fuzz',
  summary: 'Search configurations around a scenario for one that breaks a property Kafka guarantees.',
  usage: ['fuzz --scenario NAME|FILE [--vary KEY,...|all] [--seed N] [--time 60s] [--configs N] [--runs N]', '      [--set key=value]... [--workers N] [--json] [--out DIR]'],
  details: [
    'Config i is the scenario\'s config with a draw for each varied key (a pure function of the seed',
    'and i); only legal configs run (every key\'s range and Java\'s cross-key rules). Each gets --runs',
    'random walks. Every violation of a property Kafka guarantees under that config is minimised to',
    'the fewest changed keys, then to the fewest events, and written as a scenario file and a',
    'counterexample file in --out/fuzz-SEED/; its first line is the command that replays it.',
    `Without --time and --configs, the budget is --time ${FUZZ_LIMITS.timeMsDefault / 1000}s. --time decides only how many configs run.`,
    'Exit codes: 0 no guaranteed violation, 1 a guaranteed violation, 2 bad usage or input, 3 a model',
    'assertion (a bug in kmc\'s model, reported with its config and replay command).',
  ].join('\n'),
  flags: [
    { name: 'scenario', kind: 'value', valueName: 'NAME|FILE', doc: 'The base scenario: a built-in, or a scenario file (.json) (required).' },
    { name: 'vary', kind: 'list', valueName: 'KEY,...|all', doc: "Config keys to vary (default all: every key of the scenario's model)." },
    SEED_FLAG,
    { name: 'time', kind: 'value', valueName: '60s', doc: 'Wall-clock budget for the whole search, in ms, s or m.' },
    { name: 'configs', kind: 'value', valueName: 'N', doc: 'Most configs to try.' },
    { name: 'runs', kind: 'value', valueName: 'N', doc: `Random runs per config (default ${FUZZ_LIMITS.runsPerConfigDefault}).` },
    { ...SET_FLAG, doc: 'Override a key of the base config before varying the others.' },
    WORKERS_FLAG,
    JSON_FLAG,
    OUT_FLAG,
  ],
  async run(args, io, deps) {
    rejectPositionals('fuzz', args, 'name the scenario with --scenario');
    const name = args.value('scenario');
    if (name === undefined) throw new UsageError('kmc fuzz needs --scenario NAME (kmc scenarios lists them)');
    const options: FuzzOptions = { vary: readVary(args.list('vary')), scenarioRef: name };
    const seed = args.value('seed');
    if (seed !== undefined) options.seed = parseSeedFlag('--seed', seed);
    const time = args.value('time');
    if (time !== undefined) options.timeMs = parseDurationMs('--time', time);
    const configs = args.value('configs');
    if (configs !== undefined) options.configs = parseCountFlag('--configs', configs, 1, FUZZ_LIMITS.configsMax);
    const runs = args.value('runs');
    if (runs !== undefined) options.runs = parseCountFlag('--runs', runs, 1, RUNS_MAX);
    const set = parseSetFlags(args.list('set'));
    if (Object.keys(set).length > 0) options.set = set;
    options.workers = parseWorkersFlag(args.value('workers'));
    options.outDir = checkOutDir('--out', args.value('out') ?? OUT_DIR_DEFAULT);
    const scenario = await resolveScenarioArg(name, deps);
    checkSetOnScenario(scenario, set);

    const progress = createProgress(io);
    progress.start(1, 1, `fuzz ${scenario.name}`, 'configs');
    let result;
    try {
      result = await deps.fuzz(scenario, { ...options, onProgress: (p) => progress.update({ runsDone: p.configsDone, runsTotal: p.configsTotal, events: p.events }) });
    } finally {
      progress.clear();
    }
    io.out(args.has('json') ? formatFuzzJsonReport(result) : formatFuzzTextReport(result));
    // Wall time goes to stderr: stdout is the same for the same seed and budget.
    io.err(`kmc fuzz: ${formatDurationMs(result.durationMs)} of wall time\n`);
    return fuzzExitCodeOf(result);
  },
};

/** `--vary a,b --vary c` -> ["a", "b", "c"]; none given -> all. An empty item is bad usage. */
function readVary(values: readonly string[]): string[] | 'all' {
  if (values.length === 0) return 'all';
  const keys = values.flatMap((value) => value.split(',')).map((key) => key.trim());
  if (keys.some((key) => key === '')) throw new UsageError(`--vary ${values.join(',')}: a key is empty; give config keys separated by "," (or all)`);
  return keys;
}
