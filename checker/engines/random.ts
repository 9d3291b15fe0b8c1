/**
 * The random engine: seeded random walks with swarm testing. Run i has its own seed
 * subSeed(seed, `run-${i}`), which is the seed given to model.init; its swarm mix and its
 * choices come from sub-seeds of it. So one run replays from its run seed alone, whatever the
 * number of runs before it, and wall time (the --time budget) only decides how many runs happen.
 * A run goes on past findings Kafka does not guarantee against (run.ts), so one run may show
 * several properties; a run is kept when it shows one not shown before (or shows guaranteed one
 * shown before only where Kafka allows it).
 *
 * With `parallel` (--workers), worker threads run the walks ahead (checker/parallel/) and the
 * search takes their summaries in run order, deciding exactly as over its own runs; so a search
 * gives the same result for any number of workers, and a kept run is re-executed here.
 */
import type { Model, ModelEvent } from '../../model/kernel/model.ts';
import { createRng, subSeed } from '../../model/kernel/rng.ts';
import type { RunStatus } from '../api.ts';
import type { Finding, Judge } from '../judge.ts';
import type { RunLimits } from '../limits.ts';
import { SEARCH_LIMITS } from '../limits.ts';
import type { InternalError } from '../internalError.ts';
import { runModel, type RunRecording, type RunResult } from '../run.ts';
import { FoundProperties, searchStatus, stopAtFirst, type SearchOptions } from '../search.ts';
import { startWallBudget, stopReason, throttle } from '../wallClock.ts';
import { SwarmMix } from './swarm.ts';

export interface RandomSearchOptions extends SearchOptions {
  seed: string;
  runs: number;
  /** Most events in one run's fault phase. */
  stepsMax: number;
  /**
   * Which findings the search looks for (default: every one). A run whose findings all fail it
   * counts as passing: it is neither kept nor seen by stopWhen (kmc fuzz looks for guaranteed
   * findings only, and must not stop at a violation Kafka allows under the config).
   */
  counts?: (finding: Finding) => boolean;
}

export interface RandomViolation<E extends ModelEvent> {
  runIndex: number;
  runSeed: string;
  /** The run as searched: events and findings, not described (reports re-run it described). */
  run: RunResult<E>;
}

export interface RandomSearchResult<E extends ModelEvent> {
  status: RunStatus;
  runs: number;
  /** Events executed over all runs. */
  events: number;
  /** Violating runs that each showed at least one property not shown before, in order. */
  violations: RandomViolation<E>[];
  internalError: (InternalError & { runSeed: string }) | null;
}

/** The seed of run i of a random search. */
export function randomRunSeed(seed: string, runIndex: number): string {
  return subSeed(seed, `run-${runIndex}`);
}

/** One random walk, fully determined by (config, runSeed, stepsMax). */
export function randomRun<S, E extends ModelEvent, C>(
  model: Model<S, E, C>,
  config: C,
  judge: Judge<S>,
  run: { runSeed: string; stepsMax: number; limits?: Partial<RunLimits> } & RunRecording,
): RunResult<E> {
  const mix = new SwarmMix<E>(run.runSeed, (event) => model.isFault(event));
  const rng = createRng(subSeed(run.runSeed, 'choices'));
  const { runSeed, stepsMax, limits, describe, stopAtProperty } = run;
  const spec = { model, config, seed: runSeed, judge, stepsMax, limits, describe, stopAtProperty };
  // Models that keep runs of events prebuilt are chosen among without flattening (the same pick).
  const enabledEntries = model.enabledEntries?.bind(model);
  if (enabledEntries) return runModel(spec, { fromState: (state) => mix.chooseEntry(enabledEntries(state), rng) });
  return runModel(spec, (enabled) => mix.choose(enabled, rng));
}

export function randomSearch<S, E extends ModelEvent, C>(model: Model<S, E, C>, config: C, judge: Judge<S>, options: RandomSearchOptions): RandomSearchResult<E> {
  const stopWhen = options.stopWhen ?? stopAtFirst;
  const budget = options.budget ?? startWallBudget(options.timeMs);
  const progressDue = throttle(SEARCH_LIMITS.progressIntervalMs);
  const found = new FoundProperties();
  const violations: RandomViolation<E>[] = [];
  let internalError: RandomSearchResult<E>['internalError'] = null;
  let runs = 0;
  let events = 0;
  let interrupted = false;
  let budgetExhausted = false;

  // With a pool, worker threads run the walks ahead and this loop takes their summaries in run
  // order, re-executing here only a run it keeps (the same walk: runs are deterministic).
  const parallel = options.parallel;
  const summaryOf = parallel ? parallel.pool.search({ deps: parallel.deps, config, seed: options.seed, stepsMax: options.stepsMax, limits: options.limits }, options.runs) : null;
  for (let runIndex = 0; runIndex < options.runs; runIndex++) {
    const stop = stopReason(options.signal, budget);
    if (stop !== null) {
      interrupted = stop === 'interrupted';
      budgetExhausted = stop === 'budget-exhausted';
      break;
    }
    const runSeed = randomRunSeed(options.seed, runIndex);
    let run: RunResult<E> | null = summaryOf ? null : randomRun(model, config, judge, { runSeed, stepsMax: options.stepsMax, limits: options.limits });
    const summary = run ? { events: run.events.length, findings: run.findings, internalError: run.internalError !== null } : summaryOf!(runIndex);
    const fullRun = (): RunResult<E> => (run ??= randomRun(model, config, judge, { runSeed, stepsMax: options.stepsMax, limits: options.limits }));
    runs++;
    events += summary.events;
    if (summary.internalError) {
      const error = fullRun().internalError;
      if (error === null) throw new Error(`run ${runSeed} did not fail again when re-executed: the model is not deterministic`);
      internalError = { ...error, runSeed };
      break;
    }
    const counted = options.counts ? summary.findings.filter(options.counts) : summary.findings;
    if (counted.some((f) => found.isNew(f))) {
      for (const f of counted) found.add(f);
      violations.push({ runIndex, runSeed, run: fullRun() });
      if (stopWhen(found.names)) break;
    }
    if (options.onProgress && progressDue()) options.onProgress({ runsDone: runs, runsTotal: options.runs, events });
  }
  options.onProgress?.({ runsDone: runs, runsTotal: options.runs, events });
  const status = searchStatus({ violations: violations.length, internalError, interrupted, budgetExhausted });
  return { status, runs, events, violations, internalError };
}
