import { describe, expect, it } from 'vitest';
import { inconsistentOffsets } from '../../../properties/inconsistentOffsets.ts';
import { history, read, safeConfig, sendFail, sendInfo, sendOk } from './fixtures.ts';

const config = safeConfig();

describe('inconsistent-offsets', () => {
  it('fires when an acknowledgement and a read disagree on an offset', () => {
    const h = history(sendOk('v3', 1), read('v1 v7 v8', { broker: 2, leaderEpoch: 3 }));
    const cases = inconsistentOffsets.check(h, config);
    expect(cases).toHaveLength(1);
    expect(cases[0].summary).toBe('p0 offset 1 holds v3 and v7 in different observations');
    expect(cases[0].data).toEqual({
      partition: 0,
      offset: 1,
      observations: [
        { source: 'ack', value: 'v3', sendId: 'send-3', process: 'producer-1', acks: -1 },
        {
          source: 'read',
          value: 'v7',
          epoch: 3,
          read: { readId: 'read-final-0', process: 'reader', partition: 0, final: true, offsetStart: 0, offsetLast: 2, broker: 2, leaderEpoch: 3, highWatermark: 3 },
        },
      ],
    });
    expect(inconsistentOffsets.explain(cases[0])).toBe(
      'At partition 0 offset 1, the acknowledgement of send-3 by producer-1 (acks=all) places v3 there, ' +
        'but the final read of partition 0 (offsets 0..2 from broker 2, leader epoch 3) holds v7 (epoch 3) there. ' +
        'An offset names one record for ever, yet 2 values were seen at it: inconsistent offsets.',
    );
  });

  it('fires when two reads disagree, one case per offset, sorted by partition and offset', () => {
    const h = history(
      read('v1 v2 v3', { partition: 1, final: false, id: 'read-1' }),
      read('v1 v2 v3', { final: false, id: 'read-2' }),
      read('v1 v5 1:v6', { partition: 1, leaderEpoch: 2 }),
      read('v9 v2 v3', { leaderEpoch: 2 }),
    );
    const cases = inconsistentOffsets.check(h, config);
    expect(cases.map((c) => c.summary)).toEqual([
      'p0 offset 0 holds v1 and v9 in different observations',
      'p1 offset 1 holds v2 and v5 in different observations',
      'p1 offset 2 holds v3 and v6 in different observations',
    ]);
    const text = inconsistentOffsets.explain(cases[2]);
    expect(text).toContain('At partition 1 offset 2, a read of partition 1 by consumer-1 (read-1: offsets 0..2 from broker 1, leader epoch 1) holds v3 (epoch 1) there');
    expect(text).toContain('but the final read of partition 1 (offsets 0..2 from broker 1, leader epoch 2) holds v6 (epoch 1) there');
  });

  it('does not fire when acknowledgements and reads agree, nor for sends without a known offset', () => {
    const h = history(
      sendOk('v1', 0),
      sendOk('v2', 1),
      sendOk('v4', null, { acks: 0 }),
      sendFail('v5'),
      sendInfo('v6'),
      read('v1 v2 v3'),
      read('v2 v3', { final: false, offsetStart: 1, id: 'read-2' }),
    );
    expect(inconsistentOffsets.check(h, config)).toEqual([]);
  });

  it('finds nothing in an empty history', () => {
    expect(inconsistentOffsets.check(history(), config)).toEqual([]);
  });
});
