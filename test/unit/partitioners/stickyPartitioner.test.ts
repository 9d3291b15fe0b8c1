import { describe, expect, it } from 'vitest';
import { createRng } from '../../../model/kernel/rng.ts';
import { partitionForKey } from '../../../model/partitioners/murmur2.ts';
import { StickyPartitioner } from '../../../model/partitioners/stickyPartitioner.ts';
import { simpleClusterView } from '../../../model/partitioners/types.ts';

const nullKey = { topic: 't', key: null, value: null };

describe('sticky (KIP-480 legacy sticky partitioner)', () => {
  it('stays on one partition until onNewBatch (seed kip480-stay)', () => {
    const cluster = simpleClusterView('t', 5);
    const partitioner = new StickyPartitioner({ rng: createRng('kip480-stay') });
    const first = partitioner.partition(nullKey, cluster);
    for (let i = 0; i < 100; i++) expect(partitioner.partition(nullKey, cluster)).toBe(first);
  });

  it('never re-picks the previous partition with two or more available (seed kip480-switch)', () => {
    for (const partitionCount of [2, 3, 8]) {
      const cluster = simpleClusterView('t', partitionCount);
      const partitioner = new StickyPartitioner({ rng: createRng(`kip480-switch-${partitionCount}`) });
      let previous = partitioner.partition(nullKey, cluster);
      const seen = new Set([previous]);
      for (let i = 0; i < 500; i++) {
        partitioner.onNewBatch('t', cluster, previous);
        const next = partitioner.partition(nullKey, cluster);
        expect(next).not.toBe(previous);
        seen.add(next);
        previous = next;
      }
      expect(seen.size).toBe(partitionCount);
    }
  });

  it('ignores onNewBatch for a partition other than the cached one', () => {
    const cluster = simpleClusterView('t', 4);
    const partitioner = new StickyPartitioner({ rng: createRng('kip480-other') });
    const cached = partitioner.partition(nullKey, cluster);
    partitioner.onNewBatch('t', cluster, (cached + 1) % 4);
    expect(partitioner.partition(nullKey, cluster)).toBe(cached);
  });

  it('only picks partitions with a leader; the single available one when there is one', () => {
    const oneLed = simpleClusterView('t', 4, { withoutLeader: [0, 1, 3] });
    const partitioner = new StickyPartitioner({ rng: createRng('kip480-one') });
    expect(partitioner.partition(nullKey, oneLed)).toBe(2);
    partitioner.onNewBatch('t', oneLed, 2);
    expect(partitioner.partition(nullKey, oneLed)).toBe(2);
  });

  it('hashes keys like default and returns explicit partitions', () => {
    const cluster = simpleClusterView('t', 7);
    const partitioner = new StickyPartitioner({ rng: createRng('kip480-keys') });
    const key = new TextEncoder().encode('order-17');
    expect(partitioner.partition({ topic: 't', key, value: null }, cluster)).toBe(partitionForKey(key, 7));
    expect(partitioner.partition({ topic: 't', key, value: null, partition: 3 }, cluster)).toBe(3);
  });

  it('keeps a cached partition per topic', () => {
    const cluster = simpleClusterView('a', 16);
    const partitioner = new StickyPartitioner({ rng: createRng('kip480-topics') });
    const a = partitioner.partition({ ...nullKey, topic: 'a' }, cluster);
    partitioner.onNewBatch('b', cluster, a);
    expect(partitioner.partition({ ...nullKey, topic: 'a' }, cluster)).toBe(a);
  });
});
