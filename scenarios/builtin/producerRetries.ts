/**
 * Producer retries (KAFKA.md, Producer): without idempotence a retry can reorder (more than one
 * request in flight) and duplicate (after a lost response); with idempotence neither happens, but
 * for a producer's first batches on a partition (KAFKA-15591).
 */
import type { Scenario } from '../scenario.ts';
import { FAST_TIMERS } from './timing.ts';

const RETRY_CONFIG: Scenario['config'] = {
  ...FAST_TIMERS,
  'model.brokers': 3,
  'num.partitions': 1,
  'replication.factor': 3,
  'min.insync.replicas': 2,
  acks: 'all',
  'max.in.flight.requests.per.connection': 5,
  'model.producers': 1,
  'model.records': 5,
  'model.faults': 'isolate,link,drop,elect',
  'model.faults.max': 4,
};

export const producerRetriesReorder: Scenario = {
  name: 'producer-retries-reorder',
  title: 'Retries with 5 requests in flight and idempotence off reorder a producer\'s records',
  doc:
    'With max.in.flight.requests.per.connection=5 and enable.idempotence=false, a request rejected with a retriable ' +
    'error (NOT_ENOUGH_REPLICAS while the ISR is short, NOT_LEADER_OR_FOLLOWER after a leader change) is retried ' +
    'after later requests have been appended, so the partition holds the records out of send order (KAFKA.md, ' +
    'Producer; Jepsen\'s nonmonotonic-send).',
  config: { ...RETRY_CONFIG, 'enable.idempotence': false },
  expect: ['nonmonotonic-send'],
  budget: { engine: 'random', runs: 2000, stepsMax: 200 },
  seed: 'kmc-1',
};

export const producerRetriesIdempotent: Scenario = {
  name: 'producer-retries-idempotent',
  title: 'The same retries with enable.idempotence=true: a producer\'s first batches can still overtake each other (KAFKA-15591)',
  doc:
    'The idempotent producer numbers each partition\'s batches; the leader keeps the last 5 batches per producer, ' +
    'answers a retried batch with its original offsets, and rejects a gap with OUT_OF_ORDER_SEQUENCE_NUMBER, so retries ' +
    'neither reorder nor duplicate (KIP-98) -- except for a producer\'s first batches on a partition. A leader with no ' +
    'state for a producer accepts any first sequence (ProducerAppendInfo.checkSequence, Kafka 2.5+, KIP-360): when the ' +
    'first batch is rejected (NOT_ENOUGH_REPLICAS, a leader change) while a later one, in flight beside it, reaches a ' +
    'leader holding none of the producer\'s records, the later one is appended first. The earlier batch then fails ' +
    'OUT_OF_ORDER_SEQUENCE_NUMBER until it expires, or, as the next expected batch, makes the producer bump its epoch ' +
    '(KIP-360), renumber what it has in flight and append it after the later one; a renumbered batch that was already ' +
    'written is written again (KAFKA-15591, also KAFKA-14312 and KAFKA-19880). Kafka does not promise against these ' +
    'cases, so they are reported as not guaranteed; any other reorder or duplicate would be a bug.',
  config: { ...RETRY_CONFIG, 'enable.idempotence': true },
  expect: ['nonmonotonic-send'],
  // Seeds p1..p6 found it within 120-5,708 runs (6 of 10 seeds of bench:power within the old 1,000).
  budget: { engine: 'random', runs: 6000, stepsMax: 200 },
  seed: 'kmc-1',
};

export const producerLostResponseDuplicate: Scenario = {
  name: 'producer-lost-response-duplicate',
  title: 'A lost produce response, retried without idempotence, writes the record twice',
  doc:
    'The leader appends a record and the response is lost with the connection; the producer cannot tell and ' +
    'retries, and the record is appended again at a later offset. Kafka\'s system tests accept duplicates unless ' +
    'idempotence is on (validate_delivery; reference/anomalies.md §4.1).',
  config: { ...RETRY_CONFIG, 'enable.idempotence': false, 'max.in.flight.requests.per.connection': 1, 'model.faults': 'drop', 'model.faults.max': 2 },
  expect: ['duplicate'],
  budget: { engine: 'random', runs: 2000, stepsMax: 120 },
  seed: 'kmc-1',
};
