/**
 * The scenarios `kmc check-partitioner` runs a partitioner through (step (b), end to end). They
 * are not in the built-in registry: each needs the partition plan the partitioner under test
 * chooses (`model.partition.plan`), which check-partitioner computes and adds to the config.
 */
import type { Scenario } from '../scenario.ts';
import { keyedFailover } from './keyedFailover.ts';
import { keyedRetries } from './keyedRetries.ts';
import { nullKeysFailover } from './nullKeysFailover.ts';

export { PARTITIONER_SCENARIO_CONFIG, PARTITIONER_SCENARIO_RUNS, PARTITIONER_SCENARIO_STEPS_MAX } from './base.ts';
export { keyedFailover, keyedRetries, nullKeysFailover };

export const PARTITIONER_SCENARIOS: readonly Scenario[] = [keyedFailover, keyedRetries, nullKeysFailover];
