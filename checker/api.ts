/**
 * The library API the CLI uses, exported so a vitest test can run a scenario and assert on the
 * result. Results are data; reports/ formats them.
 */
import type { Scenario, Expectation } from '../scenarios/scenario.ts';
import type { TraceStep } from '../model/kernel/trace.ts';
import type { Finding } from './judge.ts';

export type EngineName = 'random' | 'pbt' | 'exhaustive';

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
  /** The command that replays it exactly. */
  replay: string;
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
  violations: ViolationReport[];
  /** Wall time, for the report only. */
  durationMs: number;
  /** A model assertion (internal error, exit 3), if one fired. */
  internalError: string | null;
}

export type { Scenario };
