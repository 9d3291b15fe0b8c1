/**
 * The uniform draw Java's partitioners share: an available partition (one with a leader, in
 * metadata list order) picked by `random % available.size()`, or, when none has a leader, a
 * partition id `random % partitionCount`.
 * Behaviour: Kafka:.../producer/internals/BuiltInPartitioner.java `nextPartition` (no load stats),
 * Kafka:.../producer/internals/StickyPartitionCache.java `nextPartition`.
 */
import type { ClusterView } from './types.ts';

/** `random` must be a non-negative integer (Java `Utils.toPositive(nextInt())`). */
export function nextPartitionFromRandom(cluster: ClusterView, random: number): number {
  const available = cluster.availablePartitions;
  if (available.length > 0) return available[random % available.length];
  return random % cluster.partitionCount;
}
