import { describe, expect, it } from 'vitest';
import { createReplica } from '../../../../model/cluster/brokerLifecycle.ts';
import { PRODUCER_BATCHES_RETAINED, checkSequence, producerStateOf } from '../../../../model/cluster/producerStateCheck.ts';
import type { ClusterState } from '../../../../model/cluster/index.ts';
import type { ReplicaState } from '../../../../model/cluster/types.ts';
import { sendMessage } from '../../../../model/network/network.ts';
import { apply, applyExact, avoiding, chooseQuiet, deliverNext, holding, inFlight, linesOf, logOf, newCluster, replica, runUntil, sendOp } from './drive.ts';

/**
 * A replica whose log holds batches, each "producerId/epoch:firstSeq-lastSeq" (one record per
 * sequence, the first marked batchStart), or "-" for a record of a non-idempotent producer.
 */
function logWith(...batches: string[]): ReplicaState {
  const replica = createReplica(0);
  for (const batch of batches) {
    if (batch === '-') {
      replica.log.push({ epoch: 0, value: `x${replica.log.length}`, producerId: -1, producerEpoch: -1, sequence: -1, batchStart: true });
      continue;
    }
    const [, pid, epoch, first, last] = /^(\d+)\/(\d+):(\d+)-(\d+)$/.exec(batch)!.map(Number);
    for (let sequence = first; sequence <= last; sequence++) {
      replica.log.push({ epoch: 0, value: `v${replica.log.length}`, producerId: pid, producerEpoch: epoch, sequence, batchStart: sequence === first });
    }
  }
  return replica;
}

const batch = (producerId: number, producerEpoch: number, firstSeq: number, lastSeq: number) => ({ producerId, producerEpoch, firstSeq, lastSeq });
const OUT_OF_ORDER = { type: 'reject', error: 'OUT_OF_ORDER_SEQUENCE_NUMBER' };

describe('checkSequence (ProducerStateEntry, ProducerAppendInfo)', () => {
  it('appends anything from a non-idempotent producer (id -1)', () => {
    expect(checkSequence(logWith('-'), batch(-1, -1, -1, -1))).toEqual({ type: 'append' });
  });

  it('accepts any first sequence from a producer it has no state for (ProducerAppendInfo.checkSequence, KIP-360, Kafka 2.5+)', () => {
    expect(checkSequence(logWith(), batch(1000, 0, 0, 2))).toEqual({ type: 'append' });
    expect(checkSequence(logWith('2000/0:0-4', '-'), batch(1000, 0, 7, 9))).toEqual({ type: 'append' });
    expect(checkSequence(logWith(), batch(1000, 3, 5, 5))).toEqual({ type: 'append' });
  });

  it('appends the batch that starts right after the last sequence of the current epoch, across other producers\' records', () => {
    expect(checkSequence(logWith('1000/0:0-2', '2000/0:0-0', '-'), batch(1000, 0, 3, 5))).toEqual({ type: 'append' });
  });

  it('rejects a gap, and an old sequence it no longer retains, with OUT_OF_ORDER_SEQUENCE_NUMBER (no DUPLICATE_SEQUENCE_NUMBER since Kafka 1.1, KAFKA-6683)', () => {
    expect(checkSequence(logWith('1000/0:0-2'), batch(1000, 0, 4, 4))).toEqual(OUT_OF_ORDER);
    const sixBatches = logWith('1000/0:0-0', '1000/0:1-1', '1000/0:2-2', '1000/0:3-3', '1000/0:4-4', '1000/0:5-5');
    expect(PRODUCER_BATCHES_RETAINED).toBe(5);
    expect(checkSequence(sixBatches, batch(1000, 0, 0, 0))).toEqual(OUT_OF_ORDER);
    expect(checkSequence(sixBatches, batch(1000, 0, 1, 1))).toEqual({ type: 'duplicate', firstOffset: 1, lastOffset: 1 });
  });

  it('finds a retry among the last 5 batches by its whole sequence range and answers its first and last offsets (findDuplicateBatch)', () => {
    const replica = logWith('1000/0:0-2', '2000/0:0-1', '1000/0:3-4');
    expect(checkSequence(replica, batch(1000, 0, 0, 2))).toEqual({ type: 'duplicate', firstOffset: 0, lastOffset: 2 });
    expect(checkSequence(replica, batch(1000, 0, 3, 4))).toEqual({ type: 'duplicate', firstOffset: 5, lastOffset: 6 });
    expect(checkSequence(replica, batch(2000, 0, 0, 1))).toEqual({ type: 'duplicate', firstOffset: 3, lastOffset: 4 });
  });

  it('does not take a retry whose first sequence is in the log but whose range is not for a duplicate (batchWithSequenceRange(firstSeq, lastSeq))', () => {
    // A new leader that holds only the first two records of the batch 0-3 (a follower that fetched part of it).
    const partial = logWith('1000/0:0-1');
    expect(checkSequence(partial, batch(1000, 0, 0, 3))).toEqual(OUT_OF_ORDER);
    expect(checkSequence(logWith('1000/0:0-3'), batch(1000, 0, 0, 1))).toEqual(OUT_OF_ORDER);
  });

  it('starts a new epoch only at sequence 0, and forgets the batches of the older epoch (maybeUpdateProducerEpoch)', () => {
    const replica = logWith('1000/0:0-2');
    expect(checkSequence(replica, batch(1000, 1, 0, 1))).toEqual({ type: 'append' });
    expect(checkSequence(replica, batch(1000, 1, 3, 4))).toEqual(OUT_OF_ORDER);
    const bumped = logWith('1000/0:0-2', '1000/1:0-1');
    expect(checkSequence(bumped, batch(1000, 1, 2, 3))).toEqual({ type: 'append' });
    expect(checkSequence(bumped, batch(1000, 1, 0, 1))).toEqual({ type: 'duplicate', firstOffset: 3, lastOffset: 4 });
  });

  it('rejects a batch of an older epoch with INVALID_PRODUCER_EPOCH, even a retry of a batch in the log (checkProducerEpoch, Kafka 2.7+)', () => {
    const bumped = logWith('1000/0:0-2', '1000/1:0-1');
    expect(checkSequence(bumped, batch(1000, 0, 0, 2))).toEqual({ type: 'reject', error: 'INVALID_PRODUCER_EPOCH' });
    expect(checkSequence(bumped, batch(1000, 0, 3, 3))).toEqual({ type: 'reject', error: 'INVALID_PRODUCER_EPOCH' });
  });

  it('rebuilds the producer state from the log: epoch, and the last 5 batches of it, oldest first', () => {
    const replica = logWith('1000/0:0-9', '1000/1:0-0', '1000/1:1-2', '-', '1000/1:3-3', '1000/1:4-4', '1000/1:5-6', '1000/1:7-7');
    expect(producerStateOf(replica, 1000)).toEqual({
      producerEpoch: 1,
      batches: [
        { firstSeq: 1, lastSeq: 2, firstOffset: 11, lastOffset: 12 },
        { firstSeq: 3, lastSeq: 3, firstOffset: 14, lastOffset: 14 },
        { firstSeq: 4, lastSeq: 4, firstOffset: 15, lastOffset: 15 },
        { firstSeq: 5, lastSeq: 6, firstOffset: 16, lastOffset: 17 },
        { firstSeq: 7, lastSeq: 7, firstOffset: 18, lastOffset: 18 },
      ],
    });
    expect(producerStateOf(replica, 2000)).toBeNull();
  });

  it('starts a batch at the producer\'s first record of a run when the log lost the batch\'s head (record-wise replication spliced it under a legacy truncation rule)', () => {
    const replica = logWith('2000/0:0-0', '1000/0:0-2');
    replica.log.splice(1, 1); // 1000's batch 0-2 without its first record
    expect(producerStateOf(replica, 1000)).toEqual({ producerEpoch: 0, batches: [{ firstSeq: 1, lastSeq: 2, firstOffset: 1, lastOffset: 2 }] });
  });
});

/** RF 1: the produce commits at append. The ProduceResponse for v1 is in flight when this returns. */
function appendedWithResponseInFlight(idempotent: boolean): ClusterState {
  const state = newCluster({ 'model.brokers': 1, 'replication.factor': 1, 'model.faults': 'drop', 'model.records': 1, 'enable.idempotence': idempotent });
  apply(state, (e) => e.type === 'send', 'send');
  deliverNext(state, 'producer-1', 'broker-1');
  deliverNext(state, 'broker-1', 'producer-1');
  const producerId = state.producers[0].producerId;
  expect(producerId >= 0).toBe(idempotent);
  expect(deliverNext(state, 'producer-1', 'broker-1')).toMatchObject({ type: 'Produce', producerId, producerEpoch: idempotent ? 0 : -1, baseSequence: idempotent ? 0 : -1, records: [{ value: 'v1' }] });
  expect(inFlight(state, 'broker-1', 'producer-1')).toEqual([expect.objectContaining({ type: 'ProduceResponse', error: 'NONE', baseOffset: 0 })]);
  return state;
}

describe('idempotent produce', () => {
  it('answers a retry (same producer id and sequence) with the original offset instead of appending again', () => {
    const state = appendedWithResponseInFlight(true);
    applyExact(state, { type: 'drop', a: 'broker-1', b: 'producer-1' });
    runUntil(state, (s) => sendOp(s, 'v1').outcome !== null, chooseQuiet);
    expect(sendOp(state, 'v1')).toMatchObject({ attempts: 2, outcome: { type: 'ok', offset: 0 } });
    expect(logOf(state, 1)).toEqual(['v1@0']);
  });

  it('without idempotence the same retry appends a duplicate (the contrast)', () => {
    const state = appendedWithResponseInFlight(false);
    applyExact(state, { type: 'drop', a: 'broker-1', b: 'producer-1' });
    runUntil(state, (s) => sendOp(s, 'v1').outcome !== null, chooseQuiet);
    expect(sendOp(state, 'v1')).toMatchObject({ attempts: 2, outcome: { type: 'ok', offset: 1 } });
    expect(logOf(state, 1)).toEqual(['v1@0', 'v1@0']);
  });

  it('holds the answer to a retried acks=all batch until it is committed', () => {
    const state = newCluster({ 'model.records': 1, 'enable.idempotence': true, 'request.timeout.ms': 3000 });
    const holdFollowers = avoiding((e, s) => holding('broker-2', 'broker-1')(e, s) || holding('broker-3', 'broker-1')(e, s), chooseQuiet);
    apply(state, (e) => e.type === 'send', 'send');
    // Appended at the leader, not replicated (follower fetches held): the request times out and is retried.
    const produces = (): number => linesOf(state).filter((l) => l === 'producer-1 → broker-1: Produce p0 v1 acks=all (producerId 1000, epoch 0, sequences 0-0)').length;
    runUntil(state, () => produces() === 2, holdFollowers);
    expect(state.nowMs).toBeGreaterThanOrEqual(3000);
    // The retry found its batch in the log: it waits for the HW (beside the original), it was not appended again.
    expect(logOf(state, 1)).toEqual(['v1@0']);
    expect(replica(state, 1).pendingProduces).toEqual([expect.objectContaining({ baseOffset: 0, offsetRequired: 1 }), expect.objectContaining({ baseOffset: 0, offsetRequired: 1 })]);
    expect(sendOp(state, 'v1').outcome).toBeNull();
    expect(inFlight(state, 'broker-1', 'producer-1')).toEqual([]);
    runUntil(state, (s) => sendOp(s, 'v1').outcome !== null, chooseQuiet);
    expect(sendOp(state, 'v1')).toMatchObject({ attempts: 2, outcome: { type: 'ok', offset: 0 } });
    expect(replica(state, 1).highWatermark).toBe(1);
    expect(logOf(state, 1)).toEqual(['v1@0']);
  });

  it('rejects a sequence gap with OUT_OF_ORDER_SEQUENCE_NUMBER and appends nothing', () => {
    const state = appendedWithResponseInFlight(true);
    deliverNext(state, 'broker-1', 'producer-1');
    // A batch with sequence 2 from the same producer id, as if sequence 1 had been lost.
    const producerId = state.producers[0].producerId;
    sendMessage(state.network, 'producer-1', 'broker-1', { type: 'Produce', requestId: 'gap-1', partition: 0, acks: -1, producerId, producerEpoch: 0, baseSequence: 2, records: [{ value: 'v9' }] });
    deliverNext(state, 'producer-1', 'broker-1');
    expect(deliverNext(state, 'broker-1', 'producer-1')).toEqual({ type: 'ProduceResponse', requestId: 'gap-1', partition: 0, error: 'OUT_OF_ORDER_SEQUENCE_NUMBER', baseOffset: -1 });
    expect(linesOf(state)).toContain('broker-1 → producer-1: ProduceResponse p0 OUT_OF_ORDER_SEQUENCE_NUMBER');
    expect(logOf(state, 1)).toEqual(['v1@0']);
  });

  it('numbers an idempotent producer\'s batches per partition from 0, fixed when first drained', () => {
    const state = newCluster({ 'num.partitions': 2, 'model.records': 4, 'enable.idempotence': true, 'model.partition.plan': '0,1,0,1' });
    for (let i = 0; i < 4; i++) apply(state, (e) => e.type === 'send', 'send');
    runUntil(state, (s) => s.history.ops.every((o) => o.type !== 'send' || o.outcome !== null), chooseQuiet);
    const pid = state.producers[0].producerId;
    expect(pid).toBeGreaterThanOrEqual(0);
    const records = [...replica(state, 1, 0).log, ...replica(state, 2, 1).log].map((e) => `${e.value}:${e.producerId}/${e.sequence}`);
    expect(records).toEqual([`v1:${pid}/0`, `v3:${pid}/1`, `v2:${pid}/0`, `v4:${pid}/1`]);
  });

  it('answers a retried batch of 3 records once its LAST offset is committed, not its first (DelayedProduce waits for lastOffset + 1)', () => {
    const state = newCluster({ 'model.faults': 'drop', 'enable.idempotence': true, 'model.records': 0 });
    // Broker 1 leads p0 and holds the batch 0-2 of producer 1000 at offsets 0..2; only offset 0 is committed.
    const leader = replica(state, 1);
    for (let sequence = 0; sequence < 3; sequence++) leader.log.push({ epoch: 0, value: `v${sequence + 1}`, producerId: 1000, producerEpoch: 0, sequence, batchStart: sequence === 0 });
    leader.highWatermark = 1;
    sendMessage(state.network, 'producer-1', 'broker-1', { type: 'Produce', requestId: 'retry-1', partition: 0, acks: -1, producerId: 1000, producerEpoch: 0, baseSequence: 0, records: [{ value: 'v1' }, { value: 'v2' }, { value: 'v3' }] });
    deliverNext(state, 'producer-1', 'broker-1');
    expect(inFlight(state, 'broker-1', 'producer-1')).toEqual([]);
    expect(leader.pendingProduces).toEqual([{ requestId: 'retry-1', client: 'producer-1', offsetRequired: 3, baseOffset: 0 }]);
    expect(logOf(state, 1)).toEqual(['v1@0', 'v2@0', 'v3@0']);
  });

  it('does not acknowledge a retried batch of which a new leader holds only the first records: OUT_OF_ORDER_SEQUENCE_NUMBER (batchWithSequenceRange)', () => {
    const state = newCluster({ 'model.faults': 'drop', 'enable.idempotence': true, 'model.records': 0 });
    // Broker 1 leads p0 holding the first 2 records of producer 1000's batch 0-3 (as a follower that fetched part of it would).
    const leader = replica(state, 1);
    for (let sequence = 0; sequence < 2; sequence++) leader.log.push({ epoch: 0, value: `v${sequence + 1}`, producerId: 1000, producerEpoch: 0, sequence, batchStart: sequence === 0 });
    leader.highWatermark = 2;
    sendMessage(state.network, 'producer-1', 'broker-1', { type: 'Produce', requestId: 'retry-1', partition: 0, acks: -1, producerId: 1000, producerEpoch: 0, baseSequence: 0, records: [{ value: 'v1' }, { value: 'v2' }, { value: 'v3' }, { value: 'v4' }] });
    deliverNext(state, 'producer-1', 'broker-1');
    expect(inFlight(state, 'broker-1', 'producer-1')).toEqual([{ type: 'ProduceResponse', requestId: 'retry-1', partition: 0, error: 'OUT_OF_ORDER_SEQUENCE_NUMBER', baseOffset: -1 }]);
    expect(leader.pendingProduces).toEqual([]);
    expect(logOf(state, 1)).toEqual(['v1@0', 'v2@0']);
  });
});
