/**
 * kafka-model-checker's library API: run a scenario from a vitest test and assert on the result.
 *
 *   import { runScenarioByName } from 'kafka-model-checker';
 *   const result = await runScenarioByName('acks-all-min-isr-2', { runs: 200, seed: '42' });
 *   expect(result.verdict).toBe('as-expected');
 *
 * Results are data (checker/api.ts); reports/ formats them.
 */
import { checkScenario, exploreScenario, readCounterexample, replayCounterexample, replaySeed } from './checker/index.ts';
import type { CheckDeps, CheckOptions, ExploreOptions, ExploreResult, ScenarioResult } from './checker/api.ts';
import { clusterModel } from './model/cluster/index.ts';
import { configToRecord, resolveConfig } from './model/config.ts';
import { createClusterJudge, PROPERTIES } from './properties/index.ts';
import { findScenario } from './scenarios/findScenario.ts';
import { BUILTIN_SCENARIOS } from './scenarios/registry.ts';
import type { Expectation, Scenario } from './scenarios/scenario.ts';

export type { CheckDeps, CheckOptions, EngineName, ExploreOptions, ExploreResult, RunStatus, ScenarioResult, ViolationReport } from './checker/api.ts';
export type { Finding, Judge } from './checker/judge.ts';
export type { Case, Guarantee, Property } from './properties/property.ts';
export type { EngineBudget, Expectation, Scenario } from './scenarios/scenario.ts';
export type { ConfigKey, KmcConfig } from './model/config.ts';
export type { TraceStep } from './model/kernel/trace.ts';
export type { Counterexample } from './reports/counterexample.ts';
export type { JsonReport, JsonScenario, JsonViolation } from './reports/json.ts';

export { CONFIG_KEYS, ConfigError, DEFAULTS, KEY_SPECS, configDiff, configToRecord, resolveConfig } from './model/config.ts';
export { SCENARIO_FORMAT, ScenarioFileError, loadScenarioFile, parseScenarioObject } from './scenarios/file.ts';
export { UnknownScenarioError, findScenario } from './scenarios/findScenario.ts';
export { formatTextReport } from './reports/text.ts';
export { formatJsonReport, toJsonReport } from './reports/json.ts';
export { EXIT_MEANINGS, exitCodeOf } from './reports/outcome.ts';
export { CounterexampleError, ReplayError, checkScenario, exploreScenario, readCounterexample, replayCounterexample, replaySeed } from './checker/index.ts';
export { BUILTIN_SCENARIOS, clusterModel, PROPERTIES };

/** What the engines need for the cluster model: the model, and the judge for a run's config. */
export const clusterDeps: CheckDeps = { model: clusterModel, judgeFor: createClusterJudge };

/** Every property name, for `expect` in scenario files (loadScenarioFile(path, PROPERTY_NAMES)). */
export const PROPERTY_NAMES: readonly string[] = PROPERTIES.map((p) => p.name);

/** Runs a scenario (built-in or your own) against the cluster model and judges it. Throws ConfigError on a bad config. */
export async function runScenario(scenario: Scenario, options: CheckOptions = {}): Promise<ScenarioResult> {
  return checkScenario(scenario, options, clusterDeps);
}

/** Runs a built-in scenario by name; an unknown name throws UnknownScenarioError naming the nearest. */
export async function runScenarioByName(name: string, options: CheckOptions = {}): Promise<ScenarioResult> {
  return runScenario(findScenario(name, BUILTIN_SCENARIOS), options);
}

/** Exhaustive, bounded breadth-first search of a scenario against the cluster model. */
export async function exploreClusterScenario(scenario: Scenario, options: ExploreOptions = {}): Promise<ExploreResult> {
  return exploreScenario(scenario, options, clusterDeps);
}

/**
 * Replays a counterexample file event by event. It is judged as the check that wrote it was:
 * against its built-in scenario's expectation when the file's config is that scenario's own,
 * else against `hold` (a --set run, or a scenario file). Throws CounterexampleError or ReplayError.
 */
export async function replayCounterexampleFile(file: string): Promise<ScenarioResult> {
  const counterexample = readCounterexample(file, clusterModel);
  return replayCounterexample(counterexample, clusterDeps, { file, expect: recordedExpectation(counterexample.scenario, counterexample.config) });
}

/** Replays one run of a scenario from its seed (random), or fast-check's seed and path (pbt). */
export async function replayScenarioSeed(scenario: Scenario, options: { seed: string; path?: string; set?: Record<string, string>; scenarioRef?: string }): Promise<ScenarioResult> {
  return replaySeed(scenario, options, clusterDeps);
}

function recordedExpectation(scenarioName: string | null, config: Record<string, string | number | boolean>): Expectation {
  const scenario = BUILTIN_SCENARIOS.find((s) => s.name === scenarioName);
  if (!scenario) return 'hold';
  try {
    const own = configToRecord(resolveConfig(scenario.config));
    const recorded = configToRecord(resolveConfig(config));
    return Object.keys(own).every((key) => own[key] === recorded[key]) ? scenario.expect : 'hold';
  } catch {
    return 'hold'; // A config that does not resolve: the replay itself reports it.
  }
}
