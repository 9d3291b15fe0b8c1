/**
 * The model contract (DESIGN.md, "The model contract"). Every engine, property and report works
 * on this interface, so another model plugs in without touching the engines.
 *
 * Beyond DESIGN.md's six operations, a model names its run phases (Jepsen's shape: a fault
 * phase, then everything healed, then a final read), because engines must be able to end faults
 * and settle a run without knowing the model's events.
 */
export interface ModelEvent {
  readonly type: string;
}

/**
 * An entry of a model's enabled list (Model.enabledEntries): one event, or a run of events of one
 * type that the model keeps prebuilt and shares (never mutate it), every one of them enabled.
 */
export type EnabledEntry<E> = E | readonly E[];

export interface Model<S, E extends ModelEvent, C> {
  /** Stable model name, written into counterexample files. */
  readonly name: string;
  /** Bumped whenever the meaning of an event or of a state changes; replay checks it. */
  readonly version: string;
  /** Builds the initial state. Pure: the same config and seed give the same state. */
  init(config: C, seed: string): S;
  /** The events that can happen next, in a deterministic order. */
  enabled(state: S): E[];
  /**
   * Optional: enabled(state) with some runs of same-type events left as shared prebuilt arrays
   * (all the network cuts of a fault mix, while none is in force): flattening it gives exactly
   * enabled(state). The random engine weighs a run without copying it into a list every step.
   */
  enabledEntries?(state: S): EnabledEntry<E>[];
  /** Applies one event, mutating `state`. Throws ModelAssertionError on an internal inconsistency. */
  step(state: S, event: E): void;
  /** A deep, independent copy. */
  clone(state: S): S;
  /** Canonical hash: equal states give equal fingerprints, whatever path reached them. */
  fingerprint(state: S): string;
  /**
   * Optional, for partial-order reduction (the exhaustive engine's sleep sets): what `event` may
   * read or write when applied at `state`, as resource names (a node's own state, a shared
   * counter), or null when it may touch anything (faults, virtual-time advances). The model
   * promises: two events enabled at `state` whose footprints are both non-null and disjoint
   * commute (applied in either order they give equal states) and neither disables the other.
   * Without it, every pair of events is dependent and nothing is pruned.
   */
  footprint?(state: S, event: E): readonly string[] | null;
  /** One human line for an event, e.g. "broker 2 crashes (power loss); 3 unflushed records lost". */
  describe(event: E, state: S): string;
  /** True for events that inject a fault (crash, partition, pause, drop, ...); decided by the event's type alone (the swarm mix weighs events by type). */
  isFault(event: E): boolean;
  /**
   * Optional shortcut: the first event of enabled(state) that is not a fault, or null, exactly as
   * enabled(state).find((e) => !isFault(e)) would give it. Settling and the final read ask it at
   * every step; a model can often answer without listing every enabled event.
   */
  firstNonFault?(state: S): E | null;
  /**
   * Optional: virtual milliseconds within which, once every fault is healed, Kafka's own timeouts
   * promise that the model settles (and, counted from its start, that the final read finishes):
   * the longest chain of timeouts recovery can wait on under the state's config, with room to
   * spare. The engines bound the settle and final-read phases by it in virtual time, and by a step
   * bound far above it (checker/limits.ts) against a loop that stops the clock; without it, by the
   * step bounds alone. A step bound alone is not faithful: fifteen consumers heartbeating every
   * 300 ms spend 20,000 steps in 132 s, short of the 300 s a metadata refresh takes.
   */
  settleWithinMs?(state: S): number;
  /** Events that, applied in order, end every fault in force (heal, restart, resume). */
  healEvents(state: S): E[];
  /** True when nothing is left to do but periodic timers: requests answered, replicas caught up. */
  settled(state: S): boolean;
  /** The event that starts the final read, or null when it has started or finished. */
  finalReadEvent(state: S): E | null;
  /** True once the final read has completed. */
  finalReadDone(state: S): boolean;
  /**
   * Optional: true when the workload has nothing left to do at this state (every producer idle:
   * no send left to start, none awaiting an answer). The exhaustive engine completes a run (heal,
   * settle, final read, history properties) only from such states; without it, from every state.
   * Must be cheap: it is asked once per distinct state.
   */
  workloadDone?(state: S): boolean;
  /** Virtual time, in milliseconds. */
  nowMs(state: S): number;
  /**
   * Optional: an abstract coverage map for coverage-guided search (the guided engine). Returns a
   * fresh observer for one run, starting at `state` (the initial state); the engine hands it every
   * state after a step. Without it, the guided engine has no coverage and searches like random.
   */
  coverage?(state: S): CoverageObserver<S, E>;
}

/**
 * Watches one run and names the abstract features its states and steps show: small strings
 * from a bounded set (buckets, never raw offsets or times), so that a search can tell a run that
 * reached something new. It may keep what it needs of the previous state (to see a truncation).
 */
export interface CoverageObserver<S, E> {
  /** Called after each step with the new state and the event applied; calls `add` per feature. */
  observe(state: S, event: E, add: (feature: string) => void): void;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyModel = Model<any, any, any>;
