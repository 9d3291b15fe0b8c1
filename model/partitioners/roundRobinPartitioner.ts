/**
 * `round-robin`: Java's RoundRobinPartitioner (Kafka 2.4+, KAFKA-3333). One counter per topic,
 * from 0; keys are ignored; the counter indexes the list of partitions with a leader in metadata
 * list order (not partition ids), falling back to `counter % partitionCount` when none has a leader.
 * A 2.4–3.9 client calls a `partitioner.class` a second time when it opens a new batch, so the
 * counter skips (KAFKA-9965): kmc reproduces that through the `java-custom` convention (and in the
 * producer model with model.partitioner.double.call). KAFKA-17632 (4.0, backported to 3.9.2) makes
 * the second call return the first call's partition; 4.0 drops the second call (KAFKA-18295).
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
