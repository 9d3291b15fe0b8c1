/**
 * Producer retries (KAFKA.md, Producer): without idempotence a retry can reorder (more than one
 * request in flight) and duplicate (after a lost response); with idempotence neither happens.
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
  title: 'The same retries with enable.idempotence=true neither reorder nor duplicate',
  doc:
    'The idempotent producer numbers each partition\'s records; the leader keeps the last 5 batches per producer, ' +
    'answers a retried batch with its original offset, and rejects a gap with OUT_OF_ORDER_SEQUENCE_NUMBER, which the ' +
    'producer retries in sequence order. Under the same faults the records land once each, in send order (KIP-98).',
  config: { ...RETRY_CONFIG, 'enable.idempotence': true },
  expect: 'hold',
  budget: { engine: 'random', runs: 1000, stepsMax: 200 },
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
