/**
 * `round-robin`: Java's RoundRobinPartitioner (pre-KAFKA-17632). One counter per topic, from 0;
 * keys are ignored; the counter indexes the list of partitions with a leader in metadata list
 * order (not partition ids), falling back to `counter % partitionCount` when none has a leader.
 * As a `partitioner.class` it is called a second time when the producer opens a new batch, so
 * the counter skips (KAFKA-9965): kmc reproduces that through the `java-custom` convention.
 * Behaviour: Kafka:clients/src/main/java/org/apache/kafka/clients/producer/RoundRobinPartitioner.java;
 * ../shared/reference/clients.md §2.4.
 */
import { toPositive } from './murmur2.ts';
import type { ClusterView, Partitioner, PartitionerRecord } from './types.ts';

export class RoundRobinPartitioner implements Partitioner {
  readonly name = 'round-robin';
  readonly convention = 'java-custom' as const;
  /** topicCounterMap: the next value of each topic's AtomicInteger (int32, wrapping). */
  private readonly counters = new Map<string, number>();

  partition(record: PartitionerRecord, cluster: ClusterView): number {
    if (record.partition !== null && record.partition !== undefined) return record.partition;
    const value = this.counters.get(record.topic) ?? 0;
    this.counters.set(record.topic, (value + 1) | 0);
    const available = cluster.availablePartitions;
    if (available.length > 0) return available[toPositive(value) % available.length];
    return toPositive(value) % cluster.partitionCount;
  }
}
