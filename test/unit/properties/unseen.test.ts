import { describe, expect, it } from 'vitest';
import { unseen } from '../../../properties/unseen.ts';
import { history, read, safeConfig, sendFail, sendInfo, sendOk } from './fixtures.ts';

const config = safeConfig();

describe('unseen', () => {
  it('fires for an acknowledged offset that the final read never reached', () => {
    const h = history(sendOk('v5', 3, { partition: 1, acks: 1 }), read('v1 v2 v4', { partition: 1, broker: 1, leaderEpoch: 2 }));
    const cases = unseen.check(h, config);
    expect(cases).toHaveLength(1);
    expect(cases[0].summary).toBe('v5 acknowledged at p1 offset 3 (acks=1) was never read; the final read of p1 ends at high watermark 3');
    expect(cases[0].data).toEqual({
      sendId: 'send-5',
      process: 'producer-1',
      value: 'v5',
      partition: 1,
      offset: 3,
      acks: 1,
      finalRead: { readId: 'read-final-1', process: 'reader', partition: 1, final: true, offsetStart: 0, offsetLast: 2, broker: 1, leaderEpoch: 2, highWatermark: 3 },
    });
    expect(unseen.explain(cases[0])).toBe(
      'Let W = the send of v5 to partition 1 (send-5 by producer-1), acknowledged at offset 3 with acks=1. ' +
        'No read ever returned v5, and none reached offset 3: the final read of partition 1 (offsets 0..2 from broker 1, leader epoch 2) ends at high watermark 3. ' +
        'W is unseen, acknowledged yet never read (the log was cut below its offset, or it never became visible).',
    );
  });

  it('fires for an acks=0 send (offset unknown) absent from every read', () => {
    const h = history(sendOk('v6', null, { acks: 0 }), read('v1 v2 v3 v4'));
    const cases = unseen.check(h, config);
    expect(cases).toHaveLength(1);
    expect(cases[0].summary).toBe('v6 acknowledged on p0 with acks=0 (offset unknown) was never read; the final read of p0 ends at high watermark 4');
    expect(cases[0].data).toMatchObject({ value: 'v6', offset: null, acks: 0 });
    const text = unseen.explain(cases[0]);
    expect(text).toContain('acknowledged with acks=0, so its offset is never known');
    expect(text).toContain('No read ever returned v6, including the final read of partition 0 (offsets 0..3 from broker 1, leader epoch 1)');
  });

  it('says why the offset of an acks=all send is unknown: it was acknowledged as DUPLICATE_SEQUENCE_NUMBER (Sender.completeBatch)', () => {
    const cases = unseen.check(history(sendOk('v6', null), read('v1 v2')), config);
    expect(cases[0].summary).toBe('v6 acknowledged on p0 with acks=all (offset unknown) was never read; the final read of p0 ends at high watermark 2');
    expect(unseen.explain(cases[0])).toContain('acknowledged with acks=all as DUPLICATE_SEQUENCE_NUMBER (the broker had its sequences but no longer their offsets), so its offset is never known');
  });

  it('names an empty final read by where it started', () => {
    const h = history(sendOk('v1', 0), read('', { broker: 2, leaderEpoch: 4 }));
    const cases = unseen.check(h, config);
    expect(cases.map((c) => c.summary)).toEqual(['v1 acknowledged at p0 offset 0 (acks=all) was never read; the final read of p0 ends at high watermark 0']);
    expect(unseen.explain(cases[0])).toContain('the final read of partition 0 (empty at offset 0, from broker 2, leader epoch 4) ends at high watermark 0');
  });

  it('judges against the last final read of the partition', () => {
    const h = history(sendOk('v9', 5), read('v1', { id: 'final-a' }), read('v1 v2', { id: 'final-b', broker: 2 }));
    const cases = unseen.check(h, config);
    expect(cases).toHaveLength(1);
    expect(cases[0].data).toMatchObject({ finalRead: { readId: 'final-b', broker: 2 } });
  });

  it('does not fire without a final read, when any read returned the value, or when a read reached the offset', () => {
    const noFinal = history(sendOk('v1', 0), read('v2', { final: false, id: 'read-1' }));
    expect(unseen.check(noFinal, config)).toEqual([]);
    const seenEarlier = history(sendOk('v1', 0), read('v1', { final: false, id: 'read-1' }), read(''));
    expect(unseen.check(seenEarlier, config)).toEqual([]);
    // A read reached offset 0 without v1: that is a lost-write, not unseen.
    const reached = history(sendOk('v1', 0), read('v7'));
    expect(unseen.check(reached, config)).toEqual([]);
    const notAcknowledged = history(sendFail('v1'), sendInfo('v2'), read(''));
    expect(unseen.check(notAcknowledged, config)).toEqual([]);
  });

  it('finds nothing in an empty history', () => {
    expect(unseen.check(history(), config)).toEqual([]);
  });
});
