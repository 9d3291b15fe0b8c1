import { describe, expect, it } from 'vitest';
import { RoundRobinPartitioner } from '../../../model/partitioners/roundRobinPartitioner.ts';
import { clusterView, simpleClusterView } from '../../../model/partitioners/types.ts';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('round-robin (Java RoundRobinPartitioner)', () => {
  it('indexes the available partitions in metadata list order: [p1 (no leader), p2, p0] → 2, 0, 2, 0', () => {
    // Kafka's RoundRobinPartitionerTest uses this unordered list; clients.md §2.4.
    const cluster = clusterView('t', [
      { partition: 1, leader: -1, replicas: [1], isr: [] },
      { partition: 2, leader: 2, replicas: [2], isr: [2] },
      { partition: 0, leader: 0, replicas: [0], isr: [0] },
    ]);
    expect(cluster.availablePartitions).toEqual([2, 0]);
    const partitioner = new RoundRobinPartitioner();
    const chosen = Array.from({ length: 6 }, () => partitioner.partition({ topic: 't', key: null, value: null }, cluster));
    expect(chosen).toEqual([2, 0, 2, 0, 2, 0]);
    const counts = [0, 0, 0];
    for (let i = 0; i < 100; i++) counts[partitioner.partition({ topic: 't', key: null, value: null }, cluster)]++;
    expect(counts).toEqual([50, 0, 50]);
  });

  it('starts each topic at 0 and ignores keys', () => {
    const cluster = simpleClusterView('t', 3);
    const partitioner = new RoundRobinPartitioner();
    expect(partitioner.partition({ topic: 'a', key: utf8('x'), value: null }, cluster)).toBe(0);
    expect(partitioner.partition({ topic: 'a', key: utf8('x'), value: null }, cluster)).toBe(1);
    expect(partitioner.partition({ topic: 'b', key: utf8('x'), value: null }, cluster)).toBe(0);
    expect(partitioner.partition({ topic: 'a', key: null, value: null }, cluster)).toBe(2);
  });

  it('falls back to counter % partitionCount when no partition has a leader', () => {
    const cluster = simpleClusterView('t', 3, { withoutLeader: [0, 1, 2] });
    const partitioner = new RoundRobinPartitioner();
    expect(Array.from({ length: 4 }, () => partitioner.partition({ topic: 't', key: null, value: null }, cluster))).toEqual([0, 1, 2, 0]);
  });
});
