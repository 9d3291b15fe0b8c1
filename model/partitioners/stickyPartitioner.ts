/**
 * `sticky`: the legacy sticky partitioner of KIP-480 (Java DefaultPartitioner + StickyPartitionCache,
 * the default in Kafka 2.4–3.2, deprecated since 3.3). Keyed records hash like `default`; records
 * without a key stay on a cached partition per topic that changes only in `onNewBatch`, i.e. when
 * the producer opens a new batch (the `java-custom` call convention). The new partition is never
 * the previous one when at least two partitions have a leader.
 * Behaviour: Kafka:.../producer/internals/DefaultPartitioner.java, .../internals/StickyPartitionCache.java;
 * ../shared/reference/clients.md §2.3.
 */
import type { Rng } from '../kernel/rng.ts';
import { assert } from '../kernel/assert.ts';
import { partitionForKey } from './murmur2.ts';
import { nextPositiveInt } from './random.ts';
import type { ClusterView, Partitioner, PartitionerRecord } from './types.ts';

export interface StickyPartitionerOptions {
  rng: Rng;
}

/** Bound on redraws for a partition different from the previous one (each redraw fails with probability ≤ 1/2). */
const REDRAWS_MAX = 256;

export class StickyPartitioner implements Partitioner {
  readonly name = 'sticky';
  readonly convention = 'java-custom' as const;
  private readonly rng: Rng;
  /** StickyPartitionCache.indexCache. */
  private readonly cache = new Map<string, number>();

  constructor(options: StickyPartitionerOptions) {
    this.rng = options.rng;
  }

  partition(record: PartitionerRecord, cluster: ClusterView): number {
    if (record.partition !== null && record.partition !== undefined) return record.partition;
    if (record.key !== null) return partitionForKey(record.key, cluster.partitionCount);
    return this.cache.get(record.topic) ?? this.nextPartition(record.topic, cluster, -1);
  }

  onNewBatch(topic: string, cluster: ClusterView, prevPartition: number): void {
    this.nextPartition(topic, cluster, prevPartition);
  }

  /** StickyPartitionCache.nextPartition: changes the cached partition only if there is none or it equals prevPartition. */
  private nextPartition(topic: string, cluster: ClusterView, prevPartition: number): number {
    const old = this.cache.get(topic);
    if (old !== undefined && old !== prevPartition) return old;
    const available = cluster.availablePartitions;
    let next: number;
    if (available.length < 1) {
      next = nextPositiveInt(this.rng) % cluster.partitionCount;
    } else if (available.length === 1) {
      next = available[0];
    } else {
      next = available[nextPositiveInt(this.rng) % available.length];
      for (let redraw = 0; next === old && redraw < REDRAWS_MAX; redraw++) next = available[nextPositiveInt(this.rng) % available.length];
      // Java loops until it differs; past the bound (probability ≤ 2^-256) take the next one in list order.
      if (next === old) next = available[(available.indexOf(old) + 1) % available.length];
      assert(next !== old, `sticky partitioner re-picked partition ${old} with ${available.length} available`);
    }
    this.cache.set(topic, next);
    return next;
  }
}
