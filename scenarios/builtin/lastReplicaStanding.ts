import type { Scenario } from '../scenario.ts';
import { DURABLE_ONE_PARTITION } from './durable.ts';

/**
 * Both sides of KIP-966 on one workload: isolations shrink the ISR to one broker, and one broker
 * loses power (model.crash.max=1: a single unclean shutdown, within the min.insync.replicas - 1
 * that KIP-966 promises to survive). One request in flight, as in acks-all-min-isr-2: with
 * several, KAFKA-15591 shows too (an idempotent producer's first batches overtaking each other).
 */
const ONE_POWER_LOSS_AMONG_ISOLATIONS = {
  ...DURABLE_ONE_PARTITION,
  'model.records': 6,
  'model.faults': 'power,isolate,link',
  'model.faults.max': 5,
  'model.crash.max': 1,
} as const;

/** Power loss on the last ISR member: the reason for KIP-966 (Eligible Leader Replicas). */
export const lastReplicaStanding: Scenario = {
  name: 'last-replica-standing',
  title: 'Kafka 3.9, acks=all, min.insync.replicas=2: a power loss on the last ISR member loses committed records',
  doc:
    'min.insync.replicas=2 stops new writes once the ISR shrinks to one broker, but the records committed before stay ' +
    'on that broker alone as far as the controller is concerned: a fenced last ISR member stays in the ISR. Kafka does ' +
    'not fsync by default (flush.messages), so a power loss takes its unflushed tail, and as the last ISR member it is ' +
    'elected again without them. Kafka 3.9 has no Eligible Leader Replicas (KIP-966 is on by default from 4.1); ' +
    'Vanlightly\'s v3.5 TLA+ model shows the same loss unless AvoidLastReplicaStanding (reference/replication.md §2.3). ' +
    'One power loss is enough: last-replica-standing-elr runs the same faults under 4.1 and holds.',
  config: { ...ONE_POWER_LOSS_AMONG_ISOLATIONS, 'model.kafka.version': '3.9' },
  expect: ['lost-write'],
  // The guided engine finds the lost write from every seed of bench:power (p1..p10) within this budget,
  // the random engine from 4 of 10 (a power loss must hit the last ISR member while it is alone).
  budget: { engine: 'guided', runs: 4000, stepsMax: 250 },
  seed: 'kmc-1',
};

/** The same faults under 4.1: Eligible Leader Replicas survive the power loss of the last ISR member. */
export const lastReplicaStandingElr: Scenario = {
  name: 'last-replica-standing-elr',
  title: 'Kafka 4.1, Eligible Leader Replicas: the same power loss on the last ISR member loses nothing',
  doc:
    'last-replica-standing under 4.1, where eligible.leader.replicas.version=1 is the default (KIP-966; docs, ' +
    'operations/eligible-leader-replicas). Replicas that leave the ISR while it is below min.insync.replicas stay ' +
    'electable (the ELR): the high watermark has not moved since they left (the strict min ISR rule, KAFKA-15583, ' +
    '3.7+), so they hold every committed record. The last ISR member that loses power leaves the ISR when fenced, and ' +
    'registers after an unclean shutdown (no clean shutdown file), which takes it out of the ELR too; an ELR member is ' +
    'elected instead. KIP-903 broker epochs (3.5+) keep the broker that lost records from rejoining the ISR on its old ' +
    'fetches.',
  // linger.ms=0 as 3.9 has it, so the walks are those of last-replica-standing.
  config: { ...ONE_POWER_LOSS_AMONG_ISOLATIONS, 'model.kafka.version': '4.1', 'linger.ms': 0 },
  expect: 'hold',
  // The engine that finds last-replica-standing's lost write, searching the same faults.
  budget: { engine: 'guided', runs: 3000, stepsMax: 250 },
  seed: 'kmc-1',
};
