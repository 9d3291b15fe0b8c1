import { describe, expect, it } from 'vitest';
import type { Rng } from '../../../model/kernel/rng.ts';
import { createRng } from '../../../model/kernel/rng.ts';
import {
  BuiltInStickyPartitioner,
  computePartitionLoadStats,
  partitionFromLoadStats,
  partitionLoadStatsInput,
} from '../../../model/partitioners/builtInStickyPartitioner.ts';
import { clusterView, simpleClusterView } from '../../../model/partitioners/types.ts';

/** An Rng whose uint32 draws are the given values in turn (Java nextInt() as unsigned). */
function scriptedRng(draws: number[]): Rng {
  let index = 0;
  const nextDraw = (): number => {
    if (index >= draws.length) throw new Error('scripted rng exhausted');
    return draws[index++];
  };
  return {
    next: () => nextDraw() / 2 ** 32,
    int: (bound: number) => nextDraw() % bound,
    pick: <T>(items: readonly T[]) => items[nextDraw() % items.length],
    chance: () => false,
  };
}

describe('KIP-794 load stats (BuiltInPartitioner.updatePartitionLoadStats)', () => {
  it('turns the javadoc example queue sizes 0 3 1 into the CFT 4 5 8', () => {
    const stats = computePartitionLoadStats([0, 3, 1], [0, 1, 2]);
    expect(stats).toEqual({ cumulativeFrequencyTable: [4, 5, 8], partitionIds: [0, 1, 2], length: 3 });
  });

  it('maps randoms 0-3 to p[0], 4 to p[1], 5-7 to p[2] (and wraps modulo 8)', () => {
    const stats = computePartitionLoadStats([0, 3, 1], [10, 11, 12]);
    expect(stats).not.toBeNull();
    const chosen = [0, 1, 2, 3, 4, 5, 6, 7, 8, 12].map((random) => partitionFromLoadStats(stats!, random));
    expect(chosen).toEqual([10, 10, 10, 10, 11, 12, 12, 12, 10, 11]);
  });

  it('clears the stats when all sizes are equal, for fewer than 2 partitions, and for null', () => {
    expect(computePartitionLoadStats([2, 2, 2], [0, 1, 2])).toBeNull();
    expect(computePartitionLoadStats([5], [0])).toBeNull();
    expect(computePartitionLoadStats(null, [])).toBeNull();
    expect(computePartitionLoadStats([1, 2], [0, 1], 0)).toBeNull();
  });

  it('keeps weighing equal sizes when some partitions were excluded (length < all)', () => {
    expect(computePartitionLoadStats([2, 2, 2], [0, 2, 0], 2)).toEqual({ cumulativeFrequencyTable: [1, 2], partitionIds: [0, 2], length: 2 });
  });

  it('builds no stats until every partition has a deque, or with adaptive partitioning off', () => {
    const queues = [0, 1].map((partition) => ({ partition, hasLeader: true, batchesQueued: 1 }));
    expect(partitionLoadStatsInput(queues, 3, { adaptivePartitioningEnable: true, availabilityTimeoutMs: 0 }).queueSizes).toBeNull();
    expect(partitionLoadStatsInput(queues, 2, { adaptivePartitioningEnable: false, availabilityTimeoutMs: 0 }).queueSizes).toBeNull();
  });

  it('skips leaderless partitions and excludes a partition whose leader was not drained past partitioner.availability.timeout.ms', () => {
    const queues = [
      { partition: 0, hasLeader: true, batchesQueued: 2 },
      { partition: 1, hasLeader: false, batchesQueued: 4 },
      { partition: 2, hasLeader: true, batchesQueued: 3, leaderNotDrainedMs: 500 },
      { partition: 3, hasLeader: true, batchesQueued: 1 },
    ];
    const withTimeout = partitionLoadStatsInput(queues, 4, { adaptivePartitioningEnable: true, availabilityTimeoutMs: 100 });
    expect(withTimeout.length).toBe(2);
    expect(withTimeout.partitionIds.slice(0, 2)).toEqual([0, 3]);
    expect(withTimeout.queueSizes!.slice(0, 2)).toEqual([2, 1]);
    const stats = computePartitionLoadStats(withTimeout.queueSizes, withTimeout.partitionIds, withTimeout.length);
    expect(stats!.partitionIds).toEqual([0, 3]);

    const noTimeout = partitionLoadStatsInput(queues, 4, { adaptivePartitioningEnable: true, availabilityTimeoutMs: 0 });
    expect(noTimeout.length).toBe(3);
    expect(noTimeout.partitionIds.slice(0, 3)).toEqual([0, 2, 3]);
  });
});

describe('KIP-794 uniform sticky switching (BuiltInPartitioner.updatePartitionInfo)', () => {
  const cluster = simpleClusterView('t', 4);

  it('draws the first partition uniformly among available partitions: available[random % size]', () => {
    const sticky = new BuiltInStickyPartitioner({ topic: 't', stickyBatchSizeBytes: 100, rng: scriptedRng([6]) });
    expect(sticky.peek(cluster)).toBe(2);
    expect(sticky.peek(cluster)).toBe(2);
  });

  it('never draws a leaderless partition while one has a leader; draws from all when none has', () => {
    const rng = createRng('sticky-availability');
    const someLed = clusterView('t', [
      { partition: 0, leader: -1, replicas: [0], isr: [] },
      { partition: 1, leader: 1, replicas: [1], isr: [1] },
      { partition: 2, leader: -1, replicas: [2], isr: [] },
    ]);
    const seen = new Set<number>();
    for (let i = 0; i < 50; i++) {
      const sticky = new BuiltInStickyPartitioner({ topic: 't', stickyBatchSizeBytes: 1, rng });
      seen.add(sticky.peek(someLed));
    }
    expect([...seen]).toEqual([1]);
    const noneLed = simpleClusterView('t', 3, { withoutLeader: [0, 1, 2] });
    const sticky = new BuiltInStickyPartitioner({ topic: 't', stickyBatchSizeBytes: 1, rng: scriptedRng([7]) });
    expect(sticky.peek(noneLed)).toBe(1);
  });

  it('switches once batch.size bytes were produced and the last batch is full', () => {
    const sticky = new BuiltInStickyPartitioner({ topic: 't', stickyBatchSizeBytes: 100, rng: scriptedRng([0, 1, 2]) });
    expect(sticky.peek(cluster)).toBe(0);
    expect(sticky.onAppend(60, false, cluster)).toBe(false);
    expect(sticky.onAppend(50, true, cluster)).toBe(true);
    expect(sticky.peek(cluster)).toBe(1);
    expect(sticky.producedBytes).toBe(0);
  });

  it('does not switch past batch.size while the last batch is incomplete (KAFKA-14156), but does at 2 × batch.size', () => {
    const sticky = new BuiltInStickyPartitioner({ topic: 't', stickyBatchSizeBytes: 100, rng: scriptedRng([0, 3]) });
    sticky.peek(cluster);
    expect(sticky.onAppend(150, false, cluster)).toBe(false);
    expect(sticky.peek(cluster)).toBe(0);
    expect(sticky.onAppend(49, false, cluster)).toBe(false);
    expect(sticky.onAppend(1, false, cluster)).toBe(true);
    expect(sticky.peek(cluster)).toBe(3);
  });

  it('completes a disabled switch before the next append once the batch is full (RecordAccumulator.partitionChanged)', () => {
    const sticky = new BuiltInStickyPartitioner({ topic: 't', stickyBatchSizeBytes: 100, rng: scriptedRng([1, 2]) });
    sticky.peek(cluster);
    sticky.onAppend(120, false, cluster);
    expect(sticky.switchIfBatchesFull(false, cluster)).toBe(false);
    expect(sticky.peek(cluster)).toBe(1);
    expect(sticky.switchIfBatchesFull(true, cluster)).toBe(true);
    expect(sticky.peek(cluster)).toBe(2);
    expect(sticky.switchIfBatchesFull(true, cluster)).toBe(false);
  });

  it('draws new partitions from the CFT once load stats exist', () => {
    // CFT 4 5 8 over partitions 0 1 2: random 4 → p1, random 13 (13 % 8 = 5) → p2.
    const sticky = new BuiltInStickyPartitioner({ topic: 't', stickyBatchSizeBytes: 10, rng: scriptedRng([4, 13]) });
    sticky.updatePartitionLoadStats([0, 3, 1], [0, 1, 2]);
    expect(sticky.loadStats!.cumulativeFrequencyTable).toEqual([4, 5, 8]);
    expect(sticky.peek(cluster)).toBe(1);
    sticky.onAppend(10, true, cluster);
    expect(sticky.peek(cluster)).toBe(2);
    sticky.updatePartitionLoadStats(null, []);
    expect(sticky.loadStats).toBeNull();
  });

  it('favours partitions with short queues (seed adaptive)', () => {
    const sticky = new BuiltInStickyPartitioner({ topic: 't', stickyBatchSizeBytes: 1, rng: createRng('adaptive') });
    sticky.updatePartitionLoadStats([0, 9, 9, 9], [0, 1, 2, 3]);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 4000; i++) {
      counts[sticky.peek(cluster)]++;
      sticky.onAppend(1, true, cluster);
    }
    // Weights 10:1:1:1.
    expect(counts[0] / 4000).toBeGreaterThan(0.7);
    expect(counts[1]).toBeGreaterThan(0);
  });
});
