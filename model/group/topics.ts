/**
 * Topics of the group model and how partitions are numbered.
 *
 * The model keeps every partition as one number: its global index in creation order. The initial
 * topics come first (topic 1's partitions 0..P-1, then topic 2's, ...), and a partition added at
 * run time (CreatePartitions) is appended. `partitions[g]` says which (topic, partition) the
 * global index g is. With one topic and no added partition the global index is the partition
 * number, so single-topic runs read as before. The model maps to (topic, partition) only where
 * Kafka's own interfaces need it: the assignor's input and output (AssignorInput uses
 * TopicPartition) and the descriptions.
 *
 * Because the table only grows at its end, what a client knows of it (its metadata) is a prefix:
 * a consumer's `metadataPartitions` is how many entries its last metadata refresh saw.
 */
import { assert } from '../kernel/assert.ts';
import type { KmcConfig } from '../config.ts';
import type { TopicPartition } from '../assignors/types.ts';
import { GROUP_LIMITS } from './limits.ts';
import { TOPIC, type GroupModelState } from './types.ts';
import { addPartitionLog } from './production.ts';

export interface TopicsState {
  /** Topic names, in creation order (the first is TOPIC). */
  names: string[];
  /** Global partition index -> (topic, partition), in creation order. */
  partitions: TopicPartition[];
  /** Workload events so far (each bounded by its model key). */
  closes: number;
  subscriptionChanges: number;
  partitionsAdded: number;
}

/** "topic", "topic2", "topic3". */
export function topicName(index: number): string {
  return index === 0 ? TOPIC : `${TOPIC}${index + 1}`;
}

export function initTopics(config: KmcConfig): TopicsState {
  const names = Array.from({ length: config['model.group.topics'] }, (_, i) => topicName(i));
  const partitions: TopicPartition[] = [];
  for (const topic of names) for (let p = 0; p < config['num.partitions']; p++) partitions.push({ topic, partition: p });
  assert(partitions.length <= GROUP_LIMITS.partitionsMax, `more than ${GROUP_LIMITS.partitionsMax} partitions`);
  return { names, partitions, closes: 0, subscriptionChanges: 0, partitionsAdded: 0 };
}

/**
 * The topics consumer `indexInGroup` (0-based) subscribes to at start: model.group.subscriptions
 * names topic numbers (1-based) per consumer; empty means every consumer subscribes to every topic.
 */
export function initialSubscription(config: KmcConfig, indexInGroup: number): string[] {
  const table = config['model.group.subscriptions'];
  const topicCount = config['model.group.topics'];
  if (table.length === 0) return Array.from({ length: topicCount }, (_, i) => topicName(i));
  return table[indexInGroup % table.length].slice().sort((a, b) => a - b).map((n) => topicName(n - 1));
}

export function topicPartitionOf(state: GroupModelState, partition: number): TopicPartition {
  const tp = state.topics.partitions[partition];
  assert(tp !== undefined, `no partition with global index ${partition}`);
  return tp;
}

/** The global index of (topic, partition) among the first `known` entries, or -1. */
export function globalIndexOf(state: GroupModelState, tp: TopicPartition, known: number): number {
  for (let g = 0; g < known; g++) {
    const entry = state.topics.partitions[g];
    if (entry.topic === tp.topic && entry.partition === tp.partition) return g;
  }
  return -1;
}

/** How a partition reads in descriptions: "p2" with one topic, Kafka's "topic2-0" with several. */
export function partitionLabel(state: GroupModelState, partition: number): string {
  if (state.topics.names.length === 1) return `p${partition}`;
  const tp = state.topics.partitions[partition];
  return tp === undefined ? `p${partition}` : `${tp.topic}-${tp.partition}`;
}

/** Partition counts of every topic as seen in the first `known` entries of the table. */
export function topicCounts(state: GroupModelState, known: number): { name: string; partitionCount: number }[] {
  const counts = state.topics.names.map((name) => ({ name, partitionCount: 0 }));
  for (let g = 0; g < known; g++) counts[state.topics.names.indexOf(state.topics.partitions[g].topic)].partitionCount++;
  return counts;
}

/** The global indices of the partitions of `topics`. */
export function partitionsOfTopics(state: GroupModelState, topics: readonly string[]): number[] {
  const out: number[] = [];
  state.topics.partitions.forEach((tp, g) => {
    if (topics.includes(tp.topic)) out.push(g);
  });
  return out;
}

/**
 * CreatePartitions (Admin.createPartitions): one more partition of `topic`, appended to the
 * table. Its log is written like every other partition's (production.ts addPartitionLog), and every group's
 * committed offset for it starts at none (-1).
 */
export function createPartition(state: GroupModelState, topic: string): void {
  assert(state.topics.names.includes(topic), `no topic ${topic}`);
  assert(state.topics.partitions.length < GROUP_LIMITS.partitionsMax, `more than ${GROUP_LIMITS.partitionsMax} partitions`);
  const partition = state.topics.partitions.filter((tp) => tp.topic === topic).length;
  state.topics.partitions.push({ topic, partition });
  state.topics.partitionsAdded++;
  state.partitionCount = state.topics.partitions.length;
  for (const entry of state.store.committed) entry.offsets.push(-1);
  addPartitionLog(state, state.partitionCount - 1);
}
