/**
 * The library API the CLI uses, exported so a vitest test can run a scenario and assert on the
 * result. Results are data; reports/ formats them.
 */
import type { ReductionStats } from './engines/exhaustive.ts';
import type { Scenario, Expectation } from '../scenarios/scenario.ts';
import type { TraceStep } from '../model/kernel/trace.ts';
import type { AnyModel } from '../model/kernel/model.ts';
import type { ConfigExtensions, KmcConfig } from '../model/config.ts';
import type { Finding, Judge } from './judge.ts';
import type { RemoteDepsRecipe } from './parallel/protocol.ts';
import type { SearchBudget } from './search.ts';

/**
 * What the checker needs from the outside: the model to drive and the judge for a config
 * (properties/judge.ts builds the cluster model's). Passed in, so checker/ imports no model.
 */
export interface CheckDeps {
  model: AnyModel;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  judgeFor(config: KmcConfig): Judge<any>;
  /** Values config validation accepts for this model only (the names of assignor plugins it was given). */
  configExtensions?: ConfigExtensions;
  /** How a worker thread builds these same deps (--workers); without it runs stay in the caller. */
  remote?: RemoteDepsRecipe;
}

export type EngineName = 'random' | 'guided' | 'pbt' | 'exhaustive';

export interface CheckOptions {
  /** Overrides (Kafka keys) applied over the scenario's config, as from --set. */
  set?: Record<string, string>;
  engine?: EngineName;
  seed?: string;
  runs?: number;
  /** Wall-clock budget for the scenario; the search stops (budget-exhausted) when it runs out. */
  timeMs?: number;
  depthMax?: number;
  statesMax?: number;
  /** Where counterexample files go (default kmc-out/); null writes none. */
  outDir?: string | null;
  /** Progress callback (runs done, events so far); wall time is read only for this. */
  onProgress?: (progress: { scenario: string; runsDone: number; runsTotal: number; events: number }) => void;
  /** How the command line names the scenario (a name or a file), for replay commands. Default: its name. */
  scenarioRef?: string;
  /** Looked at between runs; an aborted search ends with status 'interrupted'. */
  signal?: AbortSignal;
  /**
   * Worker threads for the random engine's walks (default 1: in the caller). Results, files and
   * reports are the same for any number; only wall time differs.
   */
  workers?: number;
  /** In place of timeMs's wall clock: asked before each run (tests inject one that counts runs). */
  budget?: SearchBudget;
  /** Exhaustive: also complete (heal, settle, final read, atEnd) every new state. Default true. */
  completeEachState?: boolean;
}

export interface ViolationReport {
  property: string;
  doc: string;
  explanation: string;
  guaranteed: boolean;
  because: string | null;
  /** Seed of the run that found it (random engine: the run's own seed). */
  seed: string;
  /** Counterexample length in events, after minimisation. */
  steps: number;
  /** The command that replays it exactly (the counterexample file when one was written). */
  replay: string;
  /** Random: `kmc replay --scenario S --seed RUNSEED` (the run before minimisation); pbt: with --path. Else null. */
  replayBySeed?: string | null;
  /** 1-based step at which it was detected (the last step for a history property). */
  step?: number;
  /** The counterexample file, or null when none was written. */
  file: string | null;
  trace: TraceStep[];
  cases: Finding['cases'];
  /** Events before minimisation. */
  stepsOriginal: number;
}

export type RunStatus = 'passed' | 'violated' | 'budget-exhausted' | 'interrupted';

export interface ScenarioResult {
  name: string;
  title: string;
  config: Record<string, string | number | boolean>;
  expect: Expectation;
  verdict: 'as-expected' | 'unexpected';
  status: RunStatus;
  engine: EngineName;
  seed: string;
  runs: number;
  events: number;
  /** Exhaustive only. */
  statesDistinct?: number;
  /**
   * Guided only: the abstract coverage features (Model.coverage) the runs reached, and how many
   * of them the last tenth of the runs reached first (0: the search had saturated).
   */
  coverage?: { features: number; newInLastTenth: number };
  violations: ViolationReport[];
  /** Wall time, for the report only. */
  durationMs: number;
  /** A model assertion (internal error, exit 3), if one fired. */
  internalError: string | null;
  /** Replays only: what was replayed and whether the recorded violation came back. */
  replayed?: { source: string; expected: { property: string; step: number } | null; reproduced: boolean };
}

/**
 * `kmc explore`: exhaustive search of a scenario's state space within depth and state bounds.
 * Takes CheckOptions (engine and runs are ignored: explore is always exhaustive).
 */
export interface ExploreOptions extends CheckOptions {
  /** Default 'all': explore the whole bounded space, keeping the shortest violation of each property. */
  stopAt?: 'first' | 'expected' | 'all';
  /** Partial-order reduction by sleep sets (engines/exhaustive.ts). Default true. */
  reduction?: boolean;
}

/** An explore result is a ScenarioResult (engine 'exhaustive', runs 1, events = transitions) plus the space. */
export interface ExploreResult extends ScenarioResult {
  statesDistinct: number;
  depthMax: number;
  statesMax: number;
  transitions: number;
  depthReached: number;
  /** True when the whole reachable space was explored (no bound cut it). */
  complete: boolean;
  statesPerSecond: number;
  /** Approximate memory kept per distinct state (fingerprint and parent link). */
  bytesPerState: number;
  frontierPeak: number;
  /** Partial-order reduction's work saved, or null when it was off. */
  reduction: ReductionStats | null;
}

export type { Scenario };
