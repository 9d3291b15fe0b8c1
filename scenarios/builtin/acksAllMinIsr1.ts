import type { Scenario } from '../scenario.ts';
import { FAST_TIMERS } from './timing.ts';

/** min.insync.replicas=1 lets acks=all succeed on the leader alone once the ISR shrinks to it. */
export const acksAllMinIsr1: Scenario = {
  name: 'acks-all-min-isr-1',
  title: 'acks=all with min.insync.replicas=1: the ISR shrinks to the leader, which then loses power',
  doc:
    'acks=all waits for the ISR, not for the replication factor. With min.insync.replicas=1 (Kafka\'s default) the ' +
    'ISR may shrink to the leader alone (followers cut off past replica.lag.time.max.ms), and writes acknowledged then ' +
    'exist on one broker. A power loss takes its unflushed tail; as the last ISR member it is elected again, without ' +
    'them. KAFKA.md (Replication); KIP-966 "last replica standing".',
  config: {
    ...FAST_TIMERS,
    'model.brokers': 3,
    'num.partitions': 1,
    'replication.factor': 3,
    'min.insync.replicas': 1,
    acks: 'all',
    'enable.idempotence': true,
    'model.producers': 1,
    'model.records': 3,
    'model.faults': 'power,isolate,link',
    'model.faults.max': 4,
  },
  // The sharpest symptom: the re-elected leader lacks acknowledged records. The final read then
  // misses them (unseen, or lost-write when later writes reach their offsets).
  expect: ['leader-completeness'],
  budget: { engine: 'random', runs: 3000, stepsMax: 200 },
  seed: 'kmc-1',
};
