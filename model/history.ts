/**
 * The history of a run: what clients did and saw, in the order it happened (Jepsen's history).
 * Properties judge it at the end of a run. Written by model/clients, never read by the model's
 * decisions.
 */

/** How a send ended, as the client saw it. */
export type SendOutcome =
  /**
   * Acknowledged. `offset` is null when the client never learns it: acks=0, or an idempotent batch
   * answered DUPLICATE_SEQUENCE_NUMBER (Sender.completeBatch: success without a valid offset; only
   * brokers before Kafka 1.1 send it). Properties that judge offsets skip such sends.
   */
  | { type: 'ok'; offset: number | null; timeMs: number }
  /** Definitely not written: every attempt was rejected before append. */
  | { type: 'fail'; error: string; timeMs: number }
  /** Indeterminate: an attempt may have been appended (timeout, lost response, disconnect). */
  | { type: 'info'; error: string; timeMs: number };

export interface SendOp {
  type: 'send';
  /** Unique op id, e.g. "send-3". */
  id: string;
  /** The producer's client id, e.g. "producer-1". */
  process: string;
  /** The unique value written, e.g. "v3". */
  value: string;
  key: string | null;
  partition: number;
  /** Partitions the topic had, as the producer knew it, when it chose the partition. */
  partitionCount: number;
  acks: 0 | 1 | -1;
  /** Order of this send among its producer's sends (0-based): the order the client issued them. */
  sendIndex: number;
  /** Attempts made (1 + retries used). */
  attempts: number;
  invokeTimeMs: number;
  /** null while in flight. */
  outcome: SendOutcome | null;
}

export interface ReadRecord {
  offset: number;
  value: string;
  leaderEpoch: number;
}

/** A read of one partition from `offsetStart`; `records` are what came back, in order. */
export interface ReadOp {
  type: 'read';
  id: string;
  process: string;
  partition: number;
  offsetStart: number;
  /** The high watermark the leader reported with the last response of this read. */
  highWatermark: number;
  records: ReadRecord[];
  /** True for the final drain read, which starts at the log start after faults heal. */
  final: boolean;
  timeMs: number;
  /** Which broker served it, and in which leader epoch. */
  broker: number;
  leaderEpoch: number;
}

export type HistoryOp = SendOp | ReadOp;

export interface History {
  ops: HistoryOp[];
}
