/** The idempotent producer's sequences (Java TransactionManager, TxnPartitionEntry), on hand-built producer states. */
import { describe, expect, it } from 'vitest';
import type { ProducerBatch, ProducerState } from '../../../../model/clients/producerTypes.ts';
import {
  assignSequence,
  bumpEpochIfRequired,
  canRetryIdempotent,
  handleCompletedBatch,
  handleFailedBatch,
  markSequenceUnresolved,
  maybeResolveSequences,
  shouldStopDrain,
  trackedBatches,
} from '../../../../model/clients/transactionManager.ts';
import { newCluster } from '../cluster/drive.ts';
import { testBatch } from './batches.ts';

function producerWith(partitions = 2): ProducerState {
  return newCluster({ 'enable.idempotence': true, 'num.partitions': partitions }).producers[0];
}

const batch = (partition: number, records: number): ProducerBatch => testBatch(partition, records);

/** Drains `b` as the Sender does: numbered, then out on a request. */
function drained(producer: ProducerState, b: ProducerBatch): ProducerBatch {
  assignSequence(producer, b);
  b.attempts++;
  producer.inFlight.push({ requestId: `produce-${b.batchId}`, broker: 1, partition: b.partition, batch: b, batchExpired: false, sentMs: 0 });
  return b;
}

describe('sequences assigned at drain (RecordAccumulator.drainBatchesForOneNode)', () => {
  it('numbers batches by record count from 0 in the producer epoch, per partition', () => {
    const producer = producerWith();
    const a = drained(producer, batch(0, 3));
    const b = drained(producer, batch(0, 2));
    const c = drained(producer, batch(1, 1));
    expect([a.baseSequence, b.baseSequence, c.baseSequence]).toEqual([0, 3, 0]);
    expect([a.producerEpoch, b.producerEpoch, c.producerEpoch]).toEqual([0, 0, 0]);
    expect(producer.sequences[0]).toEqual({ producerEpoch: 0, sequenceNext: 5, sequenceAcked: -1, unresolvedNext: -1 });
    expect(trackedBatches(producer, 0)).toEqual([a, b]);
  });

  it('tracks a batch back in the deque for a retry, but not one that expired in flight', () => {
    const producer = producerWith();
    const a = drained(producer, batch(0, 1));
    const b = drained(producer, batch(0, 1));
    producer.inFlight = producer.inFlight.filter((r) => r.batch !== a);
    producer.queues[0].push(a);
    producer.inFlight[0].batchExpired = true;
    expect(trackedBatches(producer, 0)).toEqual([a]);
    expect(b.baseSequence).toBe(1);
  });
});

describe('shouldStopDrainBatchesForPartition', () => {
  it('holds a new batch while the partition is unresolved, and a retried one unless it is the first tracked', () => {
    const producer = producerWith();
    const a = drained(producer, batch(0, 1));
    const b = drained(producer, batch(0, 1));
    const fresh = batch(0, 1);
    expect(shouldStopDrain(producer, 0, fresh)).toBe(false);
    markSequenceUnresolved(producer, a);
    expect(shouldStopDrain(producer, 0, fresh)).toBe(true);
    expect(shouldStopDrain(producer, 0, b)).toBe(true);
    expect(shouldStopDrain(producer, 0, a)).toBe(false);
  });

  it('holds a new batch while batches of an older epoch are tracked for its partition', () => {
    const producer = producerWith();
    drained(producer, batch(0, 1));
    producer.producerEpoch = 1;
    expect(shouldStopDrain(producer, 0, batch(0, 1))).toBe(true);
    expect(shouldStopDrain(producer, 1, batch(1, 1))).toBe(false);
  });

  it('restarts a partition left on an older epoch at sequence 0 once nothing of it is tracked (maybeUpdateProducerIdAndEpoch)', () => {
    const producer = producerWith();
    const a = drained(producer, batch(1, 4));
    producer.inFlight = [];
    handleCompletedBatch(producer, a);
    producer.producerEpoch = 1;
    const next = drained(producer, batch(1, 1));
    expect([next.producerEpoch, next.baseSequence]).toEqual([1, 0]);
    expect(producer.sequences[1]).toEqual({ producerEpoch: 1, sequenceNext: 1, sequenceAcked: -1, unresolvedNext: -1 });
  });
});

describe('OUT_OF_ORDER_SEQUENCE_NUMBER (TransactionManager.canRetry)', () => {
  it('retries without a bump a batch that is not the next expected one: an earlier batch may still fill the gap', () => {
    const producer = producerWith();
    drained(producer, batch(0, 1));
    const second = drained(producer, batch(0, 1));
    expect(canRetryIdempotent(producer, second, 'OUT_OF_ORDER_SEQUENCE_NUMBER', false)).toBe(true);
    expect(producer.epochBumpRequired).toBe(false);
  });

  it('bumps the epoch and retries the next expected batch: the gap is real (KIP-360)', () => {
    const producer = producerWith();
    const first = drained(producer, batch(0, 1));
    expect(canRetryIdempotent(producer, first, 'OUT_OF_ORDER_SEQUENCE_NUMBER', false)).toBe(true);
    expect(producer.epochBumpRequired).toBe(true);
    expect(producer.partitionsToRewrite).toEqual([0]);
  });

  it('with an unresolved partition, bumps only for the batch right after the unresolved gap', () => {
    const producer = producerWith();
    const expired = drained(producer, batch(0, 2));
    const after = drained(producer, batch(0, 1));
    const later = drained(producer, batch(0, 1));
    markSequenceUnresolved(producer, expired);
    expect(canRetryIdempotent(producer, later, 'OUT_OF_ORDER_SEQUENCE_NUMBER', false)).toBe(true);
    expect(producer.epochBumpRequired).toBe(false);
    expect(canRetryIdempotent(producer, after, 'OUT_OF_ORDER_SEQUENCE_NUMBER', false)).toBe(true);
    expect(producer.epochBumpRequired).toBe(true);
  });

  it('retries without a bump a batch whose sequence an earlier bump rewrote', () => {
    const producer = producerWith();
    const first = drained(producer, batch(0, 1));
    first.sequenceReset = true;
    expect(canRetryIdempotent(producer, first, 'OUT_OF_ORDER_SEQUENCE_NUMBER', false)).toBe(true);
    expect(producer.epochBumpRequired).toBe(false);
  });

  it('leaves other errors to their retriability', () => {
    const producer = producerWith();
    const first = drained(producer, batch(0, 1));
    expect(canRetryIdempotent(producer, first, 'NOT_LEADER_OR_FOLLOWER', true)).toBe(true);
    expect(canRetryIdempotent(producer, first, 'INVALID_PRODUCER_EPOCH', false)).toBe(false);
    expect(producer.epochBumpRequired).toBe(false);
  });
});

describe('unresolved sequences and the epoch bump (maybeResolveSequences, bumpIdempotentEpochAndResetIdIfNeeded)', () => {
  it('waits while batches are tracked, then resolves without a bump when the expired batch was acknowledged after all', () => {
    const producer = producerWith();
    const expired = drained(producer, batch(0, 2));
    const next = drained(producer, batch(0, 1));
    markSequenceUnresolved(producer, expired);
    maybeResolveSequences(producer);
    expect(producer.sequences[0].unresolvedNext).toBe(2);
    producer.inFlight = [];
    handleCompletedBatch(producer, next);
    maybeResolveSequences(producer);
    expect(producer.sequences[0].unresolvedNext).toBe(-1);
    expect(producer.epochBumpRequired).toBe(false);
  });

  it('bumps the epoch when nothing is tracked and the last acknowledged sequence is not just before the next', () => {
    const producer = producerWith();
    const expired = drained(producer, batch(0, 2));
    markSequenceUnresolved(producer, expired);
    producer.inFlight = [];
    maybeResolveSequences(producer);
    expect(producer.sequences[0].unresolvedNext).toBe(-1);
    expect(producer.epochBumpRequired).toBe(true);
    bumpEpochIfRequired(producer);
    expect(producer.producerEpoch).toBe(1);
    expect(producer.sequences[0]).toEqual({ producerEpoch: 1, sequenceNext: 0, sequenceAcked: -1, unresolvedNext: -1 });
  });

  it('rewrites the tracked batches of the bumped partition from 0 in sequence order, in the deque and on requests; other partitions wait', () => {
    const producer = producerWith();
    const a = drained(producer, batch(0, 2));
    const b = drained(producer, batch(0, 3));
    const other = drained(producer, batch(1, 1));
    producer.inFlight = producer.inFlight.filter((r) => r.batch !== a);
    producer.queues[0].push(a);
    handleFailedBatch(producer, b, 'OUT_OF_ORDER_SEQUENCE_NUMBER', true);
    bumpEpochIfRequired(producer);
    expect([a.producerEpoch, a.baseSequence, a.sequenceReset]).toEqual([1, 0, true]);
    expect([b.producerEpoch, b.baseSequence, b.sequenceReset]).toEqual([1, 2, true]);
    expect(producer.sequences[0]).toEqual({ producerEpoch: 1, sequenceNext: 5, sequenceAcked: -1, unresolvedNext: -1 });
    expect([other.producerEpoch, other.baseSequence]).toEqual([0, 0]);
    expect(producer.sequences[1].producerEpoch).toBe(0);
    expect(producer.epochBumpRequired).toBe(false);
  });

  it('asks for a bump when a batch fails with OUT_OF_ORDER_SEQUENCE_NUMBER or with retries left, not when it expires (handleFailedBatch)', () => {
    const producer = producerWith();
    const a = drained(producer, batch(0, 1));
    handleFailedBatch(producer, a, 'delivery.timeout.ms expired', false);
    expect(producer.epochBumpRequired).toBe(false);
    handleFailedBatch(producer, a, 'INVALID_PRODUCER_EPOCH', true);
    expect(producer.epochBumpRequired).toBe(true);
  });

  it('moves the last acknowledged sequence up only (TxnPartitionEntry.maybeUpdateLastAckedSequence)', () => {
    const producer = producerWith();
    const a = drained(producer, batch(0, 3));
    const b = drained(producer, batch(0, 1));
    handleCompletedBatch(producer, b);
    handleCompletedBatch(producer, a);
    expect(producer.sequences[0].sequenceAcked).toBe(3);
  });
});
