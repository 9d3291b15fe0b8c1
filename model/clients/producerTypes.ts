/**
 * Producer state, shaped after the Java client: KafkaProducer.send appends each record to the last
 * open batch of its partition's deque in the RecordAccumulator (or opens a new one); the Sender
 * drains whole batches into Produce requests, at most `max.in.flight.requests.per.connection`
 * outstanding per broker; the TransactionManager (idempotence) numbers batches when they are first
 * drained and tracks, per partition, the sequences sent, acknowledged and unresolved.
 */

/** A record the workload handed to the producer (KafkaProducer.send), inside its batch. */
export interface BatchRecord {
  /** The history op id of this send. */
  opId: string;
  value: string;
  key: string | null;
  /** Size in a v2 batch (recordSize.ts). */
  sizeBytes: number;
}

/** A ProducerBatch: records of one partition sent, retried, expired and completed together. */
export interface ProducerBatch {
  /** Stable id within its producer ("b3"). */
  batchId: string;
  partition: number;
  records: BatchRecord[];
  /** Header plus records, as batch.size counts them. */
  sizeBytes: number;
  /** When the batch was opened (ProducerBatch.createdMs): linger.ms and delivery.timeout.ms count from here. */
  createdMs: number;
  /** Times the batch was sent (1 + retries). 0: never drained, so still open for appends. */
  attempts: number;
  /** Re-enqueued after a failed attempt at least once (ProducerBatch.inRetry). */
  retry: boolean;
  /** Not before this time (retry.backoff.ms after a failed attempt). */
  retryNotBeforeMs: number;
  /** True once some attempt's fate is unknown (it may have been appended). */
  maybeWritten: boolean;
  /** Idempotence: producer epoch and base sequence, set when first drained (-1: none yet, or not idempotent). */
  producerEpoch: number;
  baseSequence: number;
  /** Its sequence was rewritten by an epoch bump (ProducerBatch.sequenceHasBeenReset). */
  sequenceReset: boolean;
}

/**
 * The TransactionManager's view of one partition (TxnPartitionEntry, plus
 * partitionsWithUnresolvedSequences): the epoch its sequences belong to, the next sequence, the
 * last acknowledged one and, after a batch expired once sent, the sequence that follows it.
 */
export interface PartitionSequences {
  /** Epoch of the partition's sequences (-1: none yet, ProducerIdAndEpoch.NONE). */
  producerEpoch: number;
  /** Base sequence of the next batch drained. */
  sequenceNext: number;
  /** Last sequence of the last acknowledged batch (-1: none). */
  sequenceAcked: number;
  /** Unresolved: the sequence after a batch that expired once sent (-1: resolved). */
  unresolvedNext: number;
}

/** What the producer's partitioner remembers, as plain data (partitionChoice.ts). */
export interface PartitionerState {
  /** Seed of the producer's random stream, and the draws taken from it. */
  seed: string;
  draws: number;
  /** The sticky partition for null keys (-1: none chosen yet). */
  stickyPartition: number;
  /** Bytes produced to the sticky partition since it was chosen (KIP-794). */
  producedBytes: number;
  /** Round-robin counter (Java), or KafkaJS's counter (-1: not drawn yet). */
  counter: number;
  /** KIP-794 adaptive weighting: the cumulative frequency table, or null for uniform choices. */
  loadStats: { cumulativeFrequencyTable: number[]; partitionIds: number[]; length: number } | null;
  /** Partitions that have a deque in the accumulator (a record was ever appended to them). */
  dequeExists: boolean[];
  /** Per broker id - 1: when the sender last found data ready for it, and last drained it. */
  leaderReadyMs: number[];
  leaderDrainMs: number[];
}

export interface InFlightRequest {
  requestId: string;
  broker: number;
  /** -1 for a Metadata request. */
  partition: number;
  /** The batch carried (null for a Metadata request). */
  batch: ProducerBatch | null;
  /**
   * The batch expired while this request was out (Sender.getExpiredInflightBatches): its sends are
   * complete, and the answer only tells the TransactionManager what was acknowledged.
   */
  batchExpired: boolean;
  sentMs: number;
}

export interface ProducerState {
  clientId: string;
  /** The workload still to send: values in order. */
  workloadNext: number;
  workloadSize: number;
  /** Per partition: the accumulator's deque of batches, oldest first. */
  queues: ProducerBatch[][];
  /** Counter for batch ids. */
  batchNext: number;
  inFlight: InFlightRequest[];
  /** Known leader per partition (-1: unknown) and the epoch it was learnt at. */
  leaders: { leader: number; leaderEpoch: number }[];
  metadataInFlight: boolean;
  metadataStale: boolean;
  /** Round-robin over brokers for metadata requests. */
  bootstrapIndex: number;
  /** Idempotence: the producer id (InitProducerId is not modelled) and current epoch; -1 when not idempotent. */
  producerId: number;
  producerEpoch: number;
  /** Per partition: the TransactionManager's sequences. */
  sequences: PartitionSequences[];
  /** An epoch bump is due (KIP-360): done at the start of the sender's next run. */
  epochBumpRequired: boolean;
  /** Partitions whose sequences the bump rewrites from 0 (TransactionManager.partitionsToRewriteSequences). */
  partitionsToRewrite: number[];
  partitioner: PartitionerState;
}
