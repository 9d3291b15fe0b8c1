/**
 * The partitioner interface kmc plugins and built-ins implement, and the cluster view they see.
 *
 * Shaped after Java's `org.apache.kafka.clients.producer.Partitioner` (partition + the deprecated
 * `onNewBatch`) with the arguments KafkaJS gives its partitioners folded into two plain objects.
 * Keys and values are bytes (kmc serialises strings as UTF-8, like Java's StringSerializer).
 * Facts: ../shared/reference/clients.md §1–3.
 */

/** One partition as metadata describes it. */
export interface PartitionInfo {
  partition: number;
  /** Broker id of the leader; -1 when the partition has no leader (Java `Node.noNode()`, KafkaJS `leader < 0`). */
  leader: number;
  replicas: number[];
  isr: number[];
}

/**
 * What a partitioner may know about the topic. `partitions` is in metadata list order, which need
 * not be partition-id order; Java's RoundRobinPartitioner and KafkaJS index into that order.
 */
export interface ClusterView {
  topic: string;
  /** All partitions of the topic, with or without a leader (Java `partitionsForTopic(topic).size()`). */
  partitionCount: number;
  /** Partitions with a leader, in metadata list order (Java `availablePartitionsForTopic`). */
  availablePartitions: number[];
  partitions: PartitionInfo[];
}

/** The record a partitioner sees: serialised key and value, and the explicit partition if the sender chose one. */
export interface PartitionerRecord {
  topic: string;
  key: Uint8Array | null;
  value: Uint8Array | null;
  /** Explicit partition from the send call; null or absent when the sender left it to the partitioner. */
  partition?: number | null;
}

/**
 * How a producer calls a partitioner; the producer model and kmc's send driver follow it.
 * - `java-custom`: a Java `partitioner.class`. `KafkaProducer.doSend` calls `partition()`; when the
 *   accumulator has no open batch with room for the record on that partition (`abortOnNewBatch`),
 *   it calls `onNewBatch(topic, cluster, prevPartition)` (if any) and `partition()` a second time
 *   (KafkaProducer.java ~L1068-1085; the root of KAFKA-9965). Explicit partitions are used as given,
 *   without calling `partition()`, but still trigger `onNewBatch` on a new batch.
 * - `java-built-in`: no `partitioner.class` (Java 3.3+). Explicit partition, else key hash, else the
 *   accumulator's uniform sticky partition (KIP-794): see `BuiltInStickyPartitioner`.
 * - `kafkajs`: one call per message, explicit partition included (KJS:src/producer/groupMessagesPerPartition.js).
 */
export type CallConvention = 'java-custom' | 'java-built-in' | 'kafkajs';

export interface Partitioner {
  /** A name for reports. */
  readonly name: string;
  /** How a producer calls it; `java-custom` when absent. */
  readonly convention?: CallConvention;
  /** The partition for the record: an integer in [0, cluster.partitionCount). */
  partition(record: PartitionerRecord, cluster: ClusterView): number;
  /** Java's deprecated hook, called when the chosen partition had no open batch (KIP-480 sticky switches here). */
  onNewBatch?(topic: string, cluster: ClusterView, prevPartition: number): void;
}

/** Java's `RecordMetadata.UNKNOWN_PARTITION`: "let the accumulator's built-in sticky partitioner choose". */
export const UNKNOWN_PARTITION = -1;

/** Builds a cluster view from partitions in metadata list order. */
export function clusterView(topic: string, partitions: readonly PartitionInfo[]): ClusterView {
  const copies = partitions.map((p) => ({ partition: p.partition, leader: p.leader, replicas: [...p.replicas], isr: [...p.isr] }));
  return {
    topic,
    partitionCount: copies.length,
    availablePartitions: copies.filter((p) => p.leader >= 0).map((p) => p.partition),
    partitions: copies,
  };
}

/**
 * A cluster view with partitions 0..count-1 in id order, led round robin by `brokers` brokers;
 * the partitions in `withoutLeader` have leader -1 (and an empty ISR).
 */
export function simpleClusterView(topic: string, partitionCount: number, options: { brokers?: number; withoutLeader?: readonly number[] } = {}): ClusterView {
  if (!Number.isInteger(partitionCount) || partitionCount < 1) throw new RangeError(`partitionCount must be a positive integer, got ${partitionCount}`);
  const brokers = options.brokers ?? 3;
  const withoutLeader = new Set(options.withoutLeader ?? []);
  const partitions: PartitionInfo[] = [];
  for (let partition = 0; partition < partitionCount; partition++) {
    const leader = partition % brokers;
    const replicas = [leader, (leader + 1) % brokers, (leader + 2) % brokers].slice(0, Math.min(3, brokers));
    partitions.push(withoutLeader.has(partition) ? { partition, leader: -1, replicas, isr: [] } : { partition, leader, replicas, isr: [...replicas] });
  }
  return clusterView(topic, partitions);
}
