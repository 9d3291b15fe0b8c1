/**
 * `kmc explore`: exhaustive breadth-first search of one scenario, bounded by depth and by the
 * number of distinct states; a violation comes with a shortest trace.
 */
import { type Command, rejectPositionals } from './command.ts';
import { readRunOptions, withOverrideExpectation } from './checkOptions.ts';
import { ALL_VIOLATIONS_FLAG, JSON_FLAG, OUT_FLAG, SEED_FLAG, SET_FLAG, TIME_FLAG } from './commonFlags.ts';
import { resolveScenarioArg } from './resolveScenario.ts';
import { runJobs, type Job } from './runJobs.ts';
import { checkSetOnScenario } from './setFlag.ts';
import { UsageError } from './usageError.ts';

export const exploreCommand: Command = {
  name: 'explore',
  summary: 'Explore every event order of one scenario, breadth-first, up to a depth and a number of distinct states.',
  usage: ['explore --scenario NAME|FILE [--depth-max N] [--states-max N] [--no-reduction] [--set key=value]... [--json] [--out DIR]'],
  details: "Without --depth-max and --states-max, the scenario's own exhaustive budget applies.",
  flags: [
    { name: 'scenario', kind: 'value', valueName: 'NAME|FILE', doc: 'The scenario to explore (required).' },
    { name: 'depth-max', kind: 'value', valueName: 'N', doc: 'Deepest event sequence to explore.' },
    { name: 'states-max', kind: 'value', valueName: 'N', doc: 'Most distinct states to visit.' },
    { name: 'no-reduction', kind: 'boolean', doc: 'Explore every interleaving: no partial-order reduction (sleep sets prune reorderings of independent events).' },
    SET_FLAG,
    SEED_FLAG,
    TIME_FLAG,
    JSON_FLAG,
    OUT_FLAG,
    ALL_VIOLATIONS_FLAG,
  ],
  async run(args, io, deps) {
    rejectPositionals('explore', args, 'name the scenario with --scenario');
    const name = args.value('scenario');
    if (name === undefined) throw new UsageError('kmc explore needs --scenario NAME (kmc scenarios lists them)');
    const options = { ...readRunOptions(args), engine: 'exhaustive' as const, reduction: !args.has('no-reduction') };
    const original = await resolveScenarioArg(name, deps);
    checkSetOnScenario(original, options.set ?? {});
    const scenario = withOverrideExpectation(original, options);
    const job: Job = { label: scenario.name, scenario, progressUnit: 'states', run: (onProgress) => deps.explore(scenario, { ...options, scenarioRef: name, onProgress }) };
    return runJobs([job], { json: args.has('json'), allViolations: args.has('all-violations') }, io);
  },
};
