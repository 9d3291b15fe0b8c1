/**
 * `kafkajs-default` and `kafkajs-legacy`: KafkaJS's DefaultPartitioner (Java-compatible murmur2;
 * the default since KafkaJS v2.0.0) and LegacyPartitioner (the legacy, non-Java hash). Both:
 * explicit partition; a non-null key (empty included) → `toPositive(hash(key)) % partitionCount`;
 * otherwise round robin per message (not sticky) over partitions with a leader in metadata
 * order, with a pre-incremented per-topic counter that starts at a random uint32 (drawn from the
 * injected Rng instead of crypto), falling back to `counter % partitionCount` when none has a leader.
 * Behaviour: KJS:src/producer/partitioners/legacy/partitioner.js, .../default/murmur2.js,
 * .../legacy/murmur2.js; ../shared/reference/clients.md §3.2. KafkaJS calls it once per message
 * (the `kafkajs` convention).
 */
import type { Rng } from '../kernel/rng.ts';
import { kafkajsLegacyMurmur2 } from './kafkajsLegacyMurmur2.ts';
import { murmur2, toPositive } from './murmur2.ts';
import { nextUint32 } from './random.ts';
import type { ClusterView, Partitioner, PartitionerRecord } from './types.ts';

export interface KafkaJsPartitionerOptions {
  rng: Rng;
}

export class KafkaJsPartitioner implements Partitioner {
  readonly convention = 'kafkajs' as const;
  readonly name: 'kafkajs-default' | 'kafkajs-legacy';
  private readonly hash: (key: Uint8Array) => number;
  private readonly rng: Rng;
  /** Per topic, the last counter value modulo 2^32 (KafkaJS keeps an unbounded number; `& 0x7fffffff` only sees the low 31 bits). */
  private readonly counters = new Map<string, number>();

  constructor(variant: 'kafkajs-default' | 'kafkajs-legacy', options: KafkaJsPartitionerOptions) {
    this.name = variant;
    this.hash = variant === 'kafkajs-default' ? murmur2 : kafkajsLegacyMurmur2;
    this.rng = options.rng;
  }

  partition(record: PartitionerRecord, cluster: ClusterView): number {
    // KafkaJS draws the topic's start before looking at the message.
    if (!this.counters.has(record.topic)) this.counters.set(record.topic, nextUint32(this.rng));
    if (record.partition !== null && record.partition !== undefined) return record.partition;
    if (record.key !== null) return toPositive(this.hash(record.key)) % cluster.partitionCount;
    const counter = ((this.counters.get(record.topic) as number) + 1) >>> 0;
    this.counters.set(record.topic, counter);
    const available = cluster.availablePartitions;
    if (available.length > 0) return available[toPositive(counter) % available.length];
    return toPositive(counter) % cluster.partitionCount;
  }
}
