/**
 * Idempotent produce on the leader (KIP-98): the broker keeps, per producer id and partition,
 * the last 5 batches' sequence numbers (rebuilt here from the log, which carries producer id,
 * sequence and batch starts with every record, so a new leader knows them too). A retry of one of those batches is
 * answered with its original offset instead of being appended again; a sequence that skips ahead
 * is rejected with OUT_OF_ORDER_SEQUENCE_NUMBER, so retries neither duplicate nor reorder.
 */
import type { KafkaError } from '../network/rpc.ts';
import type { ReplicaState } from './types.ts';

/** ProducerStateManager keeps this many batches' metadata per producer. */
export const PRODUCER_BATCHES_RETAINED = 5;

export type SequenceVerdict = { type: 'append' } | { type: 'duplicate'; offset: number } | { type: 'reject'; error: KafkaError };

export function checkSequence(replica: ReplicaState, producerId: number, sequence: number): SequenceVerdict {
  if (producerId < 0) return { type: 'append' };
  let lastSequence = -1;
  let seen = 0;
  for (let offset = replica.log.length - 1; offset >= 0 && seen < PRODUCER_BATCHES_RETAINED; offset--) {
    const entry = replica.log[offset];
    if (entry.producerId !== producerId) continue;
    // The producer's newest record (the first met going backwards) holds its last sequence.
    if (lastSequence === -1) lastSequence = entry.sequence;
    if (entry.sequence === sequence) return { type: 'duplicate', offset };
    if (entry.batchStart !== false) seen++; // a batch ends (going backwards) at its first record
  }
  if (sequence === lastSequence + 1) return { type: 'append' };
  if (sequence <= lastSequence) return { type: 'reject', error: 'DUPLICATE_SEQUENCE_NUMBER' };
  return { type: 'reject', error: 'OUT_OF_ORDER_SEQUENCE_NUMBER' };
}
