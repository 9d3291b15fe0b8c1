/**
 * Every bound the engines, shrinking and replay rely on, in one place (STYLE.md: put a limit on
 * everything). A run that exceeds a settle or final-read bound is a liveness finding, not a hang.
 */
export interface RunLimits {
  /**
   * Most events the settle phase takes after the heal before the run is "did not settle". A
   * model that says how long settling may take (Model.settleWithinMs) is bounded by that virtual
   * time; this bound is far above it, a last guard.
   */
  settleStepsMax: number;
  /** Most events the final read may take before the run is "final read incomplete" (the same way). */
  finalReadStepsMax: number;
  /**
   * Most events the settle phase or the final read take at one virtual instant, the clock not
   * moving: past it the run is stalled in a loop that no timeout ends (every Kafka round trip
   * takes time; the model's take none).
   */
  instantStepsMax: number;
  /**
   * Most events the settle phase or the final read take where Kafka does not promise to settle
   * (Judge.livenessGuarantee: legacy truncation, static members and coordinator moves, ...): a
   * did-not-settle there is allowed whenever it is reported, so the run does not go on to the
   * model's time bound, which can be 10^5 events and more.
   */
  unpromisedStepsMax: number;
  /** Most heal events a model may hand back at once (more is a model bug). */
  healEventsMax: number;
}

export const RUN_LIMITS: RunLimits = {
  /**
   * Far above the steps a model takes within its settleWithinMs: idle, the cluster model takes
   * 36 events per virtual second (3 brokers) to 170 (7 brokers, 12 partitions), the group model
   * 15 to 450 (18 consumers heartbeating every 100 ms), and settling legitimately waits up to a
   * metadata refresh (300 s by default) or a delivery timeout.
   */
  settleStepsMax: 1_000_000,
  finalReadStepsMax: 1_000_000,
  /**
   * Far above what one instant legitimately holds (a burst of deliveries after a heal, every
   * member's heartbeat due together), and the old step bound of a whole settle phase: a group
   * rebalancing for ever at one instant (group-kafkajs-roundrobin-differing-subscriptions) ends
   * as before.
   */
  instantStepsMax: 20_000,
  /** The old bound of every settle phase: what a run costs where settling is not promised stays as it was. */
  unpromisedStepsMax: 20_000,
  healEventsMax: 1000,
};

export const SEARCH_LIMITS = {
  /** Re-runs the random-engine shrinker may spend on one counterexample. */
  shrinkAttemptsMax: 400,
  /** Exhaustive search defaults when neither the scenario nor the options bound it. */
  depthMaxDefault: 12,
  statesMaxDefault: 100_000,
  /**
   * Frontier states the exhaustive search holds whole (a cluster state is ~10 KB); past them a
   * frontier entry holds only its node, and its state is rebuilt by replaying its path from the
   * initial state when its turn comes (a few steps at the depths a search reaches), so a search of
   * a million states fits in memory.
   */
  frontierStatesHeldMax: 20_000,
  /**
   * Largest choice value fast-check generates (a choice picks enabled[choice % enabled.length]).
   * Small enough that shrinking a value takes few steps, large enough that the modulo bias over
   * a few dozen enabled events stays small.
   */
  pbtChoiceMax: 0x3ff,
  /** Model runs fast-check may spend shrinking one counterexample; past it the best so far stands. */
  pbtShrinkRunsMax: 400,
  /** Runs the guided engine keeps in its corpus; past it a new one replaces a random one. */
  guidedCorpusMax: 4000,
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
   * Events delta debugging may spend on one finding (a did-not-settle run alone can be 10^5
   * events and more); past it the keys found so far stand, reported as not fully minimised.
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

/** The bounds of --workers (checker/parallel/): random walks run in worker threads. */
export const PARALLEL_LIMITS = {
  /** Most worker threads (--workers). */
  workersMax: 64,
  /** Runs per chunk handed to a worker: small enough to stop soon after a violation, large enough that messages cost little. */
  chunkRuns: 4,
  /** Chunks a worker holds at once, so it never waits for the next one. */
  chunksInFlightPerWorker: 2,
  /** Chunks handed out past the one the search is waiting for (work done past a violation is dropped). */
  chunksAheadMax: 64,
  /** A reply from some worker must come within this (a stuck worker thread, not a slow run). */
  replyWaitMs: 600_000,
} as const;

export function resolveRunLimits(overrides?: Partial<RunLimits>): RunLimits {
  return { ...RUN_LIMITS, ...overrides };
}
