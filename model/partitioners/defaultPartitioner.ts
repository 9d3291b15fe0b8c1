/**
 * `default`: the Java producer's own partition choice when no `partitioner.class` is set
 * (Kafka 3.3+, KafkaProducer.partition() ~L1458 and RecordAccumulator.append):
 * 1. the record's explicit partition;
 * 2. a non-null key (empty keys included) unless `partitioner.ignore.keys`:
 *    `toPositive(murmur2(keyBytes)) % partitionCount`, counting every partition, led or not;
 * 3. otherwise the accumulator's uniform sticky partition (KIP-794, `BuiltInStickyPartitioner`).
 * ../shared/reference/clients.md §2.1–2.2.
 *
 * `choose()` is step 1–2 and returns UNKNOWN_PARTITION for step 3, as KafkaProducer.partition()
 * does; the producer model then drives `sticky(topic)` as documented in builtInStickyPartitioner.ts.
 * `partition()` resolves step 3 with `sticky(topic).peek(cluster)` so the object also serves
 * as a plain `Partitioner` (byte-based switching needs the `onAppend` feedback).
 */
import type { Rng } from '../kernel/rng.ts';
import { BuiltInStickyPartitioner } from './builtInStickyPartitioner.ts';
import { partitionForKey } from './murmur2.ts';
import { UNKNOWN_PARTITION, type ClusterView, type Partitioner, type PartitionerRecord } from './types.ts';

export interface DefaultPartitionerOptions {
  rng: Rng;
  /** `batch.size` (default 16384): the sticky partition switches after this many bytes. */
  batchSizeBytes?: number;
  /** `partitioner.ignore.keys` (default false). */
  ignoreKeys?: boolean;
}

export const BATCH_SIZE_BYTES_DEFAULT = 16384;

export class DefaultPartitioner implements Partitioner {
  readonly name = 'default';
  readonly convention = 'java-built-in' as const;
  readonly ignoreKeys: boolean;
  readonly batchSizeBytes: number;
  private readonly rng: Rng;
  /** One per topic, like RecordAccumulator.topicInfoMap; insertion order is deterministic. */
  private readonly stickyByTopic = new Map<string, BuiltInStickyPartitioner>();

  constructor(options: DefaultPartitionerOptions) {
    this.rng = options.rng;
    this.ignoreKeys = options.ignoreKeys ?? false;
    // KafkaProducer: batchSize = Math.max(1, batch.size).
    this.batchSizeBytes = Math.max(1, options.batchSizeBytes ?? BATCH_SIZE_BYTES_DEFAULT);
  }

  /** KafkaProducer.partition() without a custom partitioner: explicit, key hash, or UNKNOWN_PARTITION (-1). */
  choose(record: PartitionerRecord, cluster: ClusterView): number {
    if (record.partition !== null && record.partition !== undefined) return record.partition;
    if (record.key !== null && !this.ignoreKeys) return partitionForKey(record.key, cluster.partitionCount);
    return UNKNOWN_PARTITION;
  }

  partition(record: PartitionerRecord, cluster: ClusterView): number {
    const chosen = this.choose(record, cluster);
    return chosen === UNKNOWN_PARTITION ? this.sticky(record.topic).peek(cluster) : chosen;
  }

  /** The topic's built-in sticky partitioner, created on first use. */
  sticky(topic: string): BuiltInStickyPartitioner {
    let sticky = this.stickyByTopic.get(topic);
    if (sticky === undefined) {
      sticky = new BuiltInStickyPartitioner({ topic, stickyBatchSizeBytes: this.batchSizeBytes, rng: this.rng });
      this.stickyByTopic.set(topic, sticky);
    }
    return sticky;
  }
}
