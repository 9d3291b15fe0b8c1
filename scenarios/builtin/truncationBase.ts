/**
 * The configuration and fault mix shared by the truncation-rule scenarios: durable settings
 * (acks=all, min.insync.replicas=2, RF=3, clean election, idempotence), and the faults that
 * produced the historical divergence bugs — crashes and restarts, leaders isolated from the
 * controller, zombie pauses, and back-to-back leader elections (reference/replication.md §3, §5.3).
 */
import type { Scenario } from '../scenario.ts';
import { FAST_TIMERS } from './timing.ts';

export const TRUNCATION_CONFIG: Scenario['config'] = {
  ...FAST_TIMERS,
  'model.brokers': 3,
  'num.partitions': 1,
  'replication.factor': 3,
  'min.insync.replicas': 2,
  acks: 'all',
  'enable.idempotence': true,
  'model.producers': 1,
  'model.records': 4,
  'model.faults': 'kill,pause,isolate,link,elect',
  'model.faults.max': 6,
};

export const TRUNCATION_BUDGET: Scenario['budget'] = { engine: 'random', runs: 3000, stepsMax: 250 };
