/**
 * Every bound the engines, shrinking and replay rely on, in one place (STYLE.md: put a limit on
 * everything). A run that exceeds a settle or final-read bound is a liveness finding, not a hang.
 */
export interface RunLimits {
  /** Most events the settle phase takes after the heal before the run is "did not settle". */
  settleStepsMax: number;
  /** Most events the final read may take before the run is "final read incomplete". */
  finalReadStepsMax: number;
  /** Most heal events a model may hand back at once (more is a model bug). */
  healEventsMax: number;
}

export const RUN_LIMITS: RunLimits = {
  /**
   * Above what a model may legitimately take to settle: an idempotent producer answered
   * OUT_OF_ORDER_SEQUENCE_NUMBER after an unclean election retries until delivery.timeout.ms
   * (120 s), about 6,000-8,000 cluster-model steps; at 5,000 such runs were false did-not-settle.
   */
  settleStepsMax: 20_000,
  finalReadStepsMax: 5000,
  healEventsMax: 1000,
};

export const SEARCH_LIMITS = {
  /** Re-runs the random-engine shrinker may spend on one counterexample. */
  shrinkAttemptsMax: 400,
  /** Exhaustive search defaults when neither the scenario nor the options bound it. */
  depthMaxDefault: 12,
  statesMaxDefault: 100_000,
  /**
   * Largest choice value fast-check generates (a choice picks enabled[choice % enabled.length]).
   * Small enough that shrinking a value takes few steps, large enough that the modulo bias over
   * a few dozen enabled events stays small.
   */
  pbtChoiceMax: 0x3ff,
  /** Model runs fast-check may spend shrinking one counterexample; past it the best so far stands. */
  pbtShrinkRunsMax: 400,
  /** At most one progress callback per this many wall-clock milliseconds. */
  progressIntervalMs: 250,
  /** Enabled events listed in a replay error ("enabled deliver events: ..."). */
  replayAlternativesMax: 5,
} as const;

/** The bounds of `kmc fuzz` (checker/fuzz/). */
export const FUZZ_LIMITS = {
  /** Draws of one config before it is given up (each draw that breaks a config rule is redrawn). */
  drawAttemptsMax: 100,
  /** Redraws of one key whose draw equals the base value, so a varied key is usually changed. */
  keyRedrawsMax: 8,
  /** Random runs per config when --runs is not given. */
  runsPerConfigDefault: 100,
  /** The wall-clock budget when neither --time nor --configs is given (DESIGN.md: --time 60s). */
  timeMsDefault: 60_000,
  /** Most configs one campaign tries. */
  configsMax: 100_000_000,
  /** Re-searches that delta debugging over the changed keys may spend on one finding. */
  keyMinimiseAttemptsMax: 48,
  /**
   * Events delta debugging may spend on one finding (a did-not-settle run alone is 20,000
   * events); past it the keys found so far stand, reported as not fully minimised.
   */
  keyMinimiseEventsMax: 3_000_000,
  /** Events the event shrinker may spend on one finding: its attempts are this over the run's length. */
  shrinkEventsMax: 2_000_000,
  /**
   * Distinct findings minimised and written per campaign; later ones are counted, with the
   * configs that showed them, but not minimised (a model with a bug everywhere would otherwise
   * spend the whole budget minimising).
   */
  findingsMax: 20,
  /** Configs listed per finding as also showing it. */
  configsListedMax: 20,
  /** Longest --seed: config and run seeds are derived from it and must fit a scenario file's seed (100). */
  seedLengthMax: 60,
} as const;

export function resolveRunLimits(overrides?: Partial<RunLimits>): RunLimits {
  return { ...RUN_LIMITS, ...overrides };
}
