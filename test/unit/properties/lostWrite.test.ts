import { describe, expect, it } from 'vitest';
import { lostWrite } from '../../../properties/lostWrite.ts';
import { history, read, safeConfig, sendFail, sendInfo, sendOk } from './fixtures.ts';

const config = safeConfig();

describe('lost-write', () => {
  it('fires when a read past the acknowledged offset lacks the value', () => {
    const h = history(sendOk('v3', 1), read('v1 v7 v8 v9 v10', { broker: 2, leaderEpoch: 3 }));
    const cases = lostWrite.check(h, config);
    expect(cases).toHaveLength(1);
    expect(cases[0].property).toBe('lost-write');
    expect(cases[0].summary).toBe('v3 acknowledged at p0 offset 1 (acks=all) is missing from the final read, which holds v7 there');
    expect(cases[0].data).toEqual({
      sendId: 'send-3',
      process: 'producer-1',
      value: 'v3',
      partition: 0,
      offset: 1,
      acks: -1,
      read: { readId: 'read-final-0', process: 'reader', partition: 0, final: true, offsetStart: 0, offsetLast: 4, broker: 2, leaderEpoch: 3, highWatermark: 5 },
      valueAtOffset: 'v7',
      epochAtOffset: 3,
      readsMissing: 1,
    });
    expect(lostWrite.explain(cases[0])).toBe(
      'Let W = the send of v3 to partition 0 (send-3 by producer-1), acknowledged at offset 1 with acks=all. ' +
        'However the final read of partition 0 (offsets 0..4 from broker 2, leader epoch 3) holds v7 at offset 1 and no v3 anywhere: a lost write.',
    );
  });

  it('prefers a final read as evidence and counts every read that reached past the write', () => {
    const h = history(
      sendOk('v3', 1, { acks: 1 }),
      read('v1 v7', { final: false, id: 'read-4', process: 'consumer-1', broker: 1, leaderEpoch: 2 }),
      read('v1 - v8', { broker: 3, leaderEpoch: 4 }),
    );
    const cases = lostWrite.check(h, config);
    expect(cases).toHaveLength(1);
    expect(cases[0].data).toMatchObject({ readsMissing: 2, valueAtOffset: null, epochAtOffset: null, read: { readId: 'read-final-0', offsetLast: 2 } });
    const text = lostWrite.explain(cases[0]);
    expect(text).toContain('acknowledged at offset 1 with acks=1');
    expect(text).toContain('the final read of partition 0 (offsets 0..2 from broker 3, leader epoch 4) holds nothing at offset 1 and no v3 anywhere');
    expect(text).toContain('In all, 2 reads that reached offset 1 lack v3.');
  });

  it('names a non-final read by its process and id', () => {
    const h = history(sendOk('v3', 0), read('v9', { final: false, id: 'read-4', process: 'consumer-2', broker: 1, leaderEpoch: 2 }));
    const cases = lostWrite.check(h, config);
    expect(cases[0].summary).toBe('v3 acknowledged at p0 offset 0 (acks=all) is missing from read-4, which holds v9 there');
    expect(lostWrite.explain(cases[0])).toContain('However a read of partition 0 by consumer-2 (read-4: offsets 0..0 from broker 1, leader epoch 2) holds v9 at offset 0');
  });

  it('does not fire when the value is read, when no read reached the offset, or for unacknowledged sends', () => {
    const h = history(
      sendOk('v1', 0),
      sendOk('v2', 1),
      sendOk('v5', 5), // no read reached offset 5: unseen territory, not lost-write
      sendOk('v6', null, { acks: 0 }),
      sendOk('v9', 2, { partition: 1 }), // partition 1 was never read
      sendFail('v3'),
      sendInfo('v4'),
      read('v1 v2 v3'),
      read('v2', { final: false, offsetStart: 1, id: 'read-2' }),
      read('v1', { final: false, offsetStart: 0, id: 'read-3' }), // stops before offset 1
      read('v5 v6', { final: false, offsetStart: 6, id: 'read-4' }), // starts after offset 5
    );
    expect(lostWrite.check(h, config)).toEqual([]);
  });

  it('does not fire when the value sits at another offset of the same read', () => {
    const h = history(sendOk('v3', 1), read('v1 v7 v3'));
    expect(lostWrite.check(h, config)).toEqual([]);
  });

  it('finds nothing in an empty history', () => {
    expect(lostWrite.check(history(), config)).toEqual([]);
  });

  it('is re-judged with idempotence: its guarantee does not depend on enable.idempotence', () => {
    const cases: [Record<string, unknown>, ReturnType<typeof lostWrite.guaranteedWhen>][] = [
      [{}, { guaranteed: true }],
      [{ 'min.insync.replicas': 1 }, { guaranteed: false, because: 'min.insync.replicas=1' }],
      [{ 'unclean.leader.election.enable': true }, { guaranteed: false, because: 'unclean.leader.election.enable=true' }],
    ];
    for (const [overrides, guarantee] of cases) {
      expect(lostWrite.guaranteedWhen(safeConfig({ ...overrides, 'enable.idempotence': true }))).toEqual(guarantee);
      expect(lostWrite.guaranteedWhen(safeConfig({ ...overrides, 'enable.idempotence': false }))).toEqual(guarantee);
    }
  });
});
