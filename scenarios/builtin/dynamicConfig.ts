/**
 * Dynamic topic configs changed during a run (kafka-configs --alter, alter-config faults): the
 * guarantees follow the config in force where it mattered (properties/dynamicConfigAllowance.ts).
 */
import type { Scenario } from '../scenario.ts';
import { FAST_TIMERS } from './timing.ts';

const DURABLE = {
  ...FAST_TIMERS,
  'model.brokers': 3,
  'num.partitions': 1,
  'replication.factor': 3,
  acks: 'all',
  'enable.idempotence': true,
  'model.producers': 1,
} as const;

/** Lowering min.insync.replicas live lets acks=all succeed on the leader alone. */
export const minIsrLoweredLive: Scenario = {
  name: 'min-isr-lowered-live',
  title: 'min.insync.replicas lowered from 2 to 1 during the run: writes acknowledged by the leader alone are lost with its power',
  doc:
    'The topic starts with Kafka\'s durable configuration (min.insync.replicas=2); during the run an admin lowers it to 1 ' +
    '(kafka-configs --alter). Each leader enforces the new value once its metadata brings the change, so once the ISR ' +
    'shrinks to the leader (followers cut off past replica.lag.time.max.ms) acks=all writes are acknowledged with one ' +
    'copy, and a power loss of that broker takes its unflushed tail. Records acknowledged while min.insync.replicas=2 was ' +
    'in force are judged under 2, records acknowledged under 1 under 1: a finding names the alteration that let its record ' +
    'go. Without KIP-966\'s Eligible Leader Replicas a power loss of the last ISR member loses records acknowledged under 2 ' +
    'as well (last-replica-standing), so the shortest counterexample may not need the alteration; with them, only records ' +
    'acknowledged under 1 can go this way.',
  config: {
    ...DURABLE,
    'min.insync.replicas': 2,
    'model.records': 4,
    'model.faults': 'power,isolate,link,alter-config',
    'model.faults.max': 5,
    'model.alter.configs': 'min.insync.replicas=1',
  },
  // The sharpest symptom, as in acks-all-min-isr-1: the re-elected leader lacks acknowledged records.
  expect: ['leader-completeness'],
  budget: { engine: 'random', runs: 3000, stepsMax: 250 },
  seed: 'kmc-1',
};

/** Raising min.insync.replicas live: the records written after it are guaranteed again. */
export const minIsrRaisedLive: Scenario = {
  name: 'min-isr-raised-live',
  title: 'min.insync.replicas raised from 1 to 2 during the run: no acknowledged record is lost under kills, pauses, cuts and elections',
  doc:
    'The topic starts with min.insync.replicas=1, where Kafka promises nothing for acks=all records a single replica ' +
    'acknowledged; during the run an admin raises it to 2 (kafka-configs --alter). From the moment a leader applies the ' +
    'change it answers NOT_ENOUGH_REPLICAS to writes while its ISR is smaller, and the records it acknowledges are judged ' +
    'under min.insync.replicas=2: every guarantee holds for them, under every fault but power loss. The records written ' +
    'before are judged under 1 (none is lost here either: without a disk losing data, Kafka\'s clean elections keep ' +
    'every committed record). Eligible Leader Replicas are off (as before 4.1): with them, the alteration clears every ' +
    'ELR (KAFKA-18649), and a partition whose ISR had emptied into its ELR waits for an unclean election, a loss of ' +
    'availability Kafka has (settling is then not promised) that a scenario that holds must not show; kmc fuzz covers it.',
  config: {
    ...DURABLE,
    'eligible.leader.replicas.version': 0,
    'min.insync.replicas': 1,
    'max.in.flight.requests.per.connection': 1,
    'model.records': 6,
    'model.faults': 'kill,pause,shutdown,isolate,link,drop,elect,alter-config',
    'model.faults.max': 6,
    'model.alter.configs': 'min.insync.replicas=2',
  },
  expect: 'hold',
  budget: { engine: 'random', runs: 2000, stepsMax: 250 },
  seed: 'kmc-1',
};

/** Turning unclean leader election on live: the controller elects an out-of-sync replica. */
export const uncleanEnabledLive: Scenario = {
  name: 'unclean-enabled-live',
  title: 'unclean.leader.election.enable turned on during the run: the controller elects an out-of-sync replica of an offline partition',
  doc:
    'Durable configuration (min.insync.replicas=2, unclean election off) until an admin turns ' +
    'unclean.leader.election.enable on (kafka-configs --alter). A partition whose ISR members are all fenced has no ' +
    'leader; the KRaft controller (3.9+, KAFKA-12670) elects one at its next unclean-election check ' +
    '(unclean.leader.election.interval.ms, shortened here to 1 s from 5 minutes): any live replica, which may lack ' +
    'committed records. They are lost, and Kafka promises nothing for the partition from then on; the verdict names ' +
    'the alteration and the election.',
  config: {
    ...DURABLE,
    'min.insync.replicas': 2,
    'unclean.leader.election.interval.ms': 1000,
    'model.records': 3,
    'model.faults': 'kill,isolate,link,alter-config',
    'model.faults.max': 6,
    'model.alter.configs': 'unclean.leader.election.enable=true',
  },
  expect: ['leader-completeness'],
  budget: { engine: 'random', runs: 3000, stepsMax: 250 },
  seed: 'kmc-1',
};
