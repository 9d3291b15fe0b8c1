/**
 * The producer's batches, delivery.timeout.ms and idempotence, driven through the cluster model.
 * Each test names the Java class and method it follows (clients/.../producer/internals).
 */
import { describe, expect, it } from 'vitest';
import { sendMessage } from '../../../../model/network/network.ts';
import { apply, applyExact, avoiding, chooseQuiet, deliverNext, holding, inFlight, linesOf, logOf, newCluster, replica, runUntil, sendOp } from '../cluster/drive.ts';
import type { ClusterState } from '../../../../model/cluster/index.ts';

const send = (state: ClusterState): void => void apply(state, (e) => e.type === 'send', 'send');
const done = (...values: string[]) => (state: ClusterState): boolean => values.every((v) => sendOp(state, v).outcome !== null);

describe('delivery.timeout.ms expires whole batches, counted from their creation', () => {
  it('fails v1 and v2 together at batch creation + delivery.timeout.ms, though v2 joined the batch 1000 ms later (RecordAccumulator.expiredBatches)', () => {
    const state = newCluster({ 'model.brokers': 1, 'replication.factor': 1, 'model.faults': 'kill', 'model.records': 2, 'linger.ms': 200, 'request.timeout.ms': 1000, 'delivery.timeout.ms': 1300 });
    applyExact(state, { type: 'crash', broker: 1, kind: 'kill' });
    send(state);
    runUntil(state, (s) => s.nowMs >= 1000, chooseQuiet);
    send(state);
    runUntil(state, done('v1', 'v2'), chooseQuiet);
    expect(sendOp(state, 'v1').outcome).toEqual({ type: 'fail', error: 'delivery.timeout.ms expired', timeMs: 1300 });
    expect(sendOp(state, 'v2').outcome).toEqual({ type: 'fail', error: 'delivery.timeout.ms expired', timeMs: 1300 });
  });

  it('reports a batch that expired in flight as info, and its late acknowledgement completes nothing (Sender.getExpiredInflightBatches)', () => {
    // v1 opens the batch at 0 ms, v2 joins it at 500 ms; it is drained at 600 ms (linger.ms), moved by a
    // leader change, retried to broker 2, and expires at 3600 ms while that request is out.
    const state = newCluster({ 'model.faults': 'elect', 'model.records': 2, 'linger.ms': 600, 'request.timeout.ms': 3000, 'delivery.timeout.ms': 3600, 'enable.idempotence': true });
    send(state);
    runUntil(state, (s) => s.nowMs >= 500, chooseQuiet);
    send(state);
    runUntil(state, () => inFlight(state, 'producer-1', 'broker-1').some((m) => m.type === 'Produce'), chooseQuiet);
    applyExact(state, { type: 'elect', partition: 0, broker: 2 });
    const holdAnswer = avoiding(holding('broker-2', 'producer-1', 'ProduceResponse'), chooseQuiet);
    runUntil(state, done('v1', 'v2'), holdAnswer);
    expect(sendOp(state, 'v1').outcome).toEqual({ type: 'info', error: 'delivery.timeout.ms expired', timeMs: 3600 });
    expect(sendOp(state, 'v2').outcome).toEqual({ type: 'info', error: 'delivery.timeout.ms expired', timeMs: 3600 });
    // The late answer: broker 2 wrote the batch at offsets 0 and 1; it changes no outcome.
    expect(deliverNext(state, 'broker-2', 'producer-1')).toMatchObject({ type: 'ProduceResponse', error: 'NONE', baseOffset: 0 });
    expect(logOf(state, 2)).toEqual(['v1@1', 'v2@1']);
    expect(sendOp(state, 'v1').outcome?.type).toBe('info');
    expect(sendOp(state, 'v2').outcome?.type).toBe('info');
    // The batch had been retried, so its expiry left the partition unresolved; with nothing else in flight
    // the sender bumped the epoch at once (maybeResolveSequences), before the answer came.
    expect(state.producers[0].producerEpoch).toBe(1);
    expect(state.producers[0].sequences[0]).toMatchObject({ producerEpoch: 1, sequenceNext: 0, unresolvedNext: -1 });
  });
});

describe('idempotence after an expiry: no wedged partition', () => {
  it('sends later records after a batch expired before it was ever drained: it took no sequence (sequences are assigned at drain)', () => {
    const state = newCluster({ 'model.brokers': 1, 'replication.factor': 1, 'model.faults': 'kill', 'model.records': 2, 'enable.idempotence': true, 'request.timeout.ms': 1000, 'delivery.timeout.ms': 1500 });
    applyExact(state, { type: 'crash', broker: 1, kind: 'kill' });
    send(state);
    runUntil(state, done('v1'), chooseQuiet);
    expect(sendOp(state, 'v1').outcome).toMatchObject({ type: 'fail', error: 'delivery.timeout.ms expired' });
    applyExact(state, { type: 'restart', broker: 1 });
    send(state);
    runUntil(state, done('v2'), chooseQuiet);
    expect(sendOp(state, 'v2').outcome).toMatchObject({ type: 'ok', offset: 0 });
    expect(replica(state, 1).log.map((e) => e.value)).toEqual(['v2']);
  });

  it('sends later records after a retried batch expired unwritten: the unresolved sequence is resolved by an epoch bump (KIP-360, maybeResolveSequences)', () => {
    const state = newCluster({ 'model.brokers': 1, 'replication.factor': 1, 'model.faults': 'kill', 'model.records': 2, 'enable.idempotence': true, 'request.timeout.ms': 1000, 'delivery.timeout.ms': 1500 });
    send(state);
    runUntil(state, () => inFlight(state, 'producer-1', 'broker-1').some((m) => m.type === 'Produce'), chooseQuiet);
    // The broker dies before the Produce reaches it: the batch is retried, then expires unwritten.
    applyExact(state, { type: 'crash', broker: 1, kind: 'kill' });
    runUntil(state, done('v1'), chooseQuiet);
    expect(sendOp(state, 'v1').outcome).toMatchObject({ type: 'info', error: 'delivery.timeout.ms expired' });
    applyExact(state, { type: 'restart', broker: 1 });
    send(state);
    runUntil(state, done('v2'), chooseQuiet);
    expect(sendOp(state, 'v2').outcome).toMatchObject({ type: 'ok', offset: 0 });
    expect(replica(state, 1).log.map((e) => e.value)).toEqual(['v2']);
    expect(linesOf(state)).toContain('producer-1 → broker-1: Produce p0 v2 acks=all (producerId 1000, epoch 1, sequences 0-0)');
  });
});

describe('idempotence: errors the client recovers from', () => {
  it('bumps the epoch and retries a batch answered OUT_OF_ORDER_SEQUENCE_NUMBER when it is the next expected one (TransactionManager.canRetry, KIP-360)', () => {
    const state = newCluster({ 'model.brokers': 1, 'replication.factor': 1, 'model.records': 1, 'enable.idempotence': true });
    // The broker holds sequence 5 of this producer's epoch 0, which the client never sent (say, a log it lost).
    replica(state, 1).log.push({ epoch: 0, value: 'x', producerId: 1000, producerEpoch: 0, sequence: 5, batchStart: true });
    send(state);
    runUntil(state, done('v1'), chooseQuiet);
    expect(sendOp(state, 'v1').outcome).toMatchObject({ type: 'ok', offset: 1 });
    expect(linesOf(state)).toEqual(
      expect.arrayContaining([
        'producer-1 → broker-1: Produce p0 v1 acks=all (producerId 1000, epoch 0, sequences 0-0)',
        'broker-1 → producer-1: ProduceResponse p0 OUT_OF_ORDER_SEQUENCE_NUMBER',
        'producer-1 → broker-1: Produce p0 v1 acks=all (producerId 1000, epoch 1, sequences 0-0)',
      ]),
    );
    expect(logOf(state, 1)).toEqual(['x@0', 'v1@0']);
  });

  it('completes a batch answered DUPLICATE_SEQUENCE_NUMBER as a success whose offset the client never learns (Sender.completeBatch)', () => {
    const state = newCluster({ 'model.brokers': 1, 'replication.factor': 1, 'model.records': 1, 'enable.idempotence': true });
    send(state);
    runUntil(state, () => inFlight(state, 'producer-1', 'broker-1').some((m) => m.type === 'Produce'), chooseQuiet);
    const produce = inFlight(state, 'producer-1', 'broker-1').find((m) => m.type === 'Produce')!;
    // A broker before Kafka 1.1 answers a sequence below its retained window with DUPLICATE_SEQUENCE_NUMBER.
    sendMessage(state.network, 'broker-1', 'producer-1', { type: 'ProduceResponse', requestId: (produce as { requestId: string }).requestId, partition: 0, error: 'DUPLICATE_SEQUENCE_NUMBER', baseOffset: -1 });
    deliverNext(state, 'broker-1', 'producer-1');
    expect(sendOp(state, 'v1')).toMatchObject({ attempts: 1, outcome: { type: 'ok', offset: null } });
  });
});
