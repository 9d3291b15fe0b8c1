/**
 * The pbt engine: fast-check generates the fault phase as a choice sequence (an array of
 * integers; choice i picks enabled[choice % enabled.length]), runs the model, and shrinks a
 * failing sequence (shorter, smaller choices: a choice of 0 takes the first enabled event).
 * fast-check's { seed, path } replays the shrunk sequence exactly. Shrinking is bounded by
 * shrinkRunsMax model runs (SEARCH_LIMITS.pbtShrinkRunsMax): past it every further candidate is declined
 * unrun, so fast-check stops at the best counterexample so far (its path still replays it).
 *
 * The search is a series of fc.check rounds: a round fails only on a property not found in an
 * earlier round, so a scenario that expects several properties keeps searching. Round k uses
 * fast-check seed pbtSeed(seed, k); the model seed of every run in it is pbtModelSeed(fcSeed).
 *
 * The --time budget and the abort signal are asked before each search run (a fast-check plugin
 * that interrupts the round), never while shrinking: fast-check's own time limit would cut a
 * shrink short at a wall-clock instant, and the half-shrunk run can show other properties.
 */
import fc from 'fast-check';
import type { Model, ModelEvent } from '../../model/kernel/model.ts';
import { hashString } from '../../model/kernel/fingerprint.ts';
import { subSeed } from '../../model/kernel/rng.ts';
import type { RunStatus } from '../api.ts';
import type { Judge } from '../judge.ts';
import { SEARCH_LIMITS, type RunLimits } from '../limits.ts';
import type { InternalError } from '../internalError.ts';
import { runModel, type RunResult } from '../run.ts';
import { FoundProperties, searchStatus, stopAtFirst, type SearchOptions } from '../search.ts';
import { startWallBudget, stopReason, throttle } from '../wallClock.ts';

export interface PbtSearchOptions extends SearchOptions {
  seed: string;
  /** fast-check runs in all, over every round (shrinking not counted). */
  runs: number;
  /** Longest choice sequence (fault phase). */
  stepsMax: number;
  /** Model runs spent shrinking one counterexample. Default SEARCH_LIMITS.pbtShrinkRunsMax. */
  shrinkRunsMax?: number;
}

export interface PbtViolation<E extends ModelEvent> {
  /** fast-check's seed and counterexample path: `kmc replay --scenario S --seed <fcSeed> --path <path>`. */
  fcSeed: number;
  path: string;
  choices: number[];
  numShrinks: number;
  /** The shrunk run, described. */
  run: RunResult<E>;
}

export interface PbtSearchResult<E extends ModelEvent> {
  status: RunStatus;
  runs: number;
  /** Events executed, shrinking included. */
  events: number;
  violations: PbtViolation<E>[];
  internalError: (InternalError & { fcSeed: number; path: string }) | null;
}

interface PbtRunSpec {
  fcSeed: number;
  stepsMax: number;
  limits?: Partial<RunLimits>;
  /** Describe every event into the trace (the reported run); off while fast-check searches. */
  describe?: boolean;
}

/** The fast-check seed of round k: a non-negative 31-bit integer derived from the kmc seed. */
export function pbtSeed(seed: string, round: number): number {
  return parseInt(hashString(subSeed(seed, `pbt-${round}`)).slice(0, 8), 16) >>> 1;
}

/** The seed given to model.init in every run of a round with this fast-check seed. */
export function pbtModelSeed(fcSeed: number): string {
  return `pbt-${fcSeed}`;
}

/** The generated value. Depends only on stepsMax, so a replay regenerates the same tree. */
export function choicesArbitrary(stepsMax: number): fc.Arbitrary<number[]> {
  return fc.array(fc.nat({ max: SEARCH_LIMITS.pbtChoiceMax }), { maxLength: stepsMax, size: 'max' });
}

/** One run whose fault phase follows `choices`. */
export function pbtRun<S, E extends ModelEvent, C>(model: Model<S, E, C>, config: C, judge: Judge<S>, choices: readonly number[], spec: PbtRunSpec): RunResult<E> {
  const stepsMax = Math.min(spec.stepsMax, choices.length);
  return runModel({ model, config, seed: pbtModelSeed(spec.fcSeed), judge, stepsMax, limits: spec.limits, describe: spec.describe }, (enabled, _state, faultStep) =>
    enabled[choices[faultStep] % enabled.length],
  );
}

export function pbtSearch<S, E extends ModelEvent, C>(model: Model<S, E, C>, config: C, judge: Judge<S>, options: PbtSearchOptions): PbtSearchResult<E> {
  const stopWhen = options.stopWhen ?? stopAtFirst;
  const shrinkRunsMax = options.shrinkRunsMax ?? SEARCH_LIMITS.pbtShrinkRunsMax;
  const budget = options.budget ?? startWallBudget(options.timeMs);
  const progressDue = throttle(SEARCH_LIMITS.progressIntervalMs);
  const arbitrary = choicesArbitrary(options.stepsMax);
  const found = new FoundProperties();
  const violations: PbtViolation<E>[] = [];
  let internalError: PbtSearchResult<E>['internalError'] = null;
  let runs = 0;
  let events = 0;
  let interrupted = false;
  let budgetExhausted = false;

  for (let round = 0; runs < options.runs; round++) {
    const stop = stopReason(options.signal, budget);
    if (stop !== null) {
      interrupted = stop === 'interrupted';
      budgetExhausted = stop === 'budget-exhausted';
      break;
    }
    const fcSeed = pbtSeed(options.seed, round);
    const spec: PbtRunSpec = { fcSeed, stepsMax: options.stepsMax, limits: options.limits };
    let calls = 0;
    let shrinking = false;
    let shrinkRuns = 0;
    const predicate = (choices: number[]): boolean => {
      if (shrinking && shrinkRuns++ >= shrinkRunsMax) return true;
      const run = pbtRun(model, config, judge, choices, spec);
      events += run.events.length;
      calls++;
      if (options.onProgress && progressDue()) options.onProgress({ runsDone: Math.min(options.runs, runs + calls), runsTotal: options.runs, events });
      const fails = run.internalError !== null || run.findings.some((f) => found.isNew(f));
      if (fails) shrinking = true;
      return !fails;
    };
    // The budget and the signal are asked before each search run, never while shrinking: a
    // counterexample is always shrunk to the end (shrinkRunsMax bounds it), so the violations a
    // search reports depend only on the runs it completed, not on when wall time ran out.
    let stoppedBy: 'interrupted' | 'budget-exhausted' | null = null;
    const stopBetweenRuns: fc.Plugin<[number[]]> = () => ({
      decorateRun: (nestedRun) => (value) => {
        if (!shrinking) {
          stoppedBy = stopReason(options.signal, budget);
          if (stoppedBy !== null) return new fc.PreconditionFailure(true);
        }
        return nestedRun(value);
      },
    });
    const property = fc.property(arbitrary, predicate);
    const details = fc.check(property, { seed: fcSeed, numRuns: options.runs - runs, plugins: [stopBetweenRuns] });
    runs += details.numRuns;
    if (!details.failed || details.counterexample === null) {
      interrupted = stoppedBy === 'interrupted';
      budgetExhausted = stoppedBy === 'budget-exhausted';
      break;
    }
    const [choices] = details.counterexample;
    const path = details.counterexamplePath;
    const run = pbtRun(model, config, judge, choices, { ...spec, describe: true });
    if (run.internalError) {
      internalError = { ...run.internalError, fcSeed, path };
      break;
    }
    for (const f of run.findings) found.add(f);
    violations.push({ fcSeed, path, choices, numShrinks: details.numShrinks, run });
    if (stopWhen(found.names)) break;
  }
  options.onProgress?.({ runsDone: runs, runsTotal: options.runs, events });
  const status = searchStatus({ violations: violations.length, internalError, interrupted, budgetExhausted });
  return { status, runs, events, violations, internalError };
}

/** A fast-check counterexample path: run index, then shrink indices, colon-separated. */
export const PBT_PATH_PATTERN = /^\d+(:\d+)*$/;

/**
 * Regenerates the choice sequence at fast-check's { seed, path } and runs it. Returns null when
 * the path leads to no value (a path from another stepsMax or another fast-check version).
 */
export function pbtReplay<S, E extends ModelEvent, C>(
  model: Model<S, E, C>,
  config: C,
  judge: Judge<S>,
  replay: { fcSeed: number; path: string; stepsMax: number; limits?: Partial<RunLimits> },
): { choices: number[]; run: RunResult<E> } | null {
  let choices: number[] | null = null;
  const capture = (value: number[]): boolean => {
    if (choices === null) choices = [...value];
    return false;
  };
  fc.check(fc.property(choicesArbitrary(replay.stepsMax), capture), { seed: replay.fcSeed, path: replay.path, endOnFailure: true });
  if (choices === null) return null;
  return { choices, run: pbtRun(model, config, judge, choices, { ...replay, describe: true }) };
}
