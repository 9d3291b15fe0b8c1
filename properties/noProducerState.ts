/**
 * KAFKA-15591 (open in the Kafka releases kmc models): a leader with no state for a producer
 * accepts any first sequence from it (ProducerAppendInfo.checkSequence, Kafka 2.5+, KIP-360). When
 * an idempotent producer's first batch on a partition is rejected (a leader change,
 * NOT_ENOUGH_REPLICAS) while a later batch, in flight beside it, reaches a leader holding none of
 * its records, the later batch is appended first. The earlier one then gets
 * OUT_OF_ORDER_SEQUENCE_NUMBER: it expires, or, as the next expected batch, makes the client bump
 * its epoch (TransactionManager.canRetry), which renumbers every batch in flight from 0
 * (startSequencesAtBeginning). The earlier batch then lands after the later one, and a retry of a
 * renumbered batch that was already appended is appended again. Only with more than one request
 * in flight: with one, the producer sends a partition one batch at a time.
 */
import type { KmcConfig } from '../model/config.ts';
import type { ReadOp, SendOp } from '../model/history.ts';

/** Whether the config lets an idempotent producer have two batches of a partition in flight. */
export function pipelinedIdempotence(config: KmcConfig): boolean {
  return config['enable.idempotence'] && config['max.in.flight.requests.per.connection'] > 1;
}

const BECAUSE_PREFIX = 'enable.idempotence=true with max.in.flight.requests.per.connection > 1, and ';
const BECAUSE_SUFFIX = 'a leader with no state for a producer accepts any first sequence (Kafka 2.5+, KAFKA-15591)';

/** Why a later send may land first: it was its producer's first record in the partition. */
export const OVERTAKEN_BECAUSE = `${BECAUSE_PREFIX}the later send is its producer's first record in the partition: ${BECAUSE_SUFFIX}, so an earlier batch in flight beside it can land after it`;

/** Why a record may be appended twice: its first copy overtook an earlier send of its producer. */
export const DUPLICATED_BECAUSE =
  `${BECAUSE_PREFIX}the first copy is among the records that overtook an earlier send of their producer as its first in the partition: ${BECAUSE_SUFFIX}; ` +
  'the epoch bump that follows renumbers them, and a retry appends them again';

/**
 * For one read from the log start: per producer, the offset where the first send it issued before
 * its lowest record in the read lands. Records of that producer below this offset overtook that earlier send, as
 * only a leader without the producer's state lets happen. Producers whose lowest record was not
 * overtaken have no entry.
 */
export function overtakenAt(read: ReadOp, sendsByValue: ReadonlyMap<string, SendOp>): Map<string, number> {
  const boundary = new Map<string, number>();
  if (read.offsetStart !== 0) return boundary; // a read from the log start shows each producer's first record
  const lowest = new Map<string, SendOp>();
  for (const record of read.records) {
    const send = sendsByValue.get(record.value);
    if (send !== undefined && send.partition === read.partition && !lowest.has(send.process)) lowest.set(send.process, send);
  }
  for (const record of read.records) {
    const send = sendsByValue.get(record.value);
    if (send === undefined || send.partition !== read.partition || boundary.has(send.process)) continue;
    if (send.sendIndex < lowest.get(send.process)!.sendIndex) boundary.set(send.process, record.offset);
  }
  return boundary;
}
