/**
 * `legacy-round-robin`: Java's DefaultPartitioner before KIP-480 (Kafka 0.10–2.3, the default
 * `partitioner.class` then). A record's explicit partition is used as given; a non-null key goes
 * to toPositive(murmur2(key)) % partitionCount, counting every partition; a null key takes the
 * next value of a per-topic int32 counter that starts at a random int (ThreadLocalRandom, here
 * the injected Rng) and wraps, and goes to availablePartitions[toPositive(value) % available],
 * or toPositive(value) % partitionCount when no partition has a leader.
 * Behaviour: Kafka:clients/.../producer/internals/DefaultPartitioner.java at tag 2.3.0
 * (partition, nextValue).
 *
 * A client before 2.4 asks it once per record. Configured as a `partitioner.class` in a 2.4–3.9
 * client it is asked again after onNewBatch, like RoundRobinPartitioner (the `java-custom`
 * convention, KAFKA-9965).
 */
import type { Rng } from '../kernel/rng.ts';
import { partitionForKey, toPositive } from './murmur2.ts';
import { nextUint32 } from './random.ts';
import type { ClusterView, Partitioner, PartitionerRecord } from './types.ts';

export interface LegacyRoundRobinPartitionerOptions {
  /** The counter's random start. */
  rng: Rng;
}

export class LegacyRoundRobinPartitioner implements Partitioner {
  readonly name = 'legacy-round-robin';
  readonly convention = 'java-custom' as const;
  private readonly rng: Rng;
  /** topicCounterMap: the next value of each topic's AtomicInteger (int32, wrapping). */
  private readonly counters = new Map<string, number>();

  constructor(options: LegacyRoundRobinPartitionerOptions) {
    this.rng = options.rng;
  }

  partition(record: PartitionerRecord, cluster: ClusterView): number {
    if (record.partition !== null && record.partition !== undefined) return record.partition;
    if (record.key !== null) return partitionForKey(record.key, cluster.partitionCount);
    const value = this.nextValue(record.topic);
    const available = cluster.availablePartitions;
    if (available.length > 0) return available[toPositive(value) % available.length];
    return toPositive(value) % cluster.partitionCount;
  }

  /** DefaultPartitioner.nextValue: getAndIncrement of the topic's counter, created at a random int. */
  private nextValue(topic: string): number {
    const value = this.counters.get(topic) ?? nextUint32(this.rng) | 0;
    this.counters.set(topic, (value + 1) | 0);
    return value;
  }
}
