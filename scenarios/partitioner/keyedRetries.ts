import type { Scenario } from '../scenario.ts';
import { PARTITIONER_SCENARIO_CONFIG, PARTITIONER_SCENARIO_RUNS, PARTITIONER_SCENARIO_STEPS_MAX } from './base.ts';

/** Keyed records while connections drop and links fail: retries with 5 requests in flight. */
export const keyedRetries: Scenario = {
  name: 'partitioner-keyed-retries',
  title: 'keyed records (4 keys, 2 producers) under dropped connections, link cuts and elections, 5 requests in flight',
  doc:
    'Two idempotent producers with max.in.flight.requests.per.connection=5 send 6 keyed records each while ' +
    'connections drop (in-flight requests and responses lost), links are cut one or both ways, and leaders move: ' +
    'requests are retried behind later ones. Idempotence (sequence numbers, OUT_OF_ORDER_SEQUENCE_NUMBER) keeps each ' +
    "producer's sends to a partition in order and deduplicates retries, whatever partitions the partitioner chose.",
  config: { ...PARTITIONER_SCENARIO_CONFIG, 'model.faults': 'drop,link,one-way,elect' },
  expect: 'hold',
  budget: { engine: 'random', runs: PARTITIONER_SCENARIO_RUNS, stepsMax: PARTITIONER_SCENARIO_STEPS_MAX },
  seed: 'kmc-partitioner-2',
};
