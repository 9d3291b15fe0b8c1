/**
 * Producer state. Shaped after the Java client so batching (RecordAccumulator), partitioners
 * and idempotence fit later: records wait in per-partition queues, a sender drains them into
 * requests, at most `max.in.flight.requests.per.connection` requests are outstanding per broker.
 */

/** A record the workload has handed to the producer (KafkaProducer.send). */
export interface ProducerRecord {
  /** The history op id of this send. */
  opId: string;
  value: string;
  key: string | null;
  partition: number;
  /** Attempts so far. */
  attempts: number;
  /** True once some attempt's fate is unknown (it may have been appended). */
  maybeWritten: boolean;
  /** Virtual time the send was invoked; delivery.timeout.ms counts from here. */
  invokeTimeMs: number;
  /** Idempotence: the sequence assigned on first send (-1 when not idempotent). */
  sequence: number;
  /** The producer id (and epoch) the sequence belongs to. */
  sequenceProducerId: number;
  /** Not before this time (retry backoff). */
  retryNotBeforeMs: number;
  /** Size in a v2 batch (recordSize.ts). */
  sizeBytes: number;
  /** The batch it was first sent in; a retried batch is sent again whole (null: not sent yet). */
  batchId: string | null;
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
  partition: number;
  /** The records carried, in order (empty for a Metadata request, partition -1). */
  records: ProducerRecord[];
  sentMs: number;
}

export interface ProducerState {
  clientId: string;
  /** The workload still to send: values in order. */
  workloadNext: number;
  workloadSize: number;
  /** Per partition: records waiting to be sent (the accumulator), oldest first. */
  queues: ProducerRecord[][];
  inFlight: InFlightRequest[];
  /** Known leader per partition (-1: unknown) and the epoch it was learnt at. */
  leaders: { leader: number; leaderEpoch: number }[];
  metadataInFlight: boolean;
  metadataStale: boolean;
  /** Round-robin over brokers for metadata requests. */
  bootstrapIndex: number;
  producerId: number;
  /** Next sequence per partition (idempotence). */
  sequenceNext: number[];
  /** Highest acknowledged sequence per partition under the current producer id (-1: none). */
  sequenceAcked: number[];
  /** Bumped on a fatal OUT_OF_ORDER_SEQUENCE_NUMBER (KIP-360); part of the producer id. */
  producerEpoch: number;
  /** Set when the epoch must be bumped once the in-flight requests have completed. */
  epochBumpPending: boolean;
  partitioner: PartitionerState;
}
