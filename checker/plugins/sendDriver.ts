/**
 * Drives a partitioner the way a producer does, with a minimal accumulator that tracks each
 * partition's last batch, so that partitioners which depend on batching (KIP-480 `onNewBatch`,
 * KIP-794 byte-based switching, the KAFKA-9965 double call) behave as in a producer. It is the
 * check harness's stand-in for the producer model: no sender, no linger, no adaptive load stats
 * (Java updates those only on sender ready checks), so sticky choices are uniform.
 *
 * Call conventions (model/partitioners/types.ts `CallConvention`):
 * - `java-custom`: KafkaProducer.doSend with `abortOnNewBatch`: partition(); if that partition's
 *   last batch has no room → the batch closes, onNewBatch(topic, cluster, prev), partition() again.
 * - `java-built-in`: explicit / key hash / the accumulator's uniform sticky partition, following
 *   RecordAccumulator.append (see model/partitioners/builtInStickyPartitioner.ts).
 * - `kafkajs`: one partition() call per message.
 */
import { assert } from '../../model/kernel/assert.ts';
import type { BuiltInStickyPartitioner } from '../../model/partitioners/builtInStickyPartitioner.ts';
import { UNKNOWN_PARTITION, type ClusterView, type Partitioner, type PartitionerRecord } from '../../model/partitioners/types.ts';
import { callOnNewBatch, callPartition, isViolation, type CallOutcome } from './callGuard.ts';
import { RECORD_BATCH_HEADER_BYTES, recordSizeBytes } from '../../model/clients/recordSize.ts';

export { RECORD_BATCH_HEADER_BYTES };

/** Approximate size of a record inside a v2 batch (model/clients/recordSize.ts). */
export function estimateRecordBytes(record: PartitionerRecord): number {
  return recordSizeBytes(record.key === null ? -1 : record.key.length, record.value === null ? -1 : record.value.length);
}

interface LastBatch {
  bytes: number;
  closed: boolean;
}

/** The parts of `default` (DefaultPartitioner) the built-in path needs. */
interface BuiltInChooser extends Partitioner {
  choose(record: PartitionerRecord, cluster: ClusterView): number;
  sticky(topic: string): BuiltInStickyPartitioner;
}

function isBuiltInChooser(partitioner: Partitioner): partitioner is BuiltInChooser {
  const candidate = partitioner as Partial<BuiltInChooser>;
  return partitioner.convention === 'java-built-in' && typeof candidate.choose === 'function' && typeof candidate.sticky === 'function';
}

export interface SendDriverOptions {
  /** `batch.size` (default 16384). */
  batchSizeBytes?: number;
  /** Called before each call into partitioner code (the worker publishes it for the hang watchdog). */
  onCall?: () => void;
}

export class SendDriver {
  readonly partitioner: Partitioner;
  readonly batchSizeBytes: number;
  private readonly onCall: () => void;
  /** Per topic, per partition: the last batch. */
  private readonly lastBatches = new Map<string, Map<number, LastBatch>>();

  constructor(partitioner: Partitioner, options: SendDriverOptions = {}) {
    this.partitioner = partitioner;
    this.batchSizeBytes = Math.max(1, options.batchSizeBytes ?? 16384);
    this.onCall = options.onCall ?? (() => undefined);
  }

  /** Sends one record: the partition it went to, or the rule the partitioner broke. */
  send(record: PartitionerRecord, cluster: ClusterView): CallOutcome {
    const convention = this.partitioner.convention ?? 'java-custom';
    if (isBuiltInChooser(this.partitioner)) return this.sendBuiltIn(this.partitioner, record, cluster);
    if (convention === 'java-custom') return this.sendJavaCustom(record, cluster);
    const outcome = this.call(record, cluster);
    if (!isViolation(outcome)) this.append(record.topic, outcome, estimateRecordBytes(record));
    return outcome;
  }

  private call(record: PartitionerRecord, cluster: ClusterView): CallOutcome {
    this.onCall();
    return callPartition(this.partitioner, record, cluster);
  }

  private sendJavaCustom(record: PartitionerRecord, cluster: ClusterView): CallOutcome {
    const explicit = record.partition ?? null;
    const size = estimateRecordBytes(record);
    let partition = explicit ?? this.call(record, cluster);
    if (isViolation(partition)) return partition;
    if (!this.hasRoom(record.topic, partition, size)) {
      // abortForNewBatch: the full batch closes; onNewBatch; partition() a second time.
      this.close(record.topic, partition);
      this.onCall();
      const violation = callOnNewBatch(this.partitioner, record.topic, cluster, partition);
      if (violation !== null) return violation;
      partition = explicit ?? this.call(record, cluster);
      if (isViolation(partition)) return partition;
    }
    this.append(record.topic, partition, size);
    return partition;
  }

  private sendBuiltIn(partitioner: BuiltInChooser, record: PartitionerRecord, cluster: ClusterView): CallOutcome {
    const size = estimateRecordBytes(record);
    const chosen = partitioner.choose(record, cluster);
    if (chosen !== UNKNOWN_PARTITION) {
      this.append(record.topic, chosen, size);
      return chosen;
    }
    const sticky = partitioner.sticky(record.topic);
    // RecordAccumulator.append's retry loop with partitionChanged: a switch disabled earlier
    // completes once the partition's last batch is full; after a switch the byte count is 0, so
    // the loop runs at most twice.
    let partition = sticky.peek(cluster);
    for (let round = 0; sticky.switchIfBatchesFull(this.lastBatchFull(record.topic, partition), cluster); round++) {
      assert(round < 1, 'built-in sticky partitioner switched twice before one append');
      partition = sticky.peek(cluster);
    }
    const appendedBytes = this.append(record.topic, partition, size);
    sticky.onAppend(appendedBytes, this.lastBatchFull(record.topic, partition), cluster);
    return partition;
  }

  private batchesOf(topic: string): Map<number, LastBatch> {
    let batches = this.lastBatches.get(topic);
    if (batches === undefined) {
      batches = new Map();
      this.lastBatches.set(topic, batches);
    }
    return batches;
  }

  /** Java `allBatchesFull(deque)`: no batch, or the last one is full (or closed for appends). */
  lastBatchFull(topic: string, partition: number): boolean {
    const last = this.batchesOf(topic).get(partition);
    return last === undefined || last.closed || last.bytes >= this.batchSizeBytes;
  }

  private hasRoom(topic: string, partition: number, size: number): boolean {
    const last = this.batchesOf(topic).get(partition);
    return last !== undefined && !last.closed && last.bytes + size <= this.batchSizeBytes;
  }

  private close(topic: string, partition: number): void {
    const last = this.batchesOf(topic).get(partition);
    if (last !== undefined) last.closed = true;
  }

  /** Appends to the last batch if it has room, else to a new batch; returns the bytes the batch grew by (Java appendedBytes). */
  private append(topic: string, partition: number, size: number): number {
    if (this.hasRoom(topic, partition, size)) {
      (this.batchesOf(topic).get(partition) as LastBatch).bytes += size;
      return size;
    }
    this.close(topic, partition);
    const bytes = RECORD_BATCH_HEADER_BYTES + size;
    this.batchesOf(topic).set(partition, { bytes, closed: false });
    return bytes;
  }
}
