import type { Scenario } from '../scenario.ts';
import { FAST_TIMERS } from './timing.ts';

/** Power loss on the last ISR member: the reason for KIP-966 (Eligible Leader Replicas). */
export const lastReplicaStanding: Scenario = {
  name: 'last-replica-standing',
  title: 'acks=all, min.insync.replicas=2: a power loss on the last ISR member loses committed records',
  doc:
    'min.insync.replicas=2 stops new writes once the ISR shrinks to one broker, but the records committed before stay ' +
    'on that broker alone as far as the controller is concerned. Kafka does not fsync by default (flush.messages), so ' +
    'a power loss takes its unflushed tail, and as the last ISR member it is elected again without them. KIP-966 ' +
    '(Eligible Leader Replicas, unclean-shutdown detection) addresses this; Vanlightly\'s v3.5 TLA+ model shows it ' +
    'unless AvoidLastReplicaStanding (reference/replication.md §2.3).',
  config: {
    ...FAST_TIMERS,
    'model.brokers': 3,
    'num.partitions': 1,
    'replication.factor': 3,
    'min.insync.replicas': 2,
    acks: 'all',
    'enable.idempotence': true,
    'model.producers': 1,
    'model.records': 6,
    'model.faults': 'power,isolate,link',
    'model.faults.max': 5,
  },
  expect: ['lost-write'],
  budget: { engine: 'random', runs: 4000, stepsMax: 250 },
  // Re-pinned (was kmc-1) when replication moved to whole batches and Kafka's follower fetch state:
  // the walks shifted; kmc-5 shows the lost write at run 269.
  seed: 'kmc-5',
};
