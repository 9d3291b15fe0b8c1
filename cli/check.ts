/**
 * `kmc check`: run scenarios and judge each against its expectation. With no --scenario, every
 * built-in scenario. Everything is validated before the first run starts.
 */
import { type Command, rejectPositionals } from './command.ts';
import { readRunOptions, readWorkers, withOverrideExpectation } from './checkOptions.ts';
import { ALL_VIOLATIONS_FLAG, ENGINE_FLAG, JSON_FLAG, OUT_FLAG, SEED_FLAG, SET_FLAG, TIME_FLAG, WORKERS_FLAG } from './commonFlags.ts';
import { resolveScenarioArgs } from './resolveScenario.ts';
import { runJobs, type Job } from './runJobs.ts';
import { checkSetOnScenario } from './setFlag.ts';

export const checkCommand: Command = {
  name: 'check',
  summary: 'Run scenarios and judge each against its expectation (hold, or the properties it must violate).',
  usage: ['check [--scenario NAME|FILE]... [--set key=value]... [--engine random|guided|pbt|exhaustive]', '      [--seed N] [--runs N] [--time 30s] [--workers N] [--json] [--out DIR] [--all-violations]'],
  details: [
    'With no --scenario, every built-in scenario runs (kmc scenarios lists them). A FILE is a JSON',
    'scenario ("format": "kmc-scenario/1"); see scenarios/examples/.',
    'Every violation prints first the command that replays it, and is written to a counterexample',
    'file in --out. Exit codes: 0 every expectation met, 1 an expectation not met, 2 bad usage or',
    'input, 3 internal error.',
  ].join('\n'),
  flags: [
    { name: 'scenario', kind: 'list', valueName: 'NAME|FILE', doc: 'A built-in scenario, or a scenario file (.json).' },
    SET_FLAG,
    ENGINE_FLAG,
    SEED_FLAG,
    { name: 'runs', kind: 'value', valueName: 'N', doc: "Runs per scenario (default: the scenario's budget)." },
    TIME_FLAG,
    WORKERS_FLAG,
    JSON_FLAG,
    OUT_FLAG,
    ALL_VIOLATIONS_FLAG,
  ],
  async run(args, io, deps) {
    rejectPositionals('check', args, `give scenarios with --scenario ${args.positionals[0] ?? ''}`.trim());
    const options = { ...readRunOptions(args), ...readWorkers(args) };
    const resolved = await resolveScenarioArgs(args.list('scenario'), deps);
    for (const { scenario } of resolved) checkSetOnScenario(scenario, options.set ?? {});
    const jobs: Job[] = resolved.map(({ scenario: original, ref }) => {
      const scenario = withOverrideExpectation(original, options);
      const progressUnit = (options.engine ?? scenario.budget.engine) === 'exhaustive' ? 'states' : 'runs';
      return { label: scenario.name, scenario, progressUnit, run: (onProgress) => deps.check(scenario, { ...options, scenarioRef: ref, onProgress }) };
    });
    return runJobs(jobs, { json: args.has('json'), allViolations: args.has('all-violations') }, io);
  },
};
