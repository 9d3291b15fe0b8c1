/**
 * `kmc check` for one scenario: resolve its config (scenario.config, then --set), run the chosen
 * engine until the expectation is settled or the budget ends, minimise and write the
 * counterexamples, and judge the result against the expectation. Synchronous; results are data.
 */
import type { ModelEvent } from '../model/kernel/model.ts';
import type { CheckDeps, CheckOptions, EngineName, RunStatus, Scenario, ScenarioResult, ViolationReport } from './api.ts';
import { SEARCH_LIMITS } from './limits.ts';
import type { SearchOptions } from './search.ts';
import { effectiveExpectation, stopWhenFor, verdictFor } from './verdict.ts';
import { internalErrorLine, reportsFromExhaustive, reportsFromPbt, reportsFromRandom } from './engineReports.ts';
import { scenarioContext, type ScenarioContext } from './scenarioContext.ts';
import { randomSearch } from './engines/random.ts';
import { pbtSearch } from './engines/pbt.ts';
import { guidedSearch } from './engines/guided.ts';
import { exhaustiveSearch } from './engines/exhaustive.ts';
import { startWallBudget } from './wallClock.ts';
import { checkWorkerCount, parallelSearch } from './parallel/index.ts';

interface EngineOutcome {
  status: RunStatus;
  runs: number;
  events: number;
  statesDistinct?: number;
  coverage?: { features: number; newInLastTenth: number };
  violations: ViolationReport[];
  internalError: string | null;
}

function runEngine(ctx: ScenarioContext, engine: EngineName, seed: string, options: CheckOptions, search: SearchOptions): EngineOutcome {
  const { model, config, judge, scenario } = ctx;
  switch (engine) {
    case 'random': {
      const result = randomSearch(model, config, judge, { ...search, seed, runs: options.runs ?? scenario.budget.runs, stepsMax: ctx.stepsMax });
      const internalError = result.internalError && internalErrorLine(ctx, 'random', result.internalError);
      return { status: result.status, runs: result.runs, events: result.events, violations: reportsFromRandom(ctx, result), internalError };
    }
    case 'guided': {
      const result = guidedSearch(model, config, judge, { ...search, seed, runs: options.runs ?? scenario.budget.runs, stepsMax: ctx.stepsMax });
      const internalError = result.internalError && internalErrorLine(ctx, 'guided', { ...result.internalError, guidedSeed: seed });
      return { status: result.status, runs: result.runs, events: result.events, coverage: result.coverage, violations: reportsFromRandom(ctx, result, {}, { engine: 'guided', seed }), internalError };
    }
    case 'pbt': {
      const result = pbtSearch(model, config, judge, { ...search, seed, runs: options.runs ?? scenario.budget.runs, stepsMax: ctx.stepsMax });
      const internalError = result.internalError && internalErrorLine(ctx, 'pbt', result.internalError);
      return { status: result.status, runs: result.runs, events: result.events, violations: reportsFromPbt(ctx, result), internalError };
    }
    case 'exhaustive': {
      const bounds = {
        seed,
        depthMax: options.depthMax ?? scenario.budget.depthMax ?? SEARCH_LIMITS.depthMaxDefault,
        statesMax: options.statesMax ?? scenario.budget.statesMax ?? SEARCH_LIMITS.statesMaxDefault,
      };
      const result = exhaustiveSearch<unknown, ModelEvent, unknown>(model, config, judge, { ...search, ...bounds, completeEachState: options.completeEachState });
      const internalError = result.internalError && internalErrorLine(ctx, 'exhaustive', result.internalError, bounds);
      return {
        status: result.status,
        runs: 1,
        events: result.transitions,
        statesDistinct: result.statesDistinct,
        violations: reportsFromExhaustive(ctx, result, bounds),
        internalError,
      };
    }
  }
}

/**
 * Checks one scenario. Throws ConfigError (bad --set or scenario config) before any run;
 * everything else — violations, budget, a model assertion — comes back as data.
 */
export function checkScenario(scenario: Scenario, options: CheckOptions, deps: CheckDeps): ScenarioResult {
  const wall = startWallBudget();
  const ctx = scenarioContext(scenario, options, deps);
  const expect = effectiveExpectation(scenario, options.set);
  const engine = options.engine ?? scenario.budget.engine;
  const seed = options.seed ?? scenario.seed;
  const onProgress = options.onProgress;
  const workers = checkWorkerCount(options.workers);
  const search: SearchOptions = {
    timeMs: options.timeMs,
    budget: options.budget,
    // Only the random engine's walks run in worker threads; the others run here.
    parallel: engine === 'random' ? parallelSearch(workers, deps) : undefined,
    stopWhen: stopWhenFor(expect),
    signal: options.signal,
    onProgress: onProgress && ((progress) => onProgress({ scenario: scenario.name, ...progress })),
  };
  const outcome = runEngine(ctx, engine, seed, options, search);
  return {
    name: scenario.name,
    title: scenario.title,
    config: ctx.configRecord,
    expect,
    verdict: verdictFor(expect, outcome.violations, outcome.internalError !== null),
    status: outcome.status,
    engine,
    seed,
    runs: outcome.runs,
    events: outcome.events,
    ...(outcome.statesDistinct === undefined ? {} : { statesDistinct: outcome.statesDistinct }),
    ...(outcome.coverage === undefined ? {} : { coverage: outcome.coverage }),
    violations: outcome.violations,
    durationMs: wall.elapsedMs(),
    internalError: outcome.internalError,
  };
}
