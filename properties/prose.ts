/**
 * How properties name history ops and records in cases and explanations, so every property
 * says "the final read of partition 0 (offsets 0..4 from broker 2, leader epoch 3)" the same way.
 */
import type { ReadOp } from '../model/history.ts';

/** What a case records of a read: enough to name it in prose (JSON data). */
export type ReadRef = {
  readId: string;
  process: string;
  partition: number;
  final: boolean;
  offsetStart: number;
  /** Offset of the last record returned, or null when the read returned none. */
  offsetLast: number | null;
  broker: number;
  leaderEpoch: number;
  highWatermark: number;
};

/** A record as a case stores it. */
export type RecordRef = { epoch: number; value: string };

export function readRef(read: ReadOp): ReadRef {
  const count = read.records.length;
  return {
    readId: read.id,
    process: read.process,
    partition: read.partition,
    final: read.final,
    offsetStart: read.offsetStart,
    offsetLast: count === 0 ? null : read.records[count - 1].offset,
    broker: read.broker,
    leaderEpoch: read.leaderEpoch,
    highWatermark: read.highWatermark,
  };
}

/**
 * "the final read of partition 0 (offsets 0..4 from broker 2, leader epoch 3)"; an empty read is
 * "(empty at offset 3, from broker 2, leader epoch 3)".
 */
export function readPhrase(read: ReadRef): string {
  const span = read.offsetLast === null ? `empty at offset ${read.offsetStart},` : `offsets ${read.offsetStart}..${read.offsetLast}`;
  const source = `from broker ${read.broker}, leader epoch ${read.leaderEpoch}`;
  if (read.final) return `the final read of partition ${read.partition} (${span} ${source})`;
  return `a read of partition ${read.partition} by ${read.process} (${read.readId}: ${span} ${source})`;
}

/** "final read" or "read-7", for one-line summaries. */
export function readName(read: ReadRef): string {
  return read.final ? 'the final read' : read.readId;
}

/** "acks=all", "acks=1", "acks=0". */
export function acksPhrase(acks: 0 | 1 | -1): string {
  return acks === -1 ? 'acks=all' : `acks=${acks}`;
}

/** "v3 (epoch 2)". */
export function recordPhrase(record: RecordRef): string {
  return `${record.value} (epoch ${record.epoch})`;
}

/** "1", "1 and 4", "1, 4 and 6". */
export function listPhrase(items: readonly (string | number)[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** "[1, 2, 3]". */
export function brokersPhrase(brokers: readonly number[]): string {
  return `[${brokers.join(', ')}]`;
}
