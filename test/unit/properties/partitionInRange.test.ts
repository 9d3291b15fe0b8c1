import { describe, expect, it } from 'vitest';
import { partitionInRange } from '../../../properties/partitionInRange.ts';
import { history, safeConfig, sendFail, sendInfo, sendOk } from './fixtures.ts';

const config = safeConfig();

describe('partition-in-range', () => {
  it('fires when a send went to a partition past the count', () => {
    const h = history(sendOk('v3', 0, { key: 'k7', partition: 3, partitionCount: 3 }));
    const cases = partitionInRange.check(h, config);
    expect(cases).toHaveLength(1);
    expect(cases[0].property).toBe('partition-in-range');
    expect(cases[0].summary).toBe('send-3 (v3 by producer-1) went to partition 3 of 3 (valid: 0..2)');
    expect(cases[0].data).toEqual({ sendId: 'send-3', process: 'producer-1', value: 'v3', key: 'k7', partition: 3, partitionCount: 3 });
    expect(partitionInRange.explain(cases[0])).toBe(
      'Let S = the send of v3 with key "k7" (send-3 by producer-1). producer-1 saw 3 partitions, numbered 0..2, ' +
        'yet S went to partition 3, which is outside the topic. ' +
        'A partition must be an integer from 0 to the partition count minus 1: partition out of range.',
    );
  });

  it('fires for a negative or fractional partition, whatever the outcome, one case per send', () => {
    const h = history(
      sendFail('v1', { partition: -1, partitionCount: 2 }),
      sendInfo('v2', { partition: 0.5, partitionCount: 1 }),
      sendOk('v4', null, { acks: 0, partition: 0, partitionCount: 0 }),
    );
    const cases = partitionInRange.check(h, config);
    expect(cases.map((c) => c.summary)).toEqual([
      'send-1 (v1 by producer-1) went to partition -1 of 2 (valid: 0..1)',
      'send-2 (v2 by producer-1) went to partition 0.5 of 1 (valid: 0..0)',
      'send-4 (v4 by producer-1) went to partition 0 of 0 (valid: none)',
    ]);
    expect(partitionInRange.explain(cases[1])).toContain('with no key (send-2 by producer-1). producer-1 saw 1 partition, numbered 0..0, yet S went to partition 0.5, which is not an integer.');
    expect(partitionInRange.explain(cases[2])).toContain('producer-1 saw 0 partitions, yet S went to partition 0, which is outside the topic.');
  });

  it('does not fire for partitions 0 to count minus 1', () => {
    const h = history(
      sendOk('v1', 0, { partition: 0, partitionCount: 3 }),
      sendOk('v2', 0, { partition: 2, partitionCount: 3 }),
      sendFail('v3', { partition: 3, partitionCount: 4 }),
      sendInfo('v4', { partition: 0, partitionCount: 1 }),
    );
    expect(partitionInRange.check(h, config)).toEqual([]);
  });

  it('finds nothing in an empty history', () => {
    expect(partitionInRange.check(history(), config)).toEqual([]);
  });

  it('is always guaranteed', () => {
    expect(partitionInRange.guaranteedWhen(safeConfig())).toEqual({ guaranteed: true });
    expect(partitionInRange.guaranteedWhen(safeConfig({ 'enable.idempotence': false, acks: 0, 'min.insync.replicas': 1 }))).toEqual({ guaranteed: true });
  });
});
