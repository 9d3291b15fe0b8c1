/**
 * Reading the flags that shape a run (--set, --engine, --seed, --runs, --time, --out, bounds)
 * into CheckOptions, before any scenario is loaded. Only flags that were given appear, so an
 * engine's own defaults are never overwritten with undefined.
 */
import type { CheckOptions } from '../checker/api.ts';
import { OUT_DIR_DEFAULT } from '../checker/scenarioContext.ts';
import { effectiveExpectation } from '../checker/verdict.ts';
import type { Scenario } from '../scenarios/scenario.ts';
import type { ParsedArgs } from './args.ts';
import { parseDurationMs } from './duration.ts';
import { DEPTH_MAX, RUNS_MAX, STATES_MAX, checkOutDir, parseCountFlag, parseEngineFlag, parseSeedFlag, parseWorkersFlag } from './flagValues.ts';
import { parseSetFlags } from './setFlag.ts';

export type RunOptions = Omit<CheckOptions, 'onProgress'>;

export function readRunOptions(args: ParsedArgs): RunOptions {
  const options: RunOptions = {};
  const set = parseSetFlags(args.list('set'));
  if (Object.keys(set).length > 0) options.set = set;
  const engine = args.value('engine');
  if (engine !== undefined) options.engine = parseEngineFlag('--engine', engine);
  const seed = args.value('seed');
  if (seed !== undefined) options.seed = parseSeedFlag('--seed', seed);
  const runs = args.value('runs');
  if (runs !== undefined) options.runs = parseCountFlag('--runs', runs, 1, RUNS_MAX);
  const time = args.value('time');
  if (time !== undefined) options.timeMs = parseDurationMs('--time', time);
  const depthMax = args.value('depth-max');
  if (depthMax !== undefined) options.depthMax = parseCountFlag('--depth-max', depthMax, 1, DEPTH_MAX);
  const statesMax = args.value('states-max');
  if (statesMax !== undefined) options.statesMax = parseCountFlag('--states-max', statesMax, 1, STATES_MAX);
  options.outDir = checkOutDir('--out', args.value('out') ?? OUT_DIR_DEFAULT);
  return options;
}

/** --workers, for the commands that take it (check; explore runs in the caller). */
export function readWorkers(args: ParsedArgs): { workers: number } {
  return { workers: parseWorkersFlag(args.value('workers')) };
}

/** The scenario with the expectation the engines will judge it by (a --set override expects hold). */
export function withOverrideExpectation(scenario: Scenario, options: { set?: Record<string, string> }): Scenario {
  return { ...scenario, expect: effectiveExpectation(scenario, options.set) };
}
