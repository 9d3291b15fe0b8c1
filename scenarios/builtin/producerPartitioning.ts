/**
 * Partitioning (KAFKA.md, Producer): keys pick partitions by hash modulo the partition count.
 */
import type { Scenario } from '../scenario.ts';
import { FAST_TIMERS } from './timing.ts';

export const partitionsAddedKeyed: Scenario = {
  name: 'partitions-added-keyed',
  title: 'Partitions added while keyed records flow: a key moves, and its order across the change is lost',
  doc:
    'The admin adds a partition (kafka-topics --alter --partitions) while a producer sends keyed records. The ' +
    'producer notices on its next metadata refresh (metadata.max.age.ms) and hashes keys modulo the new count, so ' +
    'some keys go to another partition from then on; Kafka orders records only within a partition, so a consumer ' +
    'may read a key\'s later records before its earlier ones (KAFKA.md, Cluster).',
  config: {
    ...FAST_TIMERS,
    'model.brokers': 3,
    'num.partitions': 1,
    'replication.factor': 3,
    'min.insync.replicas': 2,
    acks: 'all',
    'model.producers': 1,
    'model.records': 8,
    'model.keys': 2,
    'metadata.max.age.ms': 500,
    'model.faults': 'add-partition',
    'model.faults.max': 2,
  },
  expect: ['key-order'],
  budget: { engine: 'random', runs: 500, stepsMax: 200 },
  seed: 'kmc-1',
};

export const hotKeySkew: Scenario = {
  name: 'hot-key-skew',
  title: 'A hot key under the key-hash partitioner: one partition takes most of the load',
  doc:
    'With the default partitioner a key always goes to toPositive(murmur2(key)) % P. When one key carries most of ' +
    'the traffic (here key k0 carries 75% of the records, five other keys the rest), its partition carries most of the load; Kafka does ' +
    'not rebalance it. kmc reports the skew (partition-skew, an informational property asked for with model.report); ' +
    'kmc check-partitioner compares partitioners on realistic key distributions.',
  config: {
    ...FAST_TIMERS,
    'model.brokers': 3,
    'num.partitions': 3,
    'replication.factor': 3,
    'min.insync.replicas': 2,
    acks: 'all',
    'model.producers': 1,
    'model.records': 12,
    'model.keys': 6,
    'model.keys.hot.percent': 75,
    'model.report': 'partition-skew',
    'model.faults': 'none',
  },
  expect: ['partition-skew'],
  budget: { engine: 'random', runs: 20, stepsMax: 100 },
  seed: 'kmc-1',
};

/** RoundRobinPartitioner in a 3.9 client: asked twice on every new batch (KAFKA-9965). */
export const roundRobinDoubleCall: Scenario = {
  name: 'round-robin-double-call',
  title: 'Kafka 3.9: RoundRobinPartitioner is asked twice on a new batch and skips every other partition (KAFKA-9965)',
  doc:
    'From 2.4 (KIP-480) the producer aborts an append that needs a new batch, calls onNewBatch and asks the ' +
    'partitioner.class again; RoundRobinPartitioner advances its counter on both calls. With two partitions the first ' +
    'call always names the partition without an open batch and the second the other one, so every record lands on ' +
    'one partition (KAFKA-16283 warned users off it in 3.7). model.kafka.version=3.9 gives the double call; 4.0 ' +
    'asks once (KAFKA-17632, KAFKA-18295: round-robin-single-call).',
  config: {
    ...FAST_TIMERS,
    'model.kafka.version': '3.9',
    'model.brokers': 2,
    'num.partitions': 2,
    'replication.factor': 2,
    'min.insync.replicas': 2,
    'partitioner.class': 'round-robin',
    'model.producers': 1,
    'model.records': 8,
    'model.report': 'partition-skew',
    'model.faults': 'none',
  },
  expect: ['partition-skew'],
  budget: { engine: 'random', runs: 20, stepsMax: 100 },
  seed: 'kmc-1',
};

/** The same producer in a 4.0 client: one call per record, an even spread. */
export const roundRobinSingleCall: Scenario = {
  name: 'round-robin-single-call',
  title: 'Kafka 4.0: RoundRobinPartitioner is asked once per record and spreads records evenly',
  doc:
    'KAFKA-17632 made RoundRobinPartitioner answer the second call with the first call\'s partition, and 4.0 removed ' +
    'onNewBatch and the second call (KAFKA-18295). The configuration of round-robin-double-call with ' +
    'model.kafka.version=4.0 alternates between the two partitions: no skew.',
  config: { ...roundRobinDoubleCall.config, 'model.kafka.version': '4.0' },
  expect: 'hold',
  budget: { engine: 'random', runs: 20, stepsMax: 100 },
  seed: 'kmc-1',
};
