/**
 * The idempotent half of Java's TransactionManager (no transactions are modelled): per partition,
 * the epoch its sequences belong to, the next sequence, the last acknowledged one, and whether an
 * expired batch left its sequences unresolved; and the client-side epoch bump of KIP-360
 * (Kafka 2.5+) that restarts a partition's sequences from 0.
 *
 * Facts followed (clients/.../producer/internals, Kafka 3.x/4.x):
 * - A batch gets its producer epoch and base sequence when it is first drained, never at send()
 *   (RecordAccumulator.drainBatchesForOneNode); a retry keeps them, so a retry can be deduplicated.
 * - The batches the manager tracks (TxnPartitionEntry.inflightBatchesBySequence) are those drained
 *   and not yet completed or failed, whether on a request or back in the deque for a retry.
 * - A batch that expires after it was re-enqueued marks its partition unresolved
 *   (Sender.sendProducerData: markSequenceUnresolved when inRetry); no new batch of that partition
 *   is drained (shouldStopDrainBatchesForPartition) until nothing tracked is left, then the
 *   sequences resolve if the last acknowledged one is just before the next, else the epoch is
 *   bumped (maybeResolveSequences).
 * - OUT_OF_ORDER_SEQUENCE_NUMBER is retried; for the next expected batch (or the one right after an
 *   unresolved gap) it first requests an epoch bump (canRetry). A failed batch requests one too
 *   (handleFailedBatch). The bump rewrites the sequences of the partitions that asked for it,
 *   from 0 (startSequencesAtBeginning); other partitions move to the new epoch once their tracked
 *   batches are done (maybeUpdateProducerIdAndEpoch).
 */
import { assert } from '../kernel/assert.ts';
import { LIMITS } from '../limits.ts';
import type { KafkaError } from '../network/rpc.ts';
import type { PartitionSequences, ProducerBatch, ProducerState } from './producerTypes.ts';

export function createSequences(): PartitionSequences {
  return { producerEpoch: -1, sequenceNext: 0, sequenceAcked: -1, unresolvedNext: -1 };
}

/** The batch's last sequence (ProducerBatch.lastSequence). */
function lastSequenceOf(batch: ProducerBatch): number {
  return batch.baseSequence + batch.records.length - 1;
}

/**
 * TxnPartitionEntry.inflightBatchesBySequence: the partition's batches drained and not completed
 * (back in the deque for a retry, or on a request whose batch has not expired), by epoch then
 * base sequence.
 */
export function trackedBatches(producer: ProducerState, partition: number): ProducerBatch[] {
  const tracked: ProducerBatch[] = [];
  for (const batch of producer.queues[partition]) if (batch.baseSequence >= 0) tracked.push(batch);
  for (const request of producer.inFlight) {
    if (request.partition === partition && request.batch !== null && !request.batchExpired && request.batch.baseSequence >= 0) tracked.push(request.batch);
  }
  tracked.sort((a, b) => a.producerEpoch - b.producerEpoch || a.baseSequence - b.baseSequence);
  return tracked;
}

function hasTrackedBatches(producer: ProducerState, partition: number): boolean {
  return trackedBatches(producer, partition).length > 0;
}

/** The partition's sequences belong to an older epoch than the producer's (hasStaleProducerIdAndEpoch). */
function isStale(producer: ProducerState, partition: number): boolean {
  return producer.sequences[partition].producerEpoch !== producer.producerEpoch;
}

/** TransactionManager.isNextSequence: `sequence` follows the last acknowledged one. */
function isNextSequence(sequences: PartitionSequences, sequence: number): boolean {
  return sequence - sequences.sequenceAcked === 1;
}

/** TxnPartitionEntry.startSequencesAtBeginning: tracked batches renumbered from 0 in the current epoch. */
function startSequencesAtBeginning(producer: ProducerState, partition: number): void {
  let sequence = 0;
  for (const batch of trackedBatches(producer, partition)) {
    batch.producerEpoch = producer.producerEpoch;
    batch.baseSequence = sequence;
    batch.sequenceReset = true;
    sequence += batch.records.length;
  }
  const sequences = producer.sequences[partition];
  sequences.producerEpoch = producer.producerEpoch;
  sequences.sequenceNext = sequence;
  sequences.sequenceAcked = -1;
}

/** TransactionManager.requestEpochBumpForPartition. */
function requestEpochBump(producer: ProducerState, partition: number): void {
  producer.epochBumpRequired = true;
  if (!producer.partitionsToRewrite.includes(partition)) producer.partitionsToRewrite.push(partition);
}

/**
 * TransactionManager.maybeResolveSequences: an unresolved partition with nothing tracked is
 * resolved when the next sequence follows the last acknowledged one (the expired batch made it
 * after all), else its epoch must be bumped.
 */
export function maybeResolveSequences(producer: ProducerState): void {
  producer.sequences.forEach((sequences, partition) => {
    if (sequences.unresolvedNext < 0 || hasTrackedBatches(producer, partition)) return;
    if (!isNextSequence(sequences, sequences.sequenceNext)) requestEpochBump(producer, partition);
    sequences.unresolvedNext = -1;
  });
}

/**
 * TransactionManager.bumpIdempotentEpochAndResetIdIfNeeded (KIP-360): the epoch goes up by one and
 * the partitions that asked for it restart their sequences from 0.
 */
export function bumpEpochIfRequired(producer: ProducerState): void {
  if (!producer.epochBumpRequired) return;
  // At Short.MAX_VALUE Java asks InitProducerId for a new producer id instead; not modelled.
  assert(producer.producerEpoch < LIMITS.producerEpochMax, () => `${producer.clientId} would bump its epoch past ${LIMITS.producerEpochMax}`);
  producer.producerEpoch++;
  for (const partition of producer.partitionsToRewrite) {
    startSequencesAtBeginning(producer, partition);
    producer.sequences[partition].unresolvedNext = -1;
  }
  producer.partitionsToRewrite = [];
  producer.epochBumpRequired = false;
}

/**
 * RecordAccumulator.shouldStopDrainBatchesForPartition: a new batch waits while the partition's
 * tracked batches belong to an older epoch or its sequences are unresolved; a retried batch goes
 * only when it is the first tracked one (which keeps a partition's retries in order).
 */
export function shouldStopDrain(producer: ProducerState, partition: number, head: ProducerBatch): boolean {
  const tracked = trackedBatches(producer, partition);
  if (head.baseSequence < 0) {
    if (tracked.length > 0 && isStale(producer, partition)) return true;
    if (producer.sequences[partition].unresolvedNext >= 0) return true;
    return false;
  }
  return tracked.length > 0 && head.baseSequence !== tracked[0].baseSequence;
}

/**
 * A batch drained for the first time takes the current epoch and the partition's next sequence
 * (RecordAccumulator.drainBatchesForOneNode); a partition left on an older epoch with nothing
 * tracked restarts at 0 first (maybeUpdateProducerIdAndEpoch).
 */
export function assignSequence(producer: ProducerState, batch: ProducerBatch): void {
  assert(batch.baseSequence < 0, () => `${producer.clientId} batch ${batch.batchId} already has sequence ${batch.baseSequence}`);
  if (isStale(producer, batch.partition) && !hasTrackedBatches(producer, batch.partition)) startSequencesAtBeginning(producer, batch.partition);
  const sequences = producer.sequences[batch.partition];
  batch.producerEpoch = producer.producerEpoch;
  batch.baseSequence = sequences.sequenceNext;
  sequences.sequenceNext += batch.records.length;
}

/** TransactionManager.handleCompletedBatch: the last acknowledged sequence moves up. */
export function handleCompletedBatch(producer: ProducerState, batch: ProducerBatch): void {
  const sequences = producer.sequences[batch.partition];
  sequences.sequenceAcked = Math.max(sequences.sequenceAcked, lastSequenceOf(batch));
}

/**
 * TransactionManager.handleFailedBatch for an idempotent producer: OUT_OF_ORDER_SEQUENCE_NUMBER,
 * or any failure of a batch that had retries left (`adjustSequences`), requests an epoch bump.
 */
export function handleFailedBatch(producer: ProducerState, batch: ProducerBatch, error: KafkaError | 'delivery.timeout.ms expired', adjustSequences: boolean): void {
  if (error === 'OUT_OF_ORDER_SEQUENCE_NUMBER' || adjustSequences) requestEpochBump(producer, batch.partition);
}

/** TransactionManager.markSequenceUnresolved: the sequence after the expired batch is unknown. */
export function markSequenceUnresolved(producer: ProducerState, batch: ProducerBatch): void {
  const sequences = producer.sequences[batch.partition];
  sequences.unresolvedNext = Math.max(sequences.unresolvedNext, lastSequenceOf(batch) + 1);
}

/**
 * TransactionManager.canRetry for OUT_OF_ORDER_SEQUENCE_NUMBER: always retried. A batch that is not
 * the next expected one waits for the earlier ones; for the next expected one (or the one right
 * after an unresolved gap) the gap is real and the epoch is bumped first. Other errors: retried
 * when retriable (`retriable`).
 */
export function canRetryIdempotent(producer: ProducerState, batch: ProducerBatch, error: KafkaError, retriable: boolean): boolean {
  if (error !== 'OUT_OF_ORDER_SEQUENCE_NUMBER') return retriable;
  const sequences = producer.sequences[batch.partition];
  const unresolved = sequences.unresolvedNext >= 0;
  if (!unresolved && (batch.sequenceReset || !isNextSequence(sequences, batch.baseSequence))) return true;
  if (!unresolved || batch.baseSequence === sequences.unresolvedNext) requestEpochBump(producer, batch.partition);
  return true;
}
