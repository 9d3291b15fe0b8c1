/**
 * `kmc fuzz` as data: what a campaign is asked to do, and what it found. Reports format a
 * FuzzResult (reports/fuzzText.ts, reports/fuzzJson.ts); nothing here reads wall time except
 * `durationMs`, which reports keep off stdout so that one seed gives the same bytes.
 */
import type { ConfigKey } from '../../model/config.ts';
import type { ViolationReport } from '../api.ts';
import type { ConfigChanges } from './changes.ts';
import type { FuzzModel } from './space.ts';

export interface FuzzOptions {
  /** Keys to vary (`all`, the default: every key of the base scenario's model that has a range). */
  vary?: readonly string[] | 'all';
  /** The campaign's seed (default: the scenario's). Config i is a pure function of (seed, i). */
  seed?: string;
  /** Most configs to try. */
  configs?: number;
  /** Random runs per config (default FUZZ_LIMITS.runsPerConfigDefault). */
  runs?: number;
  /** Wall-clock budget: decides how many configs run, never what one config does. */
  timeMs?: number;
  /**
   * Event budget: no config starts once the campaign (searches and minimisation) has executed
   * this many events. Deterministic, unlike timeMs: `npm run soak` budgets in events.
   */
  eventsMax?: number;
  /** Worker threads for each config's random walks (default 1); results are the same for any number. */
  workers?: number;
  /** Overrides over the scenario's config, as from --set: the base the campaign varies. */
  set?: Record<string, string>;
  /** Where scenario and counterexample files go (default kmc-out/); null writes none. */
  outDir?: string | null;
  /** How the command line names the base scenario (a name or a file), for replay commands. */
  scenarioRef?: string;
  onProgress?: (progress: FuzzProgress) => void;
  /** Looked at between runs; an aborted campaign ends 'interrupted'. */
  signal?: AbortSignal;
}

export interface FuzzProgress {
  configsDone: number;
  /** 0 when only the wall-clock budget bounds the campaign. */
  configsTotal: number;
  runs: number;
  events: number;
  findings: number;
}

/** What ended the campaign: its config count, the wall-clock or event budget, or an interruption. */
export type FuzzStop = 'configs' | 'time' | 'events' | 'interrupted';

export interface FuzzFinding {
  /** A guaranteed property violated, or a model assertion (a bug in kmc's model: exit 3). */
  kind: 'violation' | 'internal-error';
  /** The property (violation), or null (internal error). */
  property: string | null;
  /** One line: the property's definition, or the assertion that failed. */
  summary: string;
  /** The config that showed it first, then configs that showed it again (at most FUZZ_LIMITS.configsListedMax). */
  configs: number[];
  /** How many configs showed it. */
  configsShowing: number;
  /** The keys changed from the base after minimisation, as a scenario file writes them. */
  changes: ConfigChanges;
  /** Every key that config changed from the base. */
  changesDrawn: ConfigChanges;
  /** True when no key of `changes` can be reverted; false when a budget cut minimisation short. */
  keysMinimised: boolean;
  /** The seed of the run that shows it under `changes` (before event minimisation). */
  runSeed: string;
  /** The scenario file (kmc-scenario/1, expect hold) with the base config and `changes`, or null. */
  scenarioFile: string | null;
  /** The counterexample file (violations only), or null. */
  counterexample: string | null;
  /** Commands that replay it, the first one first: counterexample, run seed, the search. */
  replay: string[];
  /** Violations: the minimised counterexample as `kmc check` reports it. */
  violation: ViolationReport | null;
  /** Internal errors: "model assertion failed at step 12 (seed ...): ...". */
  internalError: string | null;
}

/** A finding beyond FUZZ_LIMITS.findingsMax: counted, not minimised. */
export interface FuzzFindingNotMinimised {
  kind: FuzzFinding['kind'];
  property: string | null;
  config: number;
  runSeed: string;
  changes: ConfigChanges;
}

export interface FuzzResult {
  /** The base scenario's name, and how the command line named it. */
  scenario: string;
  scenarioRef: string;
  model: FuzzModel;
  seed: string;
  vary: ConfigKey[];
  runsPerConfig: number;
  stepsMax: number;
  /** Configs searched (the last one possibly cut short by --time). */
  configsTried: number;
  /** Configs given up because no draw was legal. */
  configsSkipped: number;
  runs: number;
  events: number;
  stoppedBy: FuzzStop;
  /** Distinct findings, in the order found. */
  findings: FuzzFinding[];
  notMinimised: FuzzFindingNotMinimised[];
  /** Wall time: for stderr only (stdout stays the same for the same seed). */
  durationMs: number;
}
