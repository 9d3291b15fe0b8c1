/**
 * `kmc explore`: breadth-first search of a scenario's state space within depth and state
 * bounds. By default it explores the whole bounded space and keeps the shortest violation of
 * each property; the result says how many distinct states there were, how deep it got, and
 * whether the bounds cut the space.
 */
import type { ModelEvent } from '../model/kernel/model.ts';
import type { CheckDeps, ExploreOptions, ExploreResult, Scenario } from './api.ts';
import { SEARCH_LIMITS } from './limits.ts';
import { stopAtFirst } from './search.ts';
import { effectiveExpectation, stopWhenFor, verdictFor } from './verdict.ts';
import { internalErrorLine, reportsFromExhaustive } from './engineReports.ts';
import { scenarioContext } from './scenarioContext.ts';
import { exhaustiveSearch } from './engines/exhaustive.ts';

/** Throws ConfigError before searching when the config or a --set override is invalid. */
export function exploreScenario(scenario: Scenario, options: ExploreOptions, deps: CheckDeps): ExploreResult {
  const ctx = scenarioContext(scenario, options, deps);
  const expect = effectiveExpectation(scenario, options.set);
  const bounds = {
    seed: options.seed ?? scenario.seed,
    depthMax: options.depthMax ?? scenario.budget.depthMax ?? SEARCH_LIMITS.depthMaxDefault,
    statesMax: options.statesMax ?? scenario.budget.statesMax ?? SEARCH_LIMITS.statesMaxDefault,
  };
  const stopAt = options.stopAt ?? 'all';
  const stopWhen = stopAt === 'first' ? stopAtFirst : stopAt === 'expected' ? stopWhenFor(expect) : () => false;
  const onProgress = options.onProgress;
  const result = exhaustiveSearch<unknown, ModelEvent, unknown>(ctx.model, ctx.config, ctx.judge, {
    ...bounds,
    completeEachState: options.completeEachState,
    reduction: options.reduction ?? true,
    timeMs: options.timeMs,
    signal: options.signal,
    stopWhen,
    onProgress: onProgress && ((progress) => onProgress({ scenario: scenario.name, ...progress })),
  });
  const violations = reportsFromExhaustive(ctx, result, bounds);
  const internalError = result.internalError && internalErrorLine(ctx, 'exhaustive', result.internalError, bounds);
  return {
    name: scenario.name,
    title: scenario.title,
    config: ctx.configRecord,
    expect,
    verdict: verdictFor(expect, violations, internalError !== null),
    status: result.status,
    engine: 'exhaustive',
    seed: bounds.seed,
    runs: 1,
    events: result.transitions,
    depthMax: bounds.depthMax,
    statesMax: bounds.statesMax,
    statesDistinct: result.statesDistinct,
    transitions: result.transitions,
    depthReached: result.depthReached,
    complete: result.complete,
    statesPerSecond: result.statesPerSecond,
    bytesPerState: result.bytesPerState,
    frontierPeak: result.frontierPeak,
    reduction: result.reduction,
    violations,
    durationMs: result.durationMs,
    internalError,
  };
}
