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
import { PROPERTIES } from './properties/index.ts';
import { DEPS_MODULE, clusterDeps, groupDeps, groupDepsWith } from './deps.ts';
import { groupModel, groupModelWith } from './model/group/index.ts';
import type { Assignor } from './model/assignors/types.ts';
import { builtInAssignor } from './model/assignors/builtIns.ts';
import { CounterexampleError, type Counterexample } from './reports/counterexample.ts';
import { runAssignorCheck, type AssignorCheckOptions, type AssignorCheckReport } from './checker/assignorCheck/runAssignorCheck.ts';
import { loadAssignorPlugin } from './checker/plugins/assignorPlugin.ts';
import { createGroupJudge, GROUP_PROPERTIES } from './properties/group/index.ts';
import { findScenario } from './scenarios/findScenario.ts';
import { BUILTIN_SCENARIOS } from './scenarios/registry.ts';
import { PARTITIONER_SCENARIOS } from './scenarios/partitioner/index.ts';
import { runPartitionerCheck, type PartitionerCheckOptions, type PartitionerCheckReport } from './checker/partitionerCheck/runPartitionerCheck.ts';
import type { Expectation, Scenario } from './scenarios/scenario.ts';
import { fuzzScenario, type FuzzOptions, type FuzzResult } from './checker/fuzz/index.ts';

export type { CheckDeps, CheckOptions, EngineName, ExploreOptions, ExploreResult, RunStatus, ScenarioResult, ViolationReport } from './checker/api.ts';
export type { Finding, Judge } from './checker/judge.ts';
export type { Case, Guarantee, Property } from './properties/property.ts';
export type { EngineBudget, Expectation, Scenario } from './scenarios/scenario.ts';
export type { ConfigKey, KmcConfig } from './model/config.ts';
export type { TraceStep } from './model/kernel/trace.ts';
export type { Counterexample } from './reports/counterexample.ts';
export type { JsonReport, JsonScenario, JsonViolation } from './reports/json.ts';
export type { FuzzFinding, FuzzOptions, FuzzProgress, FuzzResult } from './checker/fuzz/index.ts';
export type { PartitionerCheckOptions, PartitionerCheckProgress, PartitionerCheckReport, PartitionerCheckExitCode } from './checker/partitionerCheck/runPartitionerCheck.ts';
export type { EndToEndResult } from './checker/partitionerCheck/endToEnd.ts';
export type { ContractFinding } from './checker/partitionerCheck/finding.ts';
export type { ContractResult } from './checker/partitionerCheck/contract.ts';
export type { ComparisonTable } from './checker/partitionerCheck/compare.ts';
export type { LoadStatsResult } from './checker/partitionerCheck/loadStats.ts';
export type { JsonEndToEnd, JsonPartitionerReport } from './reports/partitionerCheckJson.ts';
export type { AssignorCheckOptions, AssignorCheckProgress, AssignorCheckReport, AssignorCheckExitCode, ProtocolCheck } from './checker/assignorCheck/runAssignorCheck.ts';
export type { AssignorScenarioResult } from './checker/assignorCheck/scenarios.ts';
export type { JsonAssignorReport } from './reports/assignorCheckJson.ts';

export { CONFIG_KEYS, ConfigError, DEFAULTS, KEY_SPECS, configDiff, configToRecord, resolveConfig } from './model/config.ts';
export { KAFKA_VERSIONS, KAFKA_VERSION_NEWEST, VERSION_RULES, type KafkaVersion, type VersionRule } from './model/kafkaVersion.ts';
export { SCENARIO_FORMAT, ScenarioFileError, loadScenarioFile, parseScenarioObject } from './scenarios/file.ts';
export { UnknownScenarioError, findScenario } from './scenarios/findScenario.ts';
export { formatTextReport } from './reports/text.ts';
export { formatJsonReport, toJsonReport } from './reports/json.ts';
export { EXIT_MEANINGS, exitCodeOf } from './reports/outcome.ts';
export { CounterexampleError, ReplayError, checkScenario, exploreScenario, readCounterexample, replayCounterexample, replaySeed } from './checker/index.ts';
export { formatPartitionerTextReport, PARTITIONER_EXIT_MEANINGS } from './reports/partitionerCheckText.ts';
export { formatPartitionerJsonReport, toJsonPartitionerReport } from './reports/partitionerCheckJson.ts';
export { formatAssignorTextReport } from './reports/assignorCheckText.ts';
export { formatAssignorJsonReport, toJsonAssignorReport } from './reports/assignorCheckJson.ts';
export { BUILTIN_SCENARIOS, PARTITIONER_SCENARIOS, clusterModel, groupModel, groupModelWith, PROPERTIES, GROUP_PROPERTIES };

export { clusterDeps, groupDeps, groupDepsWith } from './deps.ts';

/** The model and judge a scenario runs on: its `model` field, the cluster by default. */
export function depsFor(scenario: Pick<Scenario, 'model'>): CheckDeps {
  return scenario.model === 'group' ? groupDeps : clusterDeps;
}

/** Every property name, for `expect` in scenario files (loadScenarioFile(path, PROPERTY_NAMES)). */
export const PROPERTY_NAMES: readonly string[] = [...PROPERTIES.map((p) => p.name), ...GROUP_PROPERTIES.map((p) => p.name)];

/** Runs a scenario (built-in or your own) against its model and judges it. Throws ConfigError on a bad config. */
export async function runScenario(scenario: Scenario, options: CheckOptions = {}): Promise<ScenarioResult> {
  return checkScenario(scenario, options, depsFor(scenario));
}

/** Runs a built-in scenario by name; an unknown name throws UnknownScenarioError naming the nearest. */
export async function runScenarioByName(name: string, options: CheckOptions = {}): Promise<ScenarioResult> {
  return runScenario(findScenario(name, BUILTIN_SCENARIOS), options);
}

/**
 * `kmc fuzz` as a library call: draws legal configs around `scenario` (varying options.vary, by
 * default every key of its model), runs random walks on each, and returns every violation of a
 * property Kafka guarantees under the config that showed it, minimised to the fewest changed
 * keys, and every model assertion. Throws ConfigError on bad input (an unknown --vary key, a
 * range with no legal config).
 *
 *   const result = await runFuzz(findScenario('acks-all-min-isr-2', BUILTIN_SCENARIOS), { vary: ['linger.ms'], configs: 20, seed: 'ci' });
 *   expect(result.findings).toEqual([]);
 */
export async function runFuzz(scenario: Scenario, options: FuzzOptions = {}): Promise<FuzzResult> {
  return fuzzScenario(scenario, options, depsFor(scenario));
}

/** Exhaustive, bounded breadth-first search of a scenario against its model (the cluster by default). */
export async function exploreClusterScenario(scenario: Scenario, options: ExploreOptions = {}): Promise<ExploreResult> {
  return exploreScenario(scenario, options, depsFor(scenario));
}

/**
 * Replays a counterexample file event by event. It is judged as the check that wrote it was:
 * against the expectation the file records (`expect`). A file written before kmc recorded it is
 * judged against its built-in scenario's expectation when the file's config is that scenario's
 * own, else against `hold`. Throws CounterexampleError or ReplayError.
 */
export async function replayCounterexampleFile(file: string, options: { assignor?: string } = {}): Promise<ScenarioResult> {
  const recorded = readCounterexample(file);
  if (options.assignor !== undefined) return replayWithAssignor(file, options.assignor);
  const plugins = pluginStrategies(recorded.config);
  if (plugins.length > 0) {
    throw new CounterexampleError(file, `config: partition.assignment.strategy names ${plugins.map((name) => JSON.stringify(name)).join(', ')}, not a built-in assignor: the file was written by kmc check-assignor; replay it with --assignor MODULE (the plugin's module)`);
  }
  const deps = recorded.model.name === groupModel.name ? groupDeps : clusterDeps;
  const counterexample = readCounterexample(file, deps.model);
  return replayCounterexample(counterexample, deps, { file, expect: recordedExpectation(counterexample) });
}

/** Names in a recorded partition.assignment.strategy that are no built-in assignor (plugins). */
function pluginStrategies(config: Record<string, string | number | boolean>): string[] {
  const raw = config['partition.assignment.strategy'];
  if (typeof raw !== 'string') return [];
  return raw.split(',').map((name) => name.trim()).filter((name) => name !== '' && builtInAssignor(name) === null);
}

/**
 * A counterexample `kmc check-assignor` wrote, replayed with the assignor plugin loaded again
 * (`kmc replay FILE --assignor MODULE`). Throws PluginLoadError for a module kmc cannot use; a
 * rule the plugin breaks during the replay ends it as an exception from the model would.
 */
async function replayWithAssignor(file: string, modulePath: string): Promise<ScenarioResult> {
  const plugin = await loadAssignorPlugin(modulePath);
  try {
    const deps = groupDepsWith([plugin.toAssignor()]);
    const counterexample = readCounterexample(file, deps.model);
    return replayCounterexample(counterexample, deps, { file, expect: recordedExpectation(counterexample) });
  } finally {
    await plugin.close();
  }
}

/** Replays one run of a scenario from its seed (random), or fast-check's seed and path (pbt). */
export async function replayScenarioSeed(scenario: Scenario, options: { seed: string; path?: string; set?: Record<string, string>; scenarioRef?: string }): Promise<ScenarioResult> {
  return replaySeed(scenario, options, depsFor(scenario));
}

/** The expectation a replay of `counterexample` is judged against (replayCounterexampleFile). */
function recordedExpectation(counterexample: Counterexample): Expectation {
  if (counterexample.expect !== undefined) return counterexample.expect;
  const scenario = BUILTIN_SCENARIOS.find((s) => s.name === counterexample.scenario);
  if (!scenario) return 'hold';
  try {
    const own = configToRecord(resolveConfig(scenario.config));
    const recorded = configToRecord(resolveConfig(counterexample.config));
    return Object.keys(own).every((key) => own[key] === recorded[key]) ? scenario.expect : 'hold';
  } catch {
    return 'hold'; // A config that does not resolve: the replay itself reports it.
  }
}

export type CheckPartitionerOptions = Omit<PartitionerCheckOptions, 'scenarios'> & {
  /** The end-to-end scenarios (default PARTITIONER_SCENARIOS, scenarios/partitioner/). */
  scenarios?: readonly Scenario[];
};

/**
 * `kmc check-partitioner MODULE` as a library call, for a test in the partitioner's own repo:
 *
 *   const report = await checkPartitioner('./src/partitioner.ts');
 *   expect(report.findings).toEqual([]);
 *   expect(report.exitCode).toBe(0);
 *
 * (a) contract checks, (b) the end-to-end scenarios under faults for the plugin and the
 * built-ins default, sticky and round-robin, (c) load statistics and the side-by-side table.
 * A module kmc cannot use comes back with exitCode 2 and `unusable`; nothing the plugin does is
 * thrown. Counterexample files go to options.outDir (default kmc-out/).
 */
export async function checkPartitioner(modulePath: string, options: CheckPartitionerOptions = {}): Promise<PartitionerCheckReport> {
  return runPartitionerCheck(modulePath, { ...options, scenarios: options.scenarios ?? PARTITIONER_SCENARIOS }, clusterDeps);
}

export type CheckAssignorOptions = Omit<AssignorCheckOptions, 'scenarios'> & {
  /** The group scenarios (default: the built-in scenarios of the group model). */
  scenarios?: readonly Scenario[];
};

/** The built-in scenarios of the consumer-group model. */
export const GROUP_SCENARIOS: readonly Scenario[] = BUILTIN_SCENARIOS.filter((scenario) => scenario.model === 'group');

/**
 * `kmc check-assignor MODULE` as a library call, for a test in the assignor's own repo:
 *
 *   const report = await checkAssignor('./src/assignor.ts', { protocol: 'cooperative' });
 *   expect(report.findings).toEqual([]);
 *   expect(report.exitCode).toBe(0);
 *
 * Per protocol: (a) contract checks on direct calls, (b) the group scenarios with the plugin as
 * the group's assignor, judged by the group properties, (c) the side-by-side table with the
 * built-ins. A module kmc cannot use comes back with exitCode 2 and `unusable`; nothing the
 * plugin does is thrown. Counterexample files go to options.outDir (default kmc-out/).
 */
export async function checkAssignor(modulePath: string, options: CheckAssignorOptions = {}): Promise<AssignorCheckReport> {
  return runAssignorCheck(modulePath, { ...options, scenarios: options.scenarios ?? GROUP_SCENARIOS, depsModule: DEPS_MODULE }, groupDepsWith);
}
