/**
 * What the check-partitioner scenarios share: Kafka's durable configuration (acks=all,
 * min.insync.replicas=2, replication factor 3, unclean election off, idempotent producer), so
 * that Kafka itself guarantees every property they are judged by — a violation is the
 * partitioner's doing — and a workload small enough to run hundreds of walks per second.
 * Partition leaders start on brokers (p mod 3) + 1, as model/cluster/init.ts assigns them.
 */
import { FAST_TIMERS } from '../builtin/timing.ts';

export const PARTITIONER_SCENARIO_CONFIG = {
  ...FAST_TIMERS,
  'model.brokers': 3,
  'num.partitions': 3,
  'replication.factor': 3,
  'min.insync.replicas': 2,
  'unclean.leader.election.enable': false,
  acks: 'all',
  'enable.idempotence': true,
  // One request in flight: with several, an idempotent producer's first batches on a partition
  // may overtake each other (KAFKA-15591, producer-retries-idempotent), which is no partitioner's doing.
  'max.in.flight.requests.per.connection': 1,
  // Kafka's defaults, spelled out: the plan is computed with this batch.size.
  'batch.size': 16384,
  'linger.ms': 5,
  'model.producers': 2,
  'model.records': 6,
  'model.keys': 4,
  'model.faults.max': 4,
} as const;

/** Walks per scenario and partitioner (kmc check-partitioner --runs overrides it). */
export const PARTITIONER_SCENARIO_RUNS = 200;
/** Most events in one walk's fault phase. */
export const PARTITIONER_SCENARIO_STEPS_MAX = 200;
