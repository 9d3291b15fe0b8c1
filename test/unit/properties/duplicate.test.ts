import { describe, expect, it } from 'vitest';
import { duplicate } from '../../../properties/duplicate.ts';
import { history, read, safeConfig, sendOk } from './fixtures.ts';

const config = safeConfig();

describe('duplicate', () => {
  it('fires when one read holds a value at two offsets', () => {
    const h = history(sendOk('v3', 1, { acks: 1, attempts: 2 }), read('v1 v3 v4 v5 v3', { broker: 2, leaderEpoch: 3 }));
    const cases = duplicate.check(h, config);
    expect(cases).toHaveLength(1);
    expect(cases[0].summary).toBe('v3 appears at p0 offsets 1 and 4');
    const finalRead = { readId: 'read-final-0', process: 'reader', partition: 0, final: true, offsetStart: 0, offsetLast: 4, broker: 2, leaderEpoch: 3, highWatermark: 5 };
    expect(cases[0].data).toEqual({
      partition: 0,
      value: 'v3',
      offsets: [1, 4],
      sightings: [
        { offset: 1, read: finalRead },
        { offset: 4, read: finalRead },
      ],
      sendId: 'send-3',
      process: 'producer-1',
      attempts: 2,
    });
    expect(duplicate.explain(cases[0])).toBe(
      'Let W = the send of v3 to partition 0 (send-3 by producer-1, 2 attempts). ' +
        'The final read of partition 0 (offsets 0..4 from broker 2, leader epoch 3) holds v3 at offsets 1 and 4. ' +
        'Each send writes its value once, yet the log holds v3 at 2 offsets: a duplicate.',
    );
  });

  it('fires across reads, listing offsets ascending', () => {
    const h = history(read('v1 v2 v3 v8', { final: false, id: 'read-7', process: 'consumer-1' }), read('v8 v2 v3', { broker: 3, leaderEpoch: 2 }));
    const cases = duplicate.check(h, config);
    expect(cases.map((c) => c.summary)).toEqual(['v8 appears at p0 offsets 0 and 3']);
    const text = duplicate.explain(cases[0]);
    expect(text).toContain('The value v8 (no send of it is in the history) was read on partition 0.');
    expect(text).toContain(
      'The final read of partition 0 (offsets 0..2 from broker 3, leader epoch 2) holds v8 at offset 0, and a read of partition 0 by consumer-1 (read-7: offsets 0..3 from broker 1, leader epoch 1) holds it at offset 3.',
    );
  });

  it('does not fire when reads agree on one offset per value, or for values in different partitions', () => {
    const h = history(read('v1 v2', { final: false, id: 'read-1' }), read('v1 v2 v3'), read('v9 v1', { partition: 1 }));
    expect(duplicate.check(h, config)).toEqual([]);
  });

  describe('with idempotence and several requests in flight (KAFKA-15591)', () => {
    const idempotent = safeConfig({ 'enable.idempotence': true });
    const sends = ['v1', 'v2', 'v3', 'v4'].map((v, i) => sendOk(v, null, { sendIndex: i }));

    it('allows a copy of a record that overtook an earlier send of its producer as its first in the partition, appended again after the epoch bump', () => {
      // v3 and v4 were appended first by a leader with no state for the producer; the bump renumbered
      // them behind v1 and v2, and a retry appended them again.
      const cases = duplicate.check(history(...sends, read('v3 v4 v1 v2 v3 v4')), idempotent);
      expect(cases.map((c) => c.summary)).toEqual(['v3 appears at p0 offsets 0 and 4', 'v4 appears at p0 offsets 1 and 5']);
      expect(cases[0].allowedBecause).toBe(
        "enable.idempotence=true with max.in.flight.requests.per.connection > 1, and the first copy is among the records that overtook an earlier send of their producer as its first in the partition: " +
          'a leader with no state for a producer accepts any first sequence (Kafka 2.5+, KAFKA-15591); the epoch bump that follows renumbers them, and a retry appends them again',
      );
      expect(cases[1].allowedBecause).toBeDefined();
    });

    it('does not allow a duplicate in order, one after the overtaken send, one in a read from past the log start, or with one request in flight', () => {
      expect(duplicate.check(history(...sends, read('v1 v2 v3 v3 v4')), idempotent)[0].allowedBecause).toBeUndefined();
      expect(duplicate.check(history(...sends, read('v3 v1 v4 v2 v4')), idempotent)[0].allowedBecause).toBeUndefined();
      expect(duplicate.check(history(...sends, read('v3 v1 v2 v3', { offsetStart: 2 })), idempotent)[0].allowedBecause).toBeUndefined();
      const oneInFlight = safeConfig({ 'enable.idempotence': true, 'max.in.flight.requests.per.connection': 1 });
      expect(duplicate.check(history(...sends, read('v3 v4 v1 v2 v3 v4')), oneInFlight)[0].allowedBecause).toBeUndefined();
    });
  });

  it('finds nothing in an empty history', () => {
    expect(duplicate.check(history(), config)).toEqual([]);
  });

  it('is guaranteed only with idempotence', () => {
    expect(duplicate.guaranteedWhen(safeConfig({ 'enable.idempotence': true }))).toEqual({ guaranteed: true });
    expect(duplicate.guaranteedWhen(safeConfig({ 'enable.idempotence': false }))).toEqual({
      guaranteed: false,
      because: 'enable.idempotence=false (retries may append twice)',
    });
  });

  it('is re-judged with idempotence: guaranteed with the idempotent producer and acks=all, whatever the in-flight limit or retries', () => {
    // (retries=0 with idempotence is refused by the config, as in Java.)
    for (const overrides of [{}, { 'max.in.flight.requests.per.connection': 5 }, { 'max.in.flight.requests.per.connection': 1 }, { retries: 1 }]) {
      expect(duplicate.guaranteedWhen(safeConfig({ 'enable.idempotence': true, acks: 'all', ...overrides }))).toEqual({ guaranteed: true });
    }
    expect(duplicate.guaranteedWhen(safeConfig({ 'enable.idempotence': false, acks: 'all' }))).toEqual({
      guaranteed: false,
      because: 'enable.idempotence=false (retries may append twice)',
    });
  });
});

describe('duplicate: guarantee under unsafe replication', () => {
  it('is not guaranteed, even with idempotence, where logs can diverge or lose acknowledged records', () => {
    const legacy = duplicate.guaranteedWhen(safeConfig({ 'enable.idempotence': true, 'model.truncation': 'kip-279', 'model.fencing': false }));
    expect(legacy.guaranteed).toBe(false);
    expect(legacy.guaranteed ? '' : legacy.because).toContain('model.truncation=kip-279');
    expect(duplicate.guaranteedWhen(safeConfig({ 'enable.idempotence': true, 'unclean.leader.election.enable': true })).guaranteed).toBe(false);
  });
});
