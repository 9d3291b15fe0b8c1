import type { Scenario } from '../scenario.ts';
import { PARTITIONER_SCENARIO_CONFIG, PARTITIONER_SCENARIO_RUNS, PARTITIONER_SCENARIO_STEPS_MAX } from './base.ts';

/** Keyed records while partition leaders crash, are cut off, and move. */
export const keyedFailover: Scenario = {
  name: 'partitioner-keyed-failover',
  title: 'keyed records (4 keys, 2 producers) under leader crashes, isolations and elections',
  doc:
    'Two idempotent producers send 6 records each with 4 keys, on the partitions the partitioner chose, while brokers ' +
    'are killed or isolated and leaders are elected elsewhere: produce requests fail with NOT_LEADER_OR_FOLLOWER or ' +
    'time out and are retried after a metadata refresh. With acks=all, min.insync.replicas=2 and idempotence, Kafka ' +
    'loses, duplicates and reorders nothing, and every key must stay on one partition.',
  config: { ...PARTITIONER_SCENARIO_CONFIG, 'model.faults': 'kill,isolate,elect' },
  expect: 'hold',
  budget: { engine: 'random', runs: PARTITIONER_SCENARIO_RUNS, stepsMax: PARTITIONER_SCENARIO_STEPS_MAX },
  seed: 'kmc-partitioner-1',
};
