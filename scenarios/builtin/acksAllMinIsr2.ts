import type { Scenario } from '../scenario.ts';
import { FAST_TIMERS } from './timing.ts';

/** The configuration Kafka recommends for durability, under every fault but power loss. */
export const acksAllMinIsr2: Scenario = {
  name: 'acks-all-min-isr-2',
  title: 'acks=all, min.insync.replicas=2, RF=3 under kills, pauses, shutdowns, isolations, splits, link cuts, drops and elections',
  doc:
    'Kafka\'s durable configuration (acks=all, min.insync.replicas=2, replication factor 3, unclean election off, ' +
    'idempotent producer) must lose no acknowledged record, duplicate none, and keep replica logs consistent under ' +
    'SIGKILL crashes, zombie pauses, clean shutdowns, isolations, two-way and one-way link cuts, connection drops and ' +
    'admin leader elections (the replication_test.py fault matrix of Kafka\'s system tests). One request in flight: ' +
    'with several, an idempotent producer\'s first batches may overtake each other and a renumbered batch be written ' +
    'twice (KAFKA-15591, producer-retries-idempotent), which Kafka does not promise against but a scenario that holds ' +
    'may not show.',
  config: {
    ...FAST_TIMERS,
    'model.brokers': 3,
    'num.partitions': 2,
    'replication.factor': 3,
    'min.insync.replicas': 2,
    acks: 'all',
    'enable.idempotence': true,
    // KAFKA-15591 (see producer-retries-idempotent) is not what this scenario is about.
    'max.in.flight.requests.per.connection': 1,
    'model.producers': 2,
    'model.records': 3,
    'model.faults': 'kill,pause,shutdown,isolate,split,link,one-way,drop,elect',
    'model.faults.max': 6,
  },
  expect: 'hold',
  budget: { engine: 'random', runs: 2000, stepsMax: 250 },
  seed: 'kmc-1',
};
