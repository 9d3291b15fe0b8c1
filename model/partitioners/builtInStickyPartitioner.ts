/**
 * Java's built-in "uniform sticky" partitioner (KIP-794, Kafka 3.3+): where records without a key
 * (or with `partitioner.ignore.keys=true`) go when no `partitioner.class` is configured. It is
 * not a `Partitioner`: it lives in the accumulator, one per topic, and needs the accumulator's
 * feedback (bytes appended, whether the partition's last batch is full, queue sizes).
 *
 * Behaviour: Kafka:clients/src/main/java/org/apache/kafka/clients/producer/internals/BuiltInPartitioner.java
 * and .../internals/RecordAccumulator.java (`append`, `partitionChanged`, `partitionReady`);
 * ../shared/reference/clients.md §2.2. The switch gating on full batches is KAFKA-14156.
 *
 * How the producer model drives it, per record whose partition is UNKNOWN_PARTITION (Java
 * `RecordAccumulator.append`):
 *
 *   loop:
 *     p = sticky.peek(cluster)                                   // peekCurrentPartitionInfo
 *     if (sticky.switchIfBatchesFull(lastBatchFull(p), cluster)) continue   // partitionChanged
 *     append the record to p (into the last batch, or a new batch)
 *     sticky.onAppend(appendedBytes, lastBatchFull(p), cluster)   // updatePartitionInfo(.., enableSwitch)
 *     break
 *
 * where `lastBatchFull(p)` is Java's `allBatchesFull(deque)`: the partition has no batch or its last
 * batch is full. Records with an explicit partition or a hashed key do not touch it.
 *
 * On every sender ready check (Java `RecordAccumulator.ready` → `partitionReady`), the producer
 * model calls `sticky.updatePartitionLoadStats(...partitionLoadStatsInput(queues, partitionCount, options))`
 * so that new sticky partitions are drawn with weights favouring short queues (adaptive
 * partitioning, on by default); `partitioner.availability.timeout.ms` exclusion happens in
 * `partitionLoadStatsInput`.
 */
import type { Rng } from '../kernel/rng.ts';
import { assert } from '../kernel/assert.ts';
import type { ClusterView } from './types.ts';
import { nextPartitionFromRandom } from './nextPartition.ts';
import { nextPositiveInt } from './random.ts';

/** Java's `PartitionLoadStats`: the cumulative frequency table (CFT) over available partitions. */
export interface PartitionLoadStats {
  cumulativeFrequencyTable: number[];
  partitionIds: number[];
  /** The logical length: entries past it are ignored. */
  length: number;
}

export interface BuiltInStickyOptions {
  topic: string;
  /** `batch.size`: bytes produced to one partition before switching (Java uses max(1, batch.size)). */
  stickyBatchSizeBytes: number;
  rng: Rng;
}

/** One accumulator deque, as `partitionReady` sees it. */
export interface PartitionQueue {
  partition: number;
  /** The partition's leader is known. */
  hasLeader: boolean;
  /** Batches in the deque (`deque.size()`). */
  batchesQueued: number;
  /**
   * How long the leader has been ready without being drained (Java NodeLatencyStats
   * `readyTimeMs - drainTimeMs`); 0 or absent when not known.
   */
  leaderNotDrainedMs?: number;
}

export interface PartitionLoadStatsOptions {
  /** `partitioner.adaptive.partitioning.enable` (default true). */
  adaptivePartitioningEnable: boolean;
  /** `partitioner.availability.timeout.ms` (default 0: disabled). */
  availabilityTimeoutMs: number;
}

/** The arguments of `updatePartitionLoadStats`, exactly as Java's `partitionReady` builds them. */
export interface PartitionLoadStatsInput {
  queueSizes: number[] | null;
  partitionIds: number[];
  length: number;
}

/**
 * Java `RecordAccumulator.partitionReady`'s queue-size collection. `queues` are the topic's deques
 * in the accumulator's iteration order (one per partition that ever had a batch; kmc iterates them
 * in partition order). Quirks kept: no stats until every partition has a deque; an empty deque
 * keeps queue size 0 and is never excluded; a partition whose leader was not drained for longer
 * than `partitioner.availability.timeout.ms` is excluded by reusing its slot.
 */
export function partitionLoadStatsInput(queues: readonly PartitionQueue[], partitionCount: number, options: PartitionLoadStatsOptions): PartitionLoadStatsInput {
  if (!options.adaptivePartitioningEnable || queues.length < partitionCount) return { queueSizes: null, partitionIds: [], length: 0 };
  const queueSizes = new Array<number>(queues.length).fill(0);
  const partitionIds = new Array<number>(queues.length).fill(0);
  let index = -1;
  for (const queue of queues) {
    if (!queue.hasLeader) continue;
    index++;
    partitionIds[index] = queue.partition;
    if (queue.batchesQueued === 0) continue;
    queueSizes[index] = queue.batchesQueued;
    if (options.availabilityTimeoutMs > 0 && (queue.leaderNotDrainedMs ?? 0) > options.availabilityTimeoutMs) index--;
  }
  return { queueSizes, partitionIds, length: index + 1 };
}

/**
 * Java `BuiltInPartitioner.updatePartitionLoadStats`, without mutating its input: null when there
 * is nothing to weigh (no sizes, fewer than 2 partitions, or all sizes equal with none excluded).
 */
export function computePartitionLoadStats(queueSizes: readonly number[] | null, partitionIds: readonly number[], length: number = queueSizes?.length ?? 0): PartitionLoadStats | null {
  if (queueSizes === null) return null;
  assert(queueSizes.length === partitionIds.length, `queueSizes (${queueSizes.length}) and partitionIds (${partitionIds.length}) differ in length`);
  assert(length <= queueSizes.length, `length ${length} exceeds ${queueSizes.length} queue sizes`);
  if (length < 1 || queueSizes.length < 2) return null;
  let maxSizePlus1 = queueSizes[0];
  let allEqual = true;
  for (let i = 1; i < length; i++) {
    if (queueSizes[i] !== maxSizePlus1) allEqual = false;
    if (queueSizes[i] > maxSizePlus1) maxSizePlus1 = queueSizes[i];
  }
  maxSizePlus1++;
  if (allEqual && length === queueSizes.length) return null;
  const cumulativeFrequencyTable = new Array<number>(length);
  cumulativeFrequencyTable[0] = maxSizePlus1 - queueSizes[0];
  for (let i = 1; i < length; i++) cumulativeFrequencyTable[i] = maxSizePlus1 - queueSizes[i] + cumulativeFrequencyTable[i - 1];
  return { cumulativeFrequencyTable, partitionIds: partitionIds.slice(0, length), length };
}

/** The partition a non-negative random draw selects from load stats: the first CFT entry strictly greater than `random % total`. */
export function partitionFromLoadStats(stats: PartitionLoadStats, random: number): number {
  const table = stats.cumulativeFrequencyTable;
  const weighted = random % table[stats.length - 1];
  let low = 0;
  let high = stats.length - 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (table[middle] > weighted) high = middle;
    else low = middle + 1;
  }
  return stats.partitionIds[low];
}

export class BuiltInStickyPartitioner {
  readonly topic: string;
  readonly stickyBatchSizeBytes: number;
  private readonly rng: Rng;
  private partitionCurrent: number | null = null;
  private producedBytesCurrent = 0;
  private stats: PartitionLoadStats | null = null;

  constructor(options: BuiltInStickyOptions) {
    assert(Number.isInteger(options.stickyBatchSizeBytes) && options.stickyBatchSizeBytes >= 1, `stickyBatchSize must be >= 1 but got ${options.stickyBatchSizeBytes}`);
    this.topic = options.topic;
    this.stickyBatchSizeBytes = options.stickyBatchSizeBytes;
    this.rng = options.rng;
  }

  /** The current sticky partition, drawing the first one if there is none yet (`peekCurrentPartitionInfo`). */
  peek(cluster: ClusterView): number {
    if (this.partitionCurrent === null) this.switchPartition(cluster);
    return this.partitionCurrent as number;
  }

  /** Bytes produced to the current sticky partition since it was chosen. */
  get producedBytes(): number {
    return this.producedBytesCurrent;
  }

  /** The load stats in force (null: uniform choice among available partitions). */
  get loadStats(): PartitionLoadStats | null {
    return this.stats;
  }

  /**
   * Java `partitionChanged` after taking the deque lock: a switch disabled because the last batch
   * was incomplete happens now if that batch has since become full. Returns true when the sticky
   * partition changed (the caller peeks again).
   */
  switchIfBatchesFull(lastBatchFull: boolean, cluster: ClusterView): boolean {
    if (!lastBatchFull) return false;
    return this.onAppend(0, true, cluster);
  }

  /**
   * Java `updatePartitionInfo(info, appendedBytes, cluster, enableSwitch)`, after a record was
   * appended to the sticky partition. `lastBatchFull` is `allBatchesFull(deque)` after the append.
   * Switches (drawing a new partition, possibly the same one) iff
   * `produced >= batch.size && lastBatchFull || produced >= 2 * batch.size`. Returns whether it switched.
   */
  onAppend(appendedBytes: number, lastBatchFull: boolean, cluster: ClusterView): boolean {
    assert(Number.isInteger(appendedBytes) && appendedBytes >= 0, `appendedBytes must be a non-negative integer, got ${appendedBytes}`);
    if (this.partitionCurrent === null) this.switchPartition(cluster);
    this.producedBytesCurrent += appendedBytes;
    const produced = this.producedBytesCurrent;
    if ((produced >= this.stickyBatchSizeBytes && lastBatchFull) || produced >= 2 * this.stickyBatchSizeBytes) {
      this.switchPartition(cluster);
      return true;
    }
    return false;
  }

  /**
   * Java `updatePartitionLoadStats(queueSizes, partitionIds, length)`: queue sizes of available
   * partitions (null clears the stats). Javadoc example: sizes 0 3 1 → CFT 4 5 8.
   */
  updatePartitionLoadStats(queueSizes: readonly number[] | null, partitionIds: readonly number[], length?: number): void {
    this.stats = computePartitionLoadStats(queueSizes, partitionIds, length);
  }

  /** `nextPartition(cluster)`: a new sticky partition with its byte count reset. */
  private switchPartition(cluster: ClusterView): void {
    const random = nextPositiveInt(this.rng);
    this.partitionCurrent = this.stats === null ? nextPartitionFromRandom(cluster, random) : partitionFromLoadStats(this.stats, random);
    this.producedBytesCurrent = 0;
  }
}
