import type { Scenario } from '../scenario.ts';
import { FAST_TIMERS } from './timing.ts';

/** unclean.leader.election.enable=true elects an out-of-sync replica when no ISR member is live. */
export const uncleanLeaderElection: Scenario = {
  name: 'unclean-leader-election',
  title: 'unclean.leader.election.enable=true: an out-of-sync replica becomes leader and committed records vanish',
  doc:
    'When every ISR member is fenced, unclean election picks any live replica; the records it never fetched are ' +
    'gone, and the old leader truncates them when it returns (reference/replication.md §2.2, ocadaruma\'s ' +
    'UncleanLeaderElectionSafety; Kafka\'s truncation_test.py).',
  config: {
    ...FAST_TIMERS,
    'model.brokers': 3,
    'num.partitions': 1,
    'replication.factor': 3,
    'min.insync.replicas': 1,
    'unclean.leader.election.enable': true,
    acks: 'all',
    'enable.idempotence': true,
    'model.producers': 1,
    'model.records': 3,
    'model.faults': 'kill,isolate,link',
    'model.faults.max': 4,
  },
  expect: ['lost-write'],
  budget: { engine: 'random', runs: 3000, stepsMax: 200 },
  seed: 'kmc-1',
};
