/**
 * legacy-round-robin: Java's DefaultPartitioner before KIP-480 (Kafka 0.10–2.3), against
 * DefaultPartitionerTest and DefaultPartitioner at tag 2.3.0.
 */
import { describe, expect, it } from 'vitest';
import { createRng, type Rng } from '../../../model/kernel/rng.ts';
import { LegacyRoundRobinPartitioner } from '../../../model/partitioners/legacyRoundRobinPartitioner.ts';
import { createBuiltInPartitioner } from '../../../model/partitioners/builtIns.ts';
import { partitionForKey } from '../../../model/partitioners/murmur2.ts';
import { clusterView, simpleClusterView } from '../../../model/partitioners/types.ts';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** An Rng whose draws all give `uint32` (the counter's start is nextUint32 | 0). */
function fixedRng(uint32: number): Rng {
  return { next: () => 0, int: (bound: number) => uint32 % bound, pick: (items) => items[0], chance: () => false };
}

const nullKey = (topic = 't') => ({ topic, key: null, value: null });

describe('legacy-round-robin (DefaultPartitioner before 2.4)', () => {
  it('spreads null keys evenly over the partitions with a leader, in metadata list order (testRoundRobinWithUnavailablePartitions)', () => {
    // DefaultPartitionerTest's list, not in partition order: p1 has no leader.
    const cluster = clusterView('test', [
      { partition: 1, leader: -1, replicas: [0, 1, 2], isr: [0, 1, 2] },
      { partition: 2, leader: 1, replicas: [0, 1, 2], isr: [0, 1, 2] },
      { partition: 0, leader: 0, replicas: [0, 1, 2], isr: [0, 1, 2] },
    ]);
    const partitioner = new LegacyRoundRobinPartitioner({ rng: createRng('unavailable') });
    const counts = [0, 0, 0];
    for (let i = 0; i < 100; i++) counts[partitioner.partition(nullKey('test'), cluster)]++;
    expect(counts).toEqual([50, 0, 50]);
  });

  it('keeps one counter per topic (testRoundRobin: topicA gets 10 of 30 on each partition while topicB is asked between)', () => {
    const partitioner = new LegacyRoundRobinPartitioner({ rng: createRng('per-topic') });
    const topicA = simpleClusterView('topicA', 3);
    const topicB = simpleClusterView('topicB', 1);
    const counts = [0, 0, 0];
    for (let i = 0; i < 30; i++) {
      counts[partitioner.partition(nullKey('topicA'), topicA)]++;
      if (i % 5 === 0) partitioner.partition(nullKey('topicB'), topicB);
    }
    expect(counts).toEqual([10, 10, 10]);
  });

  it('starts at a random int: the seeded draw decides the first partition', () => {
    const cluster = simpleClusterView('t', 3);
    expect(new LegacyRoundRobinPartitioner({ rng: fixedRng(4) }).partition(nullKey(), cluster)).toBe(1);
    expect(new LegacyRoundRobinPartitioner({ rng: fixedRng(5) }).partition(nullKey(), cluster)).toBe(2);
    const firsts = new Set(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((seed) => new LegacyRoundRobinPartitioner({ rng: createRng(seed) }).partition(nullKey(), cluster)));
    expect(firsts.size).toBeGreaterThan(1);
  });

  it('counts in int32 and takes toPositive: past Integer.MAX_VALUE the index jumps to 0 (1, 0, 1, 2 over 3 partitions)', () => {
    // Start 0x7fffffff: toPositive(MAX) % 3 = 1; then MIN_VALUE → toPositive 0; then 1, 2.
    const partitioner = new LegacyRoundRobinPartitioner({ rng: fixedRng(0x7fffffff) });
    const cluster = simpleClusterView('t', 3);
    expect(Array.from({ length: 4 }, () => partitioner.partition(nullKey(), cluster))).toEqual([1, 0, 1, 2]);
  });

  it('hashes a key over every partition, leader or not, and the same key always gets the same partition (testKeyPartitionIsStable)', () => {
    const cluster = simpleClusterView('t', 3, { withoutLeader: [0, 1, 2] });
    const partitioner = new LegacyRoundRobinPartitioner({ rng: createRng('keys') });
    const key = utf8('key');
    expect(partitioner.partition({ topic: 't', key, value: null }, cluster)).toBe(partitionForKey(key, 3));
    expect(partitioner.partition({ topic: 't', key, value: null }, cluster)).toBe(partitionForKey(key, 3));
  });

  it('falls back to toPositive(counter) % partitionCount when no partition has a leader, and uses an explicit partition as given', () => {
    const partitioner = new LegacyRoundRobinPartitioner({ rng: fixedRng(0) });
    const cluster = simpleClusterView('t', 3, { withoutLeader: [0, 1, 2] });
    expect(Array.from({ length: 4 }, () => partitioner.partition(nullKey(), cluster))).toEqual([0, 1, 2, 0]);
    expect(partitioner.partition({ topic: 't', key: null, value: null, partition: 2 }, cluster)).toBe(2);
  });

  it('is a built-in by name, called as a partitioner.class', () => {
    const partitioner = createBuiltInPartitioner('legacy-round-robin', { rng: createRng('x') });
    expect(partitioner).toBeInstanceOf(LegacyRoundRobinPartitioner);
    expect(partitioner.convention).toBe('java-custom');
  });
});
