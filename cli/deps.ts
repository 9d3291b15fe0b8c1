/**
 * What the commands need from the rest of kmc: the scenarios, the property names, and the
 * engines. Commands take a CliDeps so the parsing, validation and formatting they own can be
 * tested with fakes; realDeps.ts is the real wiring.
 */
import type { CheckOptions, ScenarioResult } from '../checker/api.ts';
import type { PartitionerCheckOptions, PartitionerCheckReport } from '../checker/partitionerCheck/runPartitionerCheck.ts';
import type { Scenario } from '../scenarios/scenario.ts';
import type { AssignorCheckOptions, AssignorCheckReport } from '../checker/assignorCheck/runAssignorCheck.ts';
import type { FuzzOptions, FuzzResult } from '../checker/fuzz/types.ts';

export type ProgressCallback = NonNullable<CheckOptions['onProgress']>;

export interface ReplaySeedOptions {
  /** A random run's seed, or with `path` fast-check's seed. */
  seed: string;
  /** fast-check's replay path (pbt engine). */
  path?: string;
  set?: Record<string, string>;
  /** How the command line named the scenario (a name or a file), for the replay command. */
  scenarioRef?: string;
  onProgress?: ProgressCallback;
}

/** `kmc check-partitioner`: what the command line sets; the scenarios are kmc's own. */
export type PartitionerCheckRequest = Pick<PartitionerCheckOptions, 'seed' | 'runs' | 'workers' | 'outDir' | 'progress'>;

/** `kmc check-assignor`: what the command line sets; the scenarios are kmc's own group scenarios. */
export type AssignorCheckRequest = Pick<AssignorCheckOptions, 'protocol' | 'seed' | 'runs' | 'timeMs' | 'workers' | 'outDir' | 'progress'>;

export interface CliDeps {
  /** The built-in scenarios, in registry order. */
  loadScenarios(): Promise<readonly Scenario[]>;
  /** Every property name, for `expect` in scenario files. */
  loadPropertyNames(): Promise<readonly string[]>;
  /** `kmc check`: run a scenario and judge it against its expectation. */
  check(scenario: Scenario, options: CheckOptions): Promise<ScenarioResult>;
  /** `kmc explore`: exhaustive search, bounded by depth and distinct states. */
  explore(scenario: Scenario, options: CheckOptions): Promise<ScenarioResult>;
  /** `kmc replay FILE`: re-execute a counterexample file event by event. */
  replayFile(file: string, options: { onProgress?: ProgressCallback; assignor?: string }): Promise<ScenarioResult>;
  /** `kmc replay --scenario NAME --seed N [--path P]`: re-execute one run from its seed. */
  replaySeed(scenario: Scenario, options: ReplaySeedOptions): Promise<ScenarioResult>;
  /** `kmc check-partitioner MODULE`: contract, end to end, load; a bad module is in the report, not thrown. */
  checkPartitioner(modulePath: string, request: PartitionerCheckRequest): Promise<PartitionerCheckReport>;
  /** `kmc check-assignor MODULE`: contract, group scenarios, comparison; a bad module is in the report, not thrown. */
  checkAssignor(modulePath: string, request: AssignorCheckRequest): Promise<AssignorCheckReport>;
  /** `kmc fuzz --scenario S`: configs drawn around the scenario; throws ConfigError on bad input. */
  fuzz(scenario: Scenario, options: FuzzOptions): Promise<FuzzResult>;
}
