/**
 * Kafka's durable configuration on the smallest cluster that shows it: three brokers, one
 * partition with three replicas, acks=all, min.insync.replicas=2, idempotence, unclean election off,
 * one producer with one request in flight (with more, an idempotent producer's first batches can
 * overtake each other at a leader with no state for it, KAFKA-15591, which a scenario that holds
 * must not show), on the shortened timers. Scenarios spread it and add their workload and faults.
 */
import { FAST_TIMERS } from './timing.ts';

export const DURABLE_ONE_PARTITION = {
  ...FAST_TIMERS,
  'model.brokers': 3,
  'num.partitions': 1,
  'replication.factor': 3,
  'min.insync.replicas': 2,
  acks: 'all',
  'enable.idempotence': true,
  'max.in.flight.requests.per.connection': 1,
  'model.producers': 1,
} as const;
