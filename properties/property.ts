/**
 * The shape of a property (STYLE.md: one detector per file). A detector returns cases as data;
 * `explain` renders a case as prose a user can follow.
 */
import type { ClusterState } from '../model/cluster/types.ts';
import type { History } from '../model/history.ts';
import type { KmcConfig } from '../model/config.ts';

/** A single finding: data first, rendered by the property's explain(). */
export interface Case {
  property: string;
  /** One line: "v3 acknowledged at p0 offset 1 is missing from the final read". */
  summary: string;
  data: Record<string, unknown>;
  /**
   * Set when this case is one Kafka does not promise against although the property is guaranteed
   * under the config, because of what happened in this run (e.g. retention deleted the records a
   * group had not processed): the reason, in the words of a Guarantee's `because`.
   */
  allowedBecause?: string;
}

/** Whether Kafka guarantees the property under a config, and if not, which keys allow it. */
export type Guarantee = { guaranteed: true } | { guaranteed: false; because: string };

interface PropertyBase {
  /** Stable kebab-case name, Jepsen's where one exists. */
  name: string;
  /** One-line definition. */
  doc: string;
  guaranteedWhen(config: KmcConfig): Guarantee;
  explain(c: Case): string;
  /** A report rather than a rule (load skew): judged only when the config's model.report names it. */
  informational?: boolean;
  /**
   * What in this run, if anything, releases Kafka from its promise for case `c` although the config
   * guarantees the property: the cluster judge sets it as the case's allowedBecause.
   */
  excuse?(c: Case, state: ClusterState): string | undefined;
}

/** Checked after every step. */
export interface StateProperty extends PropertyBase {
  kind: 'state';
  check(state: ClusterState): Case[];
  /**
   * Whether check(state) has a case about `partition`. A case about a partition depends only on
   * that partition's replicas, controller metadata, ghost high watermark and acknowledged sends,
   * and on where the brokers stand (model/cluster/touched.ts), so the judge re-asks only the
   * partitions a step touched while nothing was found.
   */
  hasCaseAt(state: ClusterState, partition: number): boolean;
}

/**
 * Checked once, on the final state of a run that healed and settled (every replica caught up):
 * what is still wrong then is wrong for good, where a state invariant may be broken for a while.
 */
export interface FinalStateProperty extends PropertyBase {
  kind: 'final';
  check(state: ClusterState): Case[];
}

/** Checked at the end of a run, on the history (and the final state, for context). */
export interface HistoryProperty extends PropertyBase {
  kind: 'history';
  /** `state`: the final state (its ghost), where a property judges a case by what happened in the run; absent in unit tests of the history alone. */
  check(history: History, config: KmcConfig, state?: ClusterState): Case[];
}

export type Property = StateProperty | FinalStateProperty | HistoryProperty;
