/**
 * What an engine asks after each step and at the end of a run. Engines are generic over the
 * model; a Judge binds a model's state to its property catalogue (properties/judge.ts builds the
 * one for the cluster model).
 */
import type { Case } from '../properties/property.ts';

export interface Finding {
  property: string;
  /** The property's one-line definition. */
  doc: string;
  cases: Case[];
  /** Whether Kafka guarantees the property under this run's config. */
  guaranteed: boolean;
  /** When not guaranteed: the config that allows the violation ("min.insync.replicas=1"). */
  because: string | null;
  /** Prose for the first case (explain()), bounded. */
  explanation: string;
}

export interface Judge<S> {
  /** State invariants, checked after every step. */
  afterStep(state: S): Finding[];
  /** History properties, checked once the final read is done. */
  atEnd(state: S): Finding[];
  /**
   * Whether the system under this config is promised to settle once faults heal (and the final
   * read to finish). Without it, liveness findings count as guaranteed.
   */
  livenessGuarantee?(): { guaranteed: boolean; because: string | null };
}
