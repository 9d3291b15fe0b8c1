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
