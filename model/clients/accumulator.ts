/**
 * The RecordAccumulator: per partition, a deque of batches. Batches are formed at append
 * (RecordAccumulator.append: the record goes into the last batch of the deque if that batch is still
 * open and has room for it within batch.size, else into a new batch created now), so a batch's
 * creation time is when it was opened, and linger.ms and delivery.timeout.ms count from it. A batch
 * closes for appends once drained; a failed one comes back whole (reenqueue), in sequence order for
 * an idempotent producer (insertInSequenceOrder). Expiry takes whole batches from the front of each
 * deque (expiredBatches).
 */
import type { ClusterState } from '../cluster/types.ts';
import type { BatchRecord, ProducerBatch, ProducerState } from './producerTypes.ts';
import { RECORD_BATCH_HEADER_BYTES } from './recordSize.ts';
import { retryBackoffMs } from './retryBackoff.ts';

/** The batch appends go to: the last of the deque, while it was never drained (else null). */
function openBatch(producer: ProducerState, partition: number): ProducerBatch | null {
  const deque = producer.queues[partition];
  const last = deque.length > 0 ? deque[deque.length - 1] : null;
  return last !== null && last.attempts === 0 ? last : null;
}

/** Bytes in the partition's open batch (0: none open). */
export function openBatchBytes(producer: ProducerState, partition: number): number {
  const batch = openBatch(producer, partition);
  return batch === null ? 0 : batch.sizeBytes;
}

/** Whether a record of `sizeBytes` fits in the partition's open batch (else append opens a new one). */
export function fitsOpenBatch(state: ClusterState, producer: ProducerState, partition: number, sizeBytes: number): boolean {
  const batch = openBatch(producer, partition);
  return batch !== null && batch.sizeBytes + sizeBytes <= state.config['batch.size'];
}

/**
 * RecordAccumulator.append: into the open batch if the record fits, else into a new batch opened
 * now (a batch always takes its first record, whatever batch.size). Returns the bytes the
 * append added (a new batch counts its header).
 */
export function append(state: ClusterState, producer: ProducerState, partition: number, record: BatchRecord): number {
  if (fitsOpenBatch(state, producer, partition, record.sizeBytes)) {
    const batch = openBatch(producer, partition)!;
    batch.records.push(record);
    batch.sizeBytes += record.sizeBytes;
    return record.sizeBytes;
  }
  const sizeBytes = RECORD_BATCH_HEADER_BYTES + record.sizeBytes;
  producer.queues[partition].push({
    batchId: `b${producer.batchNext++}`,
    partition,
    records: [record],
    sizeBytes,
    createdMs: state.nowMs,
    attempts: 0,
    retry: false,
    retryNotBeforeMs: state.nowMs,
    maybeWritten: false,
    producerEpoch: -1,
    baseSequence: -1,
    sequenceReset: false,
  });
  return sizeBytes;
}

/**
 * RecordAccumulator.ready for the first batch of a deque: a retried batch once its backoff is
 * over, or a new one that is full (another batch waits behind it, or it reached batch.size) or has
 * lingered linger.ms since it was opened. Returns the time it becomes ready by lingering when it
 * is not ready now (else `state.nowMs`).
 */
export function readyAtMs(state: ClusterState, deque: ProducerBatch[]): number {
  const head = deque[0];
  if (head.attempts > 0) return head.retryNotBeforeMs;
  const full = deque.length > 1 || head.sizeBytes >= state.config['batch.size'];
  if (full) return state.nowMs;
  return Math.max(state.nowMs, head.createdMs + state.config['linger.ms']);
}

/** ProducerBatch.hasReachedDeliveryTimeout: delivery.timeout.ms counts from the batch's creation. */
export function hasReachedDeliveryTimeout(state: ClusterState, batch: ProducerBatch): boolean {
  return state.nowMs - batch.createdMs >= state.config['delivery.timeout.ms'];
}

/** RecordAccumulator.expiredBatches: whole batches past delivery.timeout.ms, from the front of each deque. */
export function takeExpiredBatches(state: ClusterState, producer: ProducerState): ProducerBatch[] {
  const expired: ProducerBatch[] = [];
  for (const deque of producer.queues) {
    while (deque.length > 0 && hasReachedDeliveryTimeout(state, deque[0])) expired.push(deque.shift()!);
  }
  return expired;
}

/**
 * RecordAccumulator.reenqueue: a failed batch goes back whole, marked in retry, at the front of its
 * deque; for an idempotent producer, after the batches of lower sequence (insertInSequenceOrder).
 */
export function reenqueue(state: ClusterState, producer: ProducerState, batch: ProducerBatch): void {
  batch.retry = true;
  batch.retryNotBeforeMs = state.nowMs + retryBackoffMs(state.config);
  const deque = producer.queues[batch.partition];
  let index = 0;
  if (batch.baseSequence >= 0) {
    while (index < deque.length && deque[index].baseSequence >= 0 && deque[index].baseSequence < batch.baseSequence) index++;
  }
  deque.splice(index, 0, batch);
}
