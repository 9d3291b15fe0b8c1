/**
 * Kafka's durable configuration (acks=all, min.insync.replicas=2, RF=3, idempotence, unclean
 * election off) beyond the small workloads of the other built-ins: a hundred records in
 * multi-record batches, five brokers with six partitions, and a delivery timeout just above
 * linger.ms + request.timeout.ms. These are the corners where the model once reported false
 * alarms (issue 8): a follower fetch stopping inside a batch, a batch split by record-wise
 * expiry, a leader forgetting a pending ISR change at scale. Each must hold.
 *
 * One request in flight (durable.ts says why); kmc fuzz, which judges only what Kafka
 * guarantees, covers five in flight.
 */
import type { Scenario } from '../scenario.ts';
import { DURABLE_ONE_PARTITION } from './durable.ts';


export const acksAllLargeBatches: Scenario = {
  name: 'acks-all-large-batches',
  title: 'acks=all, min.insync.replicas=2: 120 records in multi-record batches under every fault but power loss',
  doc:
    'One producer sends 120 records to two partitions with linger.ms=1000 and batch.size=400 bytes, so requests carry ' +
    'batches of up to a few dozen records and followers fetch many batches at once. Kafka replicates whole batches ' +
    '(LogSegment.read starts at the batch holding the fetch offset, UnifiedLog.appendAsFollower appends whole ' +
    'batches) and matches a retried batch on its whole sequence range (ProducerStateEntry.findDuplicateBatch), so a ' +
    'new leader never acknowledges a batch it holds only part of: no acknowledged record is lost, duplicated or ' +
    'reordered under kills, pauses, shutdowns, isolations, splits, link cuts, drops and elections.',
  config: {
    ...DURABLE_ONE_PARTITION,
    'model.brokers': 3,
    'num.partitions': 2,
    'model.producers': 1,
    'model.records': 120,
    'linger.ms': 1000,
    'batch.size': 400,
    'model.faults': 'kill,pause,shutdown,isolate,split,link,one-way,drop,elect',
    'model.faults.max': 6,
  },
  expect: 'hold',
  budget: { engine: 'random', runs: 600, stepsMax: 700 },
  seed: 'kmc-1',
};

export const acksAllFiveBrokers: Scenario = {
  name: 'acks-all-five-brokers',
  title: 'acks=all, min.insync.replicas=2 on 5 brokers and 6 partitions, keyed records, under every fault but power loss',
  doc:
    'Two producers send keyed records to six partitions of replication factor 3 spread over five brokers, so ISR ' +
    'changes, elections and fencing happen on several partitions with different leaders at once. The leader keeps ' +
    'a pending ISR change (Partition.PendingExpandIsr / PendingShrinkIsr) until the controller answers it or newer ' +
    'metadata arrives, and computes the high watermark over the maximal ISR meanwhile, so no ISR member the ' +
    'controller knows of lacks a committed record.',
  config: {
    ...DURABLE_ONE_PARTITION,
    'model.brokers': 5,
    'num.partitions': 6,
    'model.producers': 2,
    'model.records': 12,
    'model.keys': 5,
    'model.faults': 'kill,pause,shutdown,isolate,split,link,one-way,drop,elect',
    'model.faults.max': 6,
  },
  expect: 'hold',
  budget: { engine: 'random', runs: 600, stepsMax: 400 },
  seed: 'kmc-1',
};

export const acksAllShortDeliveryTimeout: Scenario = {
  name: 'acks-all-short-delivery-timeout',
  title: 'acks=all, min.insync.replicas=2 with delivery.timeout.ms just above linger.ms + request.timeout.ms',
  doc:
    'delivery.timeout.ms=3300 with linger.ms=200 and request.timeout.ms=3000: batches expire while queued and while ' +
    'in flight. Java expires whole batches from their creation time (RecordAccumulator.expiredBatches, ' +
    'Sender.getExpiredInflightBatches), ignores a late response for an expired batch, marks its sequence unresolved ' +
    'and bumps the producer epoch when the gap is real (KIP-360), so an expiry never splits a batch or misreports an ' +
    'offset, and the producer goes on delivering later records.',
  config: {
    ...DURABLE_ONE_PARTITION,
    'model.brokers': 3,
    'num.partitions': 1,
    'model.producers': 1,
    'model.records': 8,
    'linger.ms': 200,
    'delivery.timeout.ms': 3300,
    'model.faults': 'kill,pause,isolate,link,drop',
    'model.faults.max': 4,
  },
  expect: 'hold',
  budget: { engine: 'random', runs: 1500, stepsMax: 400 },
  seed: 'kmc-1',
};
