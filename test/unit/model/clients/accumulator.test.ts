/** The RecordAccumulator: batches formed at append, readiness, expiry from the front, re-enqueue in sequence order. */
import { describe, expect, it } from 'vitest';
import { append, fitsOpenBatch, openBatchBytes, readyAtMs, reenqueue, takeExpiredBatches } from '../../../../model/clients/accumulator.ts';
import { RECORD_BATCH_HEADER_BYTES } from '../../../../model/clients/recordSize.ts';
import type { ClusterState } from '../../../../model/cluster/index.ts';
import { newCluster } from '../cluster/drive.ts';

const record = (value: string) => ({ opId: `send-${value}`, value, key: null, sizeBytes: 10 });

function cluster(overrides: Record<string, unknown> = {}): { state: ClusterState; values: () => string[][] } {
  const state = newCluster({ 'linger.ms': 100, 'batch.size': RECORD_BATCH_HEADER_BYTES + 30, ...overrides });
  return { state, values: () => state.producers[0].queues[0].map((b) => b.records.map((r) => r.value)) };
}

describe('RecordAccumulator.append', () => {
  it('appends to the last batch while the record fits in batch.size, then opens a new batch stamped with the time it was opened', () => {
    const { state, values } = cluster();
    const producer = state.producers[0];
    expect(append(state, producer, 0, record('a'))).toBe(RECORD_BATCH_HEADER_BYTES + 10);
    state.nowMs = 40;
    expect(append(state, producer, 0, record('b'))).toBe(10);
    expect(append(state, producer, 0, record('c'))).toBe(10);
    expect(fitsOpenBatch(state, producer, 0, 10)).toBe(false);
    state.nowMs = 70;
    append(state, producer, 0, record('d'));
    expect(values()).toEqual([['a', 'b', 'c'], ['d']]);
    expect(producer.queues[0].map((b) => b.createdMs)).toEqual([0, 70]);
    expect(openBatchBytes(producer, 0)).toBe(RECORD_BATCH_HEADER_BYTES + 10);
  });

  it('gives a record larger than batch.size a batch of its own', () => {
    const { state, values } = cluster({ 'batch.size': 1 });
    append(state, state.producers[0], 0, record('a'));
    append(state, state.producers[0], 0, record('b'));
    expect(values()).toEqual([['a'], ['b']]);
  });

  it('never appends to a batch that was drained (one back for a retry is closed)', () => {
    const { state, values } = cluster();
    const producer = state.producers[0];
    append(state, producer, 0, record('a'));
    const [sent] = producer.queues[0].splice(0, 1);
    sent.attempts = 1;
    reenqueue(state, producer, sent);
    append(state, producer, 0, record('b'));
    expect(values()).toEqual([['a'], ['b']]);
  });
});

describe('RecordAccumulator.ready', () => {
  it('sends a batch once it lingered linger.ms from its creation, at once when full or when another batch waits behind it', () => {
    const { state } = cluster();
    const producer = state.producers[0];
    append(state, producer, 0, record('a'));
    expect(readyAtMs(state, producer.queues[0])).toBe(100);
    append(state, producer, 0, record('b'));
    append(state, producer, 0, record('c'));
    expect(readyAtMs(state, producer.queues[0])).toBe(0);
    const { state: other } = cluster();
    const second = other.producers[0];
    append(other, second, 0, record('a'));
    append(other, second, 0, { ...record('big'), sizeBytes: 40 });
    expect(readyAtMs(other, second.queues[0])).toBe(0);
  });

  it('sends a retried batch once its retry.backoff.ms is over, whatever linger.ms', () => {
    const { state } = cluster({ 'linger.ms': 1000, 'retry.backoff.ms': 50 });
    const producer = state.producers[0];
    append(state, producer, 0, record('a'));
    const [sent] = producer.queues[0].splice(0, 1);
    sent.attempts = 1;
    state.nowMs = 10;
    reenqueue(state, producer, sent);
    expect(sent.retry).toBe(true);
    expect(readyAtMs(state, producer.queues[0])).toBe(60);
  });
});

describe('expiry and re-enqueue', () => {
  it('expires whole batches from the front of the deque, counted from their creation (expiredBatches)', () => {
    const { state, values } = cluster({ 'batch.size': RECORD_BATCH_HEADER_BYTES + 10, 'request.timeout.ms': 1000, 'delivery.timeout.ms': 1200 });
    const producer = state.producers[0];
    append(state, producer, 0, record('a'));
    state.nowMs = 500;
    append(state, producer, 0, record('b'));
    state.nowMs = 1199;
    expect(takeExpiredBatches(state, producer)).toEqual([]);
    state.nowMs = 1200;
    expect(takeExpiredBatches(state, producer).map((b) => b.records[0].value)).toEqual(['a']);
    expect(values()).toEqual([['b']]);
  });

  it('puts an idempotent retry after the batches of lower sequence, before those not yet numbered (insertInSequenceOrder)', () => {
    const { state, values } = cluster({ 'batch.size': RECORD_BATCH_HEADER_BYTES + 10 });
    const producer = state.producers[0];
    for (const v of ['a', 'b', 'c', 'd']) append(state, producer, 0, record(v));
    const [a, b, c] = producer.queues[0].splice(0, 3);
    [a, b, c].forEach((batch, i) => Object.assign(batch, { attempts: 1, producerEpoch: 0, baseSequence: i }));
    reenqueue(state, producer, c);
    reenqueue(state, producer, a);
    reenqueue(state, producer, b);
    expect(values()).toEqual([['a'], ['b'], ['c'], ['d']]);
  });

  it('puts a retry without idempotence at the front', () => {
    const { state, values } = cluster({ 'batch.size': RECORD_BATCH_HEADER_BYTES + 10 });
    const producer = state.producers[0];
    for (const v of ['a', 'b', 'c']) append(state, producer, 0, record(v));
    const [a, b] = producer.queues[0].splice(0, 2);
    a.attempts = b.attempts = 1;
    reenqueue(state, producer, a);
    reenqueue(state, producer, b);
    expect(values()).toEqual([['b'], ['a'], ['c']]);
  });
});
