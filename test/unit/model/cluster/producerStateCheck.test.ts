import { describe, expect, it } from 'vitest';
import { createReplica } from '../../../../model/cluster/brokerLifecycle.ts';
import { PRODUCER_BATCHES_RETAINED, checkSequence } from '../../../../model/cluster/producerStateCheck.ts';
import type { ClusterState } from '../../../../model/cluster/index.ts';
import type { ReplicaState } from '../../../../model/cluster/types.ts';
import { sendMessage } from '../../../../model/network/network.ts';
import { apply, applyExact, avoiding, chooseQuiet, deliverNext, holding, inFlight, linesOf, logOf, newCluster, replica, runUntil, sendOp } from './drive.ts';

/** A replica whose log holds records of producer id `pid` with these sequences (and foreign records as -1). */
function logWith(entries: [producerId: number, sequence: number][]): ReplicaState {
  const replica = createReplica(0);
  replica.log = entries.map(([producerId, sequence], i) => ({ epoch: 0, value: `v${i}`, producerId, sequence }));
  return replica;
}

describe('checkSequence', () => {
  it('appends anything from a non-idempotent producer (id -1)', () => {
    expect(checkSequence(logWith([[-1, -1]]), -1, -1)).toEqual({ type: 'append' });
  });

  it('appends sequence 0 for a new producer and the next sequence after the last', () => {
    expect(checkSequence(logWith([]), 1001, 0)).toEqual({ type: 'append' });
    expect(checkSequence(logWith([[1001, 0], [1002, 0], [1001, 1]]), 1001, 2)).toEqual({ type: 'append' });
  });

  it('finds a retried batch among the last 5 and answers its original offset', () => {
    const replica = logWith([[1001, 0], [1002, 0], [1001, 1], [1001, 2]]);
    expect(checkSequence(replica, 1001, 1)).toEqual({ type: 'duplicate', offset: 2 });
    expect(checkSequence(replica, 1001, 0)).toEqual({ type: 'duplicate', offset: 0 });
    expect(checkSequence(replica, 1002, 0)).toEqual({ type: 'duplicate', offset: 1 });
  });

  it('rejects a gap with OUT_OF_ORDER_SEQUENCE_NUMBER', () => {
    expect(checkSequence(logWith([[1001, 0]]), 1001, 2)).toEqual({ type: 'reject', error: 'OUT_OF_ORDER_SEQUENCE_NUMBER' });
    expect(checkSequence(logWith([]), 1001, 1)).toEqual({ type: 'reject', error: 'OUT_OF_ORDER_SEQUENCE_NUMBER' });
  });

  it('rejects an old sequence no longer retained with DUPLICATE_SEQUENCE_NUMBER', () => {
    const sequences = Array.from({ length: PRODUCER_BATCHES_RETAINED + 1 }, (_, i): [number, number] => [1001, i]);
    expect(PRODUCER_BATCHES_RETAINED).toBe(5);
    const replica = logWith(sequences);
    expect(checkSequence(replica, 1001, 0)).toEqual({ type: 'reject', error: 'DUPLICATE_SEQUENCE_NUMBER' });
    expect(checkSequence(replica, 1001, 1)).toEqual({ type: 'duplicate', offset: 1 });
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
  expect(deliverNext(state, 'producer-1', 'broker-1')).toMatchObject({ type: 'Produce', records: [{ value: 'v1', producerId, sequence: idempotent ? 0 : -1 }] });
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
    const produces = (): number => linesOf(state).filter((l) => l === 'producer-1 → broker-1: Produce p0 v1 acks=all').length;
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
    sendMessage(state.network, 'producer-1', 'broker-1', { type: 'Produce', requestId: 'gap-1', partition: 0, acks: -1, records: [{ value: 'v9', producerId, sequence: 2 }] });
    deliverNext(state, 'producer-1', 'broker-1');
    expect(deliverNext(state, 'broker-1', 'producer-1')).toEqual({ type: 'ProduceResponse', requestId: 'gap-1', partition: 0, error: 'OUT_OF_ORDER_SEQUENCE_NUMBER', baseOffset: -1 });
    expect(linesOf(state)).toContain('broker-1 → producer-1: ProduceResponse p0 OUT_OF_ORDER_SEQUENCE_NUMBER');
    expect(logOf(state, 1)).toEqual(['v1@0']);
  });

  it('numbers an idempotent producer\'s records per partition from 0, fixed at first send', () => {
    const state = newCluster({ 'num.partitions': 2, 'model.records': 4, 'enable.idempotence': true, 'model.partition.plan': '0,1,0,1' });
    for (let i = 0; i < 4; i++) apply(state, (e) => e.type === 'send', 'send');
    runUntil(state, (s) => s.history.ops.every((o) => o.type !== 'send' || o.outcome !== null), chooseQuiet);
    const pid = state.producers[0].producerId;
    expect(pid).toBeGreaterThanOrEqual(0);
    const records = [...replica(state, 1, 0).log, ...replica(state, 2, 1).log].map((e) => `${e.value}:${e.producerId}/${e.sequence}`);
    expect(records).toEqual([`v1:${pid}/0`, `v3:${pid}/1`, `v2:${pid}/0`, `v4:${pid}/1`]);
  });
});

describe('idempotent produce with batches', () => {
  it('takes the last sequence from the newest record of the newest batch, so the next batch appends', async () => {
    const { checkSequence } = await import('../../../../model/cluster/producerStateCheck.ts');
    const { createReplica } = await import('../../../../model/cluster/replicaState.ts');
    const replica = createReplica(0);
    const entry = (sequence: number, batchStart: boolean) => ({ epoch: 0, value: `v${sequence}`, producerId: 7, sequence, batchStart });
    replica.log.push(entry(0, true), entry(1, false), entry(2, false));
    expect(checkSequence(replica, 7, 3)).toEqual({ type: 'append' });
    expect(checkSequence(replica, 7, 0)).toEqual({ type: 'duplicate', offset: 0 });
    expect(checkSequence(replica, 7, 5)).toEqual({ type: 'reject', error: 'OUT_OF_ORDER_SEQUENCE_NUMBER' });
  });
});
