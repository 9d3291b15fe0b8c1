import { describe, expect, it } from 'vitest';
import { nonmonotonicSend } from '../../../properties/nonmonotonicSend.ts';
import { history, read, safeConfig, sendFail, sendInfo, sendOk } from './fixtures.ts';

const config = safeConfig();

describe('nonmonotonic-send', () => {
  it('fires when the acknowledgements place a later send below an earlier one', () => {
    const h = history(sendOk('v1', 1), sendOk('v2', 0));
    const cases = nonmonotonicSend.check(h, config);
    expect(cases).toHaveLength(1);
    expect(cases[0].property).toBe('nonmonotonic-send');
    expect(cases[0].summary).toBe('producer-1 sent v1 before v2, yet p0 holds v2 at offset 0 and v1 at offset 1 (acknowledgements)');
    expect(cases[0].data).toEqual({
      process: 'producer-1',
      partition: 0,
      earlier: { sendId: 'send-1', value: 'v1', sendIndex: 0 },
      later: { sendId: 'send-2', value: 'v2', sendIndex: 1 },
      acked: { earlierOffset: 1, laterOffset: 0 },
      read: null,
    });
    expect(nonmonotonicSend.explain(cases[0])).toBe(
      'Let E = the send of v1 to partition 0 (send-1 by producer-1, its send 0) and L = a later send of v2 by the same producer to the same partition (send-2, its send 1). ' +
        'The acknowledgements place L at offset 0 and E at offset 1. ' +
        'The producer issued E before L, yet L landed first: a nonmonotonic send.',
    );
  });

  it('fires on the final read alone, for sends whose offsets were never acknowledged', () => {
    const h = history(sendInfo('v1', { attempts: 3 }), sendOk('v2', null, { acks: 0 }), read('v2 v1', { broker: 2, leaderEpoch: 3 }));
    const cases = nonmonotonicSend.check(h, config);
    expect(cases).toHaveLength(1);
    expect(cases[0].summary).toBe('producer-1 sent v1 before v2, yet p0 holds v2 at offset 0 and v1 at offset 1 (the final read)');
    expect(cases[0].data).toMatchObject({
      acked: null,
      read: {
        read: { readId: 'read-final-0', process: 'reader', partition: 0, final: true, offsetStart: 0, offsetLast: 1, broker: 2, leaderEpoch: 3, highWatermark: 2 },
        earlierOffset: 1,
        laterOffset: 0,
      },
    });
    expect(nonmonotonicSend.explain(cases[0])).toBe(
      'Let E = the send of v1 to partition 0 (send-1 by producer-1, its send 0) and L = a later send of v2 by the same producer to the same partition (send-2, its send 1). ' +
        'The final read of partition 0 (offsets 0..1 from broker 2, leader epoch 3) holds v2 at offset 0, before v1 at offset 1. ' +
        'The producer issued E before L, yet L landed first: a nonmonotonic send.',
    );
  });

  it('reports a pair that the acknowledgements and the final read both show once, with both offsets', () => {
    const h = history(sendOk('v1', 2), sendOk('v2', 0), sendOk('v3', 1), read('v2 v3 v1'));
    const cases = nonmonotonicSend.check(h, config);
    expect(cases).toHaveLength(1);
    expect(cases[0].summary).toBe('producer-1 sent v1 before v2, yet p0 holds v2 at offset 0 and v1 at offset 2 (acknowledgements and the final read)');
    expect(cases[0].data).toMatchObject({ acked: { earlierOffset: 2, laterOffset: 0 }, read: { earlierOffset: 2, laterOffset: 0 } });
    const text = nonmonotonicSend.explain(cases[0]);
    expect(text).toContain('The acknowledgements place L at offset 0 and E at offset 2.');
    expect(text).toContain('The final read of partition 0 (offsets 0..2 from broker 1, leader epoch 1) holds v2 at offset 0, before v1 at offset 2.');
  });

  it('keeps the acknowledged evidence of a record the final read no longer holds', () => {
    // v1 was acknowledged at 3 and then lost; v2 and v3 landed at 1 and 2. The read shows no reorder.
    const h = history(sendOk('v1', 3, { acks: 1 }), sendOk('v2', 1, { acks: 1 }), sendOk('v3', 2, { acks: 1 }), read('v0 v2 v3'));
    const cases = nonmonotonicSend.check(h, config);
    expect(cases.map((c) => c.summary)).toEqual(['producer-1 sent v1 before v2, yet p0 holds v2 at offset 1 and v1 at offset 3 (acknowledgements)']);
  });

  it('compares successive sends of one producer to one partition, one case per out-of-order pair', () => {
    const h = history(
      sendOk('v1', 4, { process: 'producer-2', sendIndex: 0 }),
      sendOk('v2', 0, { process: 'producer-2', sendIndex: 1 }),
      sendOk('v3', 1, { process: 'producer-2', sendIndex: 2 }),
      sendOk('v4', 2, { process: 'producer-1', sendIndex: 0 }),
      sendOk('v5', 3, { process: 'producer-1', sendIndex: 1 }),
      sendOk('v6', 1, { process: 'producer-1', sendIndex: 2, partition: 1 }),
      sendOk('v7', 0, { process: 'producer-1', sendIndex: 3, partition: 1 }),
    );
    const cases = nonmonotonicSend.check(h, config);
    expect(cases.map((c) => c.summary)).toEqual([
      'producer-2 sent v1 before v2, yet p0 holds v2 at offset 0 and v1 at offset 4 (acknowledgements)',
      'producer-1 sent v6 before v7, yet p1 holds v7 at offset 0 and v6 at offset 1 (acknowledgements)',
    ]);
  });

  it('does not fire for ordered sends, other producers, other partitions, duplicates, unread values or non-final reads', () => {
    const h = history(
      sendOk('v1', 0),
      sendInfo('v2'),
      sendOk('v3', 3),
      sendFail('v4'),
      sendOk('v5', 1, { process: 'producer-2', sendIndex: 0 }), // another producer may land between
      sendOk('v6', 0, { partition: 1, sendIndex: 5 }), // another partition has its own offsets
      read('v1 v5 v2 v3 v2'), // v2 read twice: a duplicate, ordered by its first sighting
      read('v3 v1', { final: false, id: 'read-9' }), // not a final read
      read('v6', { partition: 1 }),
    );
    expect(nonmonotonicSend.check(h, config)).toEqual([]);
  });

  describe('with idempotence and several requests in flight (KAFKA-15591)', () => {
    const idempotent = safeConfig({ 'enable.idempotence': true });

    it('allows a later send that is its producer\'s first record in the partition: a leader with no state for the producer accepted it first', () => {
      // v1 was rejected (a leader change) while v2, in flight beside it, reached a leader holding none of
      // the producer's records; v1 landed after an epoch bump.
      const h = history(sendOk('v1', 1), sendOk('v2', 0), read('v2 v1'));
      const cases = nonmonotonicSend.check(h, idempotent);
      expect(cases).toHaveLength(1);
      expect(cases[0].allowedBecause).toBe(
        "enable.idempotence=true with max.in.flight.requests.per.connection > 1, and the later send is its producer's first record in the partition: " +
          'a leader with no state for a producer accepts any first sequence (Kafka 2.5+, KAFKA-15591), so an earlier batch in flight beside it can land after it',
      );
    });

    it('does not allow it when another record of the producer lies below the later send: that leader had the producer\'s state', () => {
      const h = history(sendOk('v1', 0), sendOk('v2', 2), sendOk('v3', 1), read('v1 v3 v2'));
      const cases = nonmonotonicSend.check(h, idempotent);
      expect(cases).toHaveLength(1);
      expect(cases[0].allowedBecause).toBeUndefined();
      // A record of another producer below does not count.
      const other = history(sendOk('v9', 0, { process: 'producer-2', sendIndex: 0 }), sendOk('v1', 2), sendOk('v2', 1), read('v9 v2 v1'));
      expect(nonmonotonicSend.check(other, idempotent)[0].allowedBecause).toBeDefined();
    });

    it('does not allow it with one request in flight, where the producer sends a partition one batch at a time', () => {
      const h = history(sendOk('v1', 1), sendOk('v2', 0), read('v2 v1'));
      const cases = nonmonotonicSend.check(h, safeConfig({ 'enable.idempotence': true, 'max.in.flight.requests.per.connection': 1 }));
      expect(cases).toHaveLength(1);
      expect(cases[0].allowedBecause).toBeUndefined();
    });
  });

  it('finds nothing in an empty history', () => {
    expect(nonmonotonicSend.check(history(), config)).toEqual([]);
  });

  it('is guaranteed with idempotence, one request in flight, or no retries, while acknowledged sends survive', () => {
    expect(nonmonotonicSend.guaranteedWhen(safeConfig({ 'enable.idempotence': true }))).toEqual({ guaranteed: true });
    expect(nonmonotonicSend.guaranteedWhen(safeConfig({ 'max.in.flight.requests.per.connection': 1 }))).toEqual({ guaranteed: true });
    expect(nonmonotonicSend.guaranteedWhen(safeConfig({ retries: 0 }))).toEqual({ guaranteed: true });
    expect(nonmonotonicSend.guaranteedWhen(safeConfig())).toEqual({
      guaranteed: false,
      because: 'enable.idempotence=false with max.in.flight.requests.per.connection=5 (a retried batch can land after a later one)',
    });
    expect(nonmonotonicSend.guaranteedWhen(safeConfig({ 'enable.idempotence': true, 'min.insync.replicas': 1 }))).toEqual({
      guaranteed: false,
      because: 'min.insync.replicas=1 (a lost acknowledged send lets a later one take a lower offset)',
    });
    expect(nonmonotonicSend.guaranteedWhen(safeConfig({ 'max.in.flight.requests.per.connection': 1, acks: 1 }))).toEqual({
      guaranteed: false,
      because: 'acks=1 (a lost acknowledged send lets a later one take a lower offset)',
    });
    expect(nonmonotonicSend.guaranteedWhen(safeConfig({ 'max.in.flight.requests.per.connection': 2, 'min.insync.replicas': 1 }))).toEqual({
      guaranteed: false,
      because:
        'enable.idempotence=false with max.in.flight.requests.per.connection=2 (a retried batch can land after a later one), ' +
        'min.insync.replicas=1 (a lost acknowledged send lets a later one take a lower offset)',
    });
  });
});
