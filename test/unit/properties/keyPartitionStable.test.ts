import { describe, expect, it } from 'vitest';
import { keyPartitionStable } from '../../../properties/keyPartitionStable.ts';
import { history, safeConfig, sendFail, sendInfo, sendOk } from './fixtures.ts';

const config = safeConfig();

describe('key-partition-stable', () => {
  it('fires when one key went to two partitions at one partition count', () => {
    const h = history(
      sendOk('v1', 0, { key: 'k1', partition: 0, partitionCount: 3 }),
      sendOk('v2', 0, { key: 'k1', partition: 2, partitionCount: 3, process: 'producer-2', sendIndex: 0 }),
    );
    const cases = keyPartitionStable.check(h, config);
    expect(cases).toHaveLength(1);
    expect(cases[0].property).toBe('key-partition-stable');
    expect(cases[0].summary).toBe('key "k1" went to p0 (send-1) and p2 (send-2) while the topic had 3 partitions');
    expect(cases[0].data).toEqual({
      key: 'k1',
      partitionCount: 3,
      first: { sendId: 'send-1', process: 'producer-1', value: 'v1', partition: 0 },
      other: { sendId: 'send-2', process: 'producer-2', value: 'v2', partition: 2 },
      partitions: [0, 2],
      sends: 2,
    });
    expect(keyPartitionStable.explain(cases[0])).toBe(
      'Let A = the send of v1 with key "k1" (send-1 by producer-1), which went to partition 0, ' +
        'and B = the send of v2 with the same key (send-2 by producer-2), which went to partition 2. ' +
        'Both sends saw the topic with 3 partitions. ' +
        'While the partition count is unchanged, a key\'s records go to one partition, yet key "k1" went to more than one: its partition is not stable.',
    );
  });

  it('counts sends of any outcome, lists every partition, and makes one case per key and count', () => {
    const h = history(
      sendFail('v1', { key: '', partition: 3, partitionCount: 4 }),
      sendInfo('v2', { key: '', partition: 3, partitionCount: 4 }),
      sendOk('v3', 5, { key: '', partition: 1, partitionCount: 4 }),
      sendOk('v4', 6, { key: '', partition: 0, partitionCount: 4 }),
      sendOk('v5', 0, { key: 'k2', partition: 0, partitionCount: 2 }),
      sendOk('v6', 1, { key: 'k2', partition: 1, partitionCount: 2 }),
    );
    const cases = keyPartitionStable.check(h, config);
    expect(cases.map((c) => c.summary)).toEqual([
      'key "" went to p3 (send-1) and p1 (send-3) while the topic had 4 partitions',
      'key "k2" went to p0 (send-5) and p1 (send-6) while the topic had 2 partitions',
    ]);
    expect(cases[0].data).toMatchObject({ partitions: [0, 1, 3], sends: 4 });
    expect(keyPartitionStable.explain(cases[0])).toContain('In all, the 4 sends of key "" at that count went to partitions 0, 1 and 3.');
  });

  it('does not fire for one partition per key and count, a changed count, other keys, or null keys', () => {
    const h = history(
      sendOk('v1', 0, { key: 'k1', partition: 1, partitionCount: 2 }),
      sendOk('v2', 1, { key: 'k1', partition: 1, partitionCount: 2, process: 'producer-2', sendIndex: 0 }),
      sendOk('v3', 0, { key: 'k1', partition: 2, partitionCount: 3 }), // partitions were added: the key may move
      sendOk('v4', 0, { key: 'k2', partition: 0, partitionCount: 2 }),
      sendOk('v5', 0, { key: null, partition: 0, partitionCount: 2 }),
      sendOk('v6', 0, { key: null, partition: 1, partitionCount: 2 }),
    );
    expect(keyPartitionStable.check(h, config)).toEqual([]);
  });

  it('finds nothing in an empty history', () => {
    expect(keyPartitionStable.check(history(), config)).toEqual([]);
  });

  it('is always guaranteed (no custom partitioner can be configured yet)', () => {
    expect(keyPartitionStable.guaranteedWhen(safeConfig())).toEqual({ guaranteed: true });
    expect(keyPartitionStable.guaranteedWhen(safeConfig({ acks: 0, 'min.insync.replicas': 1, 'unclean.leader.election.enable': true }))).toEqual({ guaranteed: true });
  });
});
