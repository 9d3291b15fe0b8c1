import type { Scenario } from '../scenario.ts';
import { FAST_TIMERS } from './timing.ts';

/** acks=1: the leader acknowledges before any follower has the record. */
export const acks1LeaderCrash: Scenario = {
  name: 'acks-1-leader-crash',
  title: 'acks=1: a leader crash loses acknowledged records',
  doc:
    'With acks=1 the leader answers as soon as it has appended. If it crashes before a follower fetched the record, ' +
    'the controller elects a follower that never had it; the old leader later truncates it away. Kafka\'s contract ' +
    'allows this (docs/design.html: "if a less stringent acknowledgement is requested ... the message can be ' +
    'committed ... even if the number of in-sync replicas is lower"); reference/anomalies.md S12.',
  config: {
    ...FAST_TIMERS,
    'model.brokers': 2,
    'num.partitions': 1,
    'replication.factor': 2,
    'min.insync.replicas': 1,
    acks: '1',
    'model.producers': 1,
    'model.records': 2,
    'model.faults': 'kill',
    'model.faults.max': 1,
  },
  expect: ['lost-write'],
  budget: { engine: 'random', runs: 2000, stepsMax: 60, depthMax: 12, statesMax: 200000 },
  seed: 'kmc-1',
};
