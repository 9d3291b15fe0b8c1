/**
 * Partition choice inside the producer model, in the Java client's order (KafkaProducer.partition,
 * reference/clients.md §2): an explicit plan (a plugin's choices, made before the run); then the
 * configured partitioner. `partitioner.class` names a built-in (config resolution has already
 * turned `default` into the default partitioner of model.kafka.version):
 * - `default`: Java 3.3+ built-in logic: a non-null key (empty included) goes to
 *   toPositive(murmur2(key)) % P unless partitioner.ignore.keys; a null key goes to the uniform
 *   sticky partition of KIP-794, switched once batch.size bytes were produced to it and its batch
 *   is full, or at 2 × batch.size regardless (KAFKA-14156). The next sticky partition is drawn
 *   weighted against queued batches (partitioner.adaptive.partitioning.enable, the cumulative
 *   frequency table of KIP-794), skipping partitions whose leader was not drained for
 *   partitioner.availability.timeout.ms.
 * - `sticky`: KIP-480's DefaultPartitioner (Kafka 2.4–3.2): keys hashed; null keys stick to one
 *   partition until a new batch is needed, then `onNewBatch` moves to another.
 * - `legacy-round-robin`: DefaultPartitioner before 2.4 (Kafka 0.10–2.3): keys hashed as `default`;
 *   null keys round robin over partitions with a leader, from a per-topic int32 counter that starts
 *   at a random value (ThreadLocalRandom.nextInt(), here a seeded draw), toPositive(counter) % n.
 * - `round-robin`: RoundRobinPartitioner: one counter, keys ignored, over partitions with a leader.
 * A 2.4–3.9 client calls a partitioner.class again after `onNewBatch` when its first choice had
 * no open batch (model.partitioner.double.call), which makes the round robins skip partitions
 * (KAFKA-9965); earlier clients, and 4.0+ (KAFKA-17632, KAFKA-18295), ask once. `sticky` switches
 * in onNewBatch and is always asked again after it: that is how KIP-480 works.
 * - `kafkajs-default` / `kafkajs-legacy`: KafkaJS's partitioners (Java-compatible murmur2 or its
 *   legacy hash for keys; round robin from a random start for null keys), called once per record.
 * Random draws come from the producer's seeded stream (plain data: a seed and a draw count).
 */
import { createRng } from '../kernel/rng.ts';
import { kafkajsLegacyMurmur2 } from '../partitioners/kafkajsLegacyMurmur2.ts';
import { murmur2, toPositive } from '../partitioners/murmur2.ts';
import type { ClusterState } from '../cluster/types.ts';
import type { ProducerState } from './producerTypes.ts';
import { RECORD_BATCH_HEADER_BYTES } from './recordSize.ts';
import { computePartitionLoadStats, partitionFromLoadStats, partitionLoadStatsInput, type PartitionQueue } from '../partitioners/builtInStickyPartitioner.ts';

export const PARTITIONER_NAMES = ['default', 'sticky', 'round-robin', 'legacy-round-robin', 'kafkajs-default', 'kafkajs-legacy'] as const;
export type PartitionerName = (typeof PARTITIONER_NAMES)[number];

const UTF8 = new TextEncoder();

/** A non-negative 31-bit integer from the producer's seeded stream (Java toPositive(nextInt())). */
function draw(producer: ProducerState): number {
  const value = createRng(`${producer.partitioner.seed}#${producer.partitioner.draws}`).int(0x80000000);
  producer.partitioner.draws++;
  return value;
}

/** A uniform int32 from the producer's seeded stream (Java ThreadLocalRandom.nextInt()). */
function drawInt32(producer: ProducerState): number {
  const value = createRng(`${producer.partitioner.seed}#${producer.partitioner.draws}`).int(0x1_0000_0000);
  producer.partitioner.draws++;
  return value | 0;
}

/** Partitions with a known leader, in partition order (the producer's metadata). */
function available(producer: ProducerState): number[] {
  const out: number[] = [];
  for (let p = 0; p < producer.leaders.length; p++) if (producer.leaders[p].leader >= 0) out.push(p);
  return out;
}

/**
 * BuiltInPartitioner.nextPartition: weighted by the load stats when the sender computed them
 * (KIP-794 adaptive partitioning), else uniform over available partitions.
 */
function builtInNextPartition(producer: ProducerState, random: number): number {
  const stats = producer.partitioner.loadStats;
  return stats !== null ? partitionFromLoadStats(stats, random) : uniformPartition(producer, random);
}

/**
 * The sender's ready check (RecordAccumulator.partitionReady) feeds the built-in partitioner the
 * queued batches per partition, leaving out partitions without a known leader and, with
 * partitioner.availability.timeout.ms, those whose leader has not been drained for that long.
 */
export function updateLoadStats(state: ClusterState, producer: ProducerState): void {
  if (state.config['partitioner.class'] !== 'default' || state.config['model.partition.plan'].length > 0) return;
  const partitioner = producer.partitioner;
  const queues: PartitionQueue[] = [];
  for (let p = 0; p < producer.queues.length; p++) {
    if (!partitioner.dequeExists[p]) continue;
    const leader = producer.leaders[p].leader;
    queues.push({
      partition: p,
      hasLeader: leader >= 0,
      batchesQueued: batchesQueued(state, producer, p),
      leaderNotDrainedMs: leader >= 0 ? partitioner.leaderReadyMs[leader - 1] - partitioner.leaderDrainMs[leader - 1] : 0,
    });
  }
  const input = partitionLoadStatsInput(queues, producer.queues.length, {
    adaptivePartitioningEnable: state.config['partitioner.adaptive.partitioning.enable'],
    availabilityTimeoutMs: state.config['partitioner.availability.timeout.ms'],
  });
  partitioner.loadStats = computePartitionLoadStats(input.queueSizes, input.partitionIds, input.length);
}

/** Batches waiting in a partition's deque (sent batches awaiting a retry count as one each). */
function batchesQueued(state: ClusterState, producer: ProducerState, partition: number): number {
  const batchSize = state.config['batch.size'];
  let batches = 0;
  let bytes = 0;
  let lastBatchId: string | null = null;
  for (const record of producer.queues[partition]) {
    if (record.batchId !== null) {
      if (record.batchId !== lastBatchId) batches++;
      lastBatchId = record.batchId;
      continue;
    }
    if (bytes === 0 || bytes + record.sizeBytes > batchSize) {
      batches++;
      bytes = RECORD_BATCH_HEADER_BYTES;
    }
    bytes += record.sizeBytes;
  }
  return batches;
}

/** BuiltInPartitioner/StickyPartitionCache nextPartition: uniform over available partitions. */
function uniformPartition(producer: ProducerState, random: number): number {
  const candidates = available(producer);
  return candidates.length > 0 ? candidates[random % candidates.length] : random % producer.queues.length;
}

/** Bytes in the partition's last batch that has not been sent yet (0: none open). */
export function openBatchBytes(state: ClusterState, producer: ProducerState, partition: number): number {
  const batchSize = state.config['batch.size'];
  let bytes = 0;
  for (const record of producer.queues[partition]) {
    if (record.batchId !== null) continue; // part of a batch already sent (waiting to be retried)
    if (bytes > 0 && bytes + record.sizeBytes > batchSize) bytes = 0; // that batch was full: a new one
    bytes += bytes === 0 ? RECORD_BATCH_HEADER_BYTES + record.sizeBytes : record.sizeBytes;
  }
  return bytes;
}

/** Whether a record of `sizeBytes` fits in an open batch of the partition (else a new batch is needed). */
function hasOpenBatch(state: ClusterState, producer: ProducerState, partition: number, sizeBytes: number): boolean {
  const bytes = openBatchBytes(state, producer, partition);
  return bytes > 0 && bytes + sizeBytes <= state.config['batch.size'];
}

function keyHash(name: PartitionerName, key: string, partitionCount: number): number {
  const bytes = UTF8.encode(key);
  return toPositive(name === 'kafkajs-legacy' ? kafkajsLegacyMurmur2(bytes) : murmur2(bytes)) % partitionCount;
}

type ClassPartitionerName = 'sticky' | 'round-robin' | 'legacy-round-robin';

/** The partition() call of a partitioner.class (sticky, round-robin, legacy-round-robin). */
function customPartition(producer: ProducerState, name: ClassPartitionerName, key: string | null): number {
  const partitionCount = producer.queues.length;
  if (name === 'round-robin') {
    const counter = producer.partitioner.counter++;
    const candidates = available(producer);
    return candidates.length > 0 ? candidates[counter % candidates.length] : counter % partitionCount;
  }
  if (key !== null) return keyHash(name, key, partitionCount);
  if (name === 'legacy-round-robin') {
    // DefaultPartitioner.nextValue: the counter starts at a random int on first use (its only draw).
    if (producer.partitioner.draws === 0) producer.partitioner.counter = drawInt32(producer);
    const value = producer.partitioner.counter;
    producer.partitioner.counter = (value + 1) | 0;
    const candidates = available(producer);
    return candidates.length > 0 ? candidates[toPositive(value) % candidates.length] : toPositive(value) % partitionCount;
  }
  if (producer.partitioner.stickyPartition < 0) producer.partitioner.stickyPartition = uniformPartition(producer, draw(producer));
  return producer.partitioner.stickyPartition;
}

/** KIP-480 StickyPartitionCache.nextPartition on onNewBatch: move off `previous`. */
function onNewBatch(producer: ProducerState, name: ClassPartitionerName, previous: number): void {
  if (name !== 'sticky' || producer.partitioner.stickyPartition !== previous) return;
  const candidates = available(producer);
  if (candidates.length === 1) {
    producer.partitioner.stickyPartition = candidates[0];
    return;
  }
  let next = previous;
  // Drawn until it differs (bounded: the stream is uniform, so a handful of draws suffice).
  for (let attempt = 0; attempt < 64 && next === previous; attempt++) next = uniformPartition(producer, draw(producer));
  producer.partitioner.stickyPartition = next;
}

/** Chooses the partition of the next record of `producer`. */
export function choosePartition(state: ClusterState, producer: ProducerState, producerIndex: number, recordIndex: number, key: string | null, sizeBytes: number): number {
  const plan = state.config['model.partition.plan'];
  if (plan.length > 0) return plan[producerIndex][recordIndex]; // a plugin's choices (kmc check-partitioner)
  const name = state.config['partitioner.class'];
  const partitionCount = producer.queues.length;
  switch (name) {
    case 'default': {
      if (key !== null && !state.config['partitioner.ignore.keys']) return keyHash(name, key, partitionCount);
      if (producer.partitioner.stickyPartition < 0) {
        producer.partitioner.stickyPartition = builtInNextPartition(producer, draw(producer));
        producer.partitioner.producedBytes = 0;
      }
      return producer.partitioner.stickyPartition;
    }
    case 'sticky':
    case 'round-robin':
    case 'legacy-round-robin': {
      const first = customPartition(producer, name, key);
      if (hasOpenBatch(state, producer, first, sizeBytes)) return first;
      // No open batch with room: a 2.4–3.9 client aborts the append, calls onNewBatch, and asks again.
      if (name !== 'sticky' && !state.config['model.partitioner.double.call']) return first;
      onNewBatch(producer, name, first);
      return customPartition(producer, name, key);
    }
    case 'kafkajs-default':
    case 'kafkajs-legacy': {
      if (producer.partitioner.counter < 0) producer.partitioner.counter = draw(producer); // a random start, drawn once
      if (key !== null) return keyHash(name, key, partitionCount);
      producer.partitioner.counter = (producer.partitioner.counter + 1) % 0x80000000;
      const candidates = available(producer);
      return candidates.length > 0 ? candidates[producer.partitioner.counter % candidates.length] : producer.partitioner.counter % partitionCount;
    }
  }
}

/**
 * After a null-key record was appended to the built-in sticky partition: count its bytes and
 * switch per KIP-794 (BuiltInPartitioner.updatePartitionInfo with the KAFKA-14156 rule).
 */
export function afterAppend(state: ClusterState, producer: ProducerState, partition: number, key: string | null, appendedBytes: number): void {
  if (state.config['model.partition.plan'].length > 0 || state.config['partitioner.class'] !== 'default') return;
  if (key !== null && !state.config['partitioner.ignore.keys']) return;
  if (partition !== producer.partitioner.stickyPartition) return;
  const batchSize = state.config['batch.size'];
  producer.partitioner.producedBytes += appendedBytes;
  const open = openBatchBytes(state, producer, partition);
  const batchFull = open === 0 || open >= batchSize;
  const produced = producer.partitioner.producedBytes;
  if ((produced >= batchSize && batchFull) || produced >= 2 * batchSize) {
    producer.partitioner.stickyPartition = builtInNextPartition(producer, draw(producer));
    producer.partitioner.producedBytes = 0;
  }
}
