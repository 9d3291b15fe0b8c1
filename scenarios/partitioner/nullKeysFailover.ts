import type { Scenario } from '../scenario.ts';
import { PARTITIONER_SCENARIO_CONFIG, PARTITIONER_SCENARIO_RUNS, PARTITIONER_SCENARIO_STEPS_MAX } from './base.ts';

/** Records without keys (the partitioner's sticky or round-robin path) under leader failover. */
export const nullKeysFailover: Scenario = {
  name: 'partitioner-null-keys-failover',
  title: 'records without keys (2 producers) under leader crashes, pauses, isolations and elections',
  doc:
    'Two idempotent producers send 6 records each with no key, so the partitioner spreads them its own way (sticky, ' +
    'round robin, ...), while brokers are killed, paused or isolated and leaders move. Nothing may be lost, duplicated ' +
    'or reordered within a partition.',
  config: { ...PARTITIONER_SCENARIO_CONFIG, 'model.keys': 0, 'model.faults': 'kill,pause,isolate,elect' },
  expect: 'hold',
  budget: { engine: 'random', runs: PARTITIONER_SCENARIO_RUNS, stepsMax: PARTITIONER_SCENARIO_STEPS_MAX },
  seed: 'kmc-partitioner-3',
};
