/**
 * Idempotent produce on the leader (KIP-98, with the KIP-360 rules of Kafka 2.5+): per producer id,
 * the broker keeps the producer's current epoch and the metadata (first and last sequence, first
 * and last offset) of its last 5 batches in that epoch (ProducerStateEntry). Here that state is
 * rebuilt from the log, which carries producer id, epoch, sequence and batch starts with every
 * record, so a follower that becomes leader knows it too, as Kafka's followers rebuild it from the
 * batches they replicate.
 *
 * Checks, in Kafka's order (UnifiedLog.analyzeAndValidateProducerState, ProducerAppendInfo):
 * - a batch of the current epoch whose whole sequence range equals a retained batch's is a
 *   duplicate, answered with that batch's offsets (ProducerStateEntry.findDuplicateBatch,
 *   batchWithSequenceRange(firstSeq, lastSeq)); a retry whose first sequence is in the log but
 *   whose range matches no batch is not one;
 * - an older epoch is rejected with INVALID_PRODUCER_EPOCH (checkProducerEpoch, Kafka 2.7+);
 * - a producer the broker has no state for may start at any sequence (checkSequence);
 * - a new epoch must start at sequence 0, and within an epoch the batch must start right after the
 *   last sequence; anything else, older sequences included, is OUT_OF_ORDER_SEQUENCE_NUMBER (since
 *   Kafka 1.1, KAFKA-6683, the broker no longer answers DUPLICATE_SEQUENCE_NUMBER).
 */
import type { KafkaError } from '../network/rpc.ts';
import type { ReplicaState } from './types.ts';

/** ProducerStateEntry.NUM_BATCHES_TO_RETAIN. */
export const PRODUCER_BATCHES_RETAINED = 5;

/** BatchMetadata: one retained batch. */
export interface BatchMetadata {
  firstSeq: number;
  lastSeq: number;
  firstOffset: number;
  lastOffset: number;
}

/** ProducerStateEntry: the producer's epoch and its retained batches, oldest first. */
export interface ProducerStateEntry {
  producerEpoch: number;
  batches: BatchMetadata[];
}

/** A batch as the producer sent it (the v2 batch header). */
export interface IncomingBatch {
  producerId: number;
  producerEpoch: number;
  firstSeq: number;
  lastSeq: number;
}

export type SequenceVerdict =
  | { type: 'append' }
  /** A retry of a retained batch: answered with its offsets, not appended again. */
  | { type: 'duplicate'; firstOffset: number; lastOffset: number }
  | { type: 'reject'; error: KafkaError };

/**
 * The producer's state as the replica's log holds it: the epoch of its newest record and the
 * newest batches of that epoch (at most 5); null when the log has no record of the producer.
 */
export function producerStateOf(replica: ReplicaState, producerId: number): ProducerStateEntry | null {
  const log = replica.log;
  let entry: ProducerStateEntry | null = null;
  let offset = log.length - 1;
  while (offset >= 0 && (entry === null || entry.batches.length < PRODUCER_BATCHES_RETAINED)) {
    const last = log[offset];
    if (last.producerId !== producerId) {
      offset--;
      continue;
    }
    entry ??= { producerEpoch: last.producerEpoch, batches: [] };
    // A new epoch clears the retained batches (ProducerStateEntry.maybeUpdateProducerEpoch).
    if (last.producerEpoch !== entry.producerEpoch) break;
    const lastOffset = offset;
    // Back to the batch's first record: its records are contiguous in the log. (A log spliced
    // mid-batch by record-wise replication under legacy truncation rules may have lost the batch's
    // head: the producer's run of records then starts the batch.)
    while (log[offset].batchStart === false && offset > 0 && log[offset - 1].producerId === producerId && log[offset - 1].producerEpoch === last.producerEpoch) offset--;
    entry.batches.unshift({ firstSeq: log[offset].sequence, lastSeq: last.sequence, firstOffset: offset, lastOffset });
    offset--;
  }
  return entry;
}

export function checkSequence(replica: ReplicaState, batch: IncomingBatch): SequenceVerdict {
  if (batch.producerId < 0) return { type: 'append' };
  const entry = producerStateOf(replica, batch.producerId);
  if (entry === null) return { type: 'append' };
  if (batch.producerEpoch === entry.producerEpoch) {
    const duplicate = entry.batches.find((b) => b.firstSeq === batch.firstSeq && b.lastSeq === batch.lastSeq);
    if (duplicate !== undefined) return { type: 'duplicate', firstOffset: duplicate.firstOffset, lastOffset: duplicate.lastOffset };
  }
  if (batch.producerEpoch < entry.producerEpoch) return { type: 'reject', error: 'INVALID_PRODUCER_EPOCH' };
  if (batch.producerEpoch > entry.producerEpoch) return batch.firstSeq === 0 ? { type: 'append' } : { type: 'reject', error: 'OUT_OF_ORDER_SEQUENCE_NUMBER' };
  const lastSeq = entry.batches[entry.batches.length - 1].lastSeq;
  return batch.firstSeq === lastSeq + 1 ? { type: 'append' } : { type: 'reject', error: 'OUT_OF_ORDER_SEQUENCE_NUMBER' };
}
