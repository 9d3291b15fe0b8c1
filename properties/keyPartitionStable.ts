/**
 * key-partition-stable: every send of one key, from any producer, went to the same partition
 * while the producers saw the same partition count. Kafka's key partitioners hash the key
 * (`toPositive(murmur2(keyBytes)) % partitionCount`), so the count alone decides; when it grows,
 * keys may move, which is why sends are compared only at one count. Sends with a null key are
 * spread by the sticky or round-robin partitioners and are ignored. Every send counts, whatever
 * its outcome: the partition was chosen before the request went out.
 *
 * Guaranteed unless the partitioner ignores keys (partitioner.class=round-robin, or
 * partitioner.ignore.keys). A plugin's choices (model.partition.plan) are judged by it: that is
 * how kmc check-partitioner catches a partitioner that scatters a key.
 */
import type { KmcConfig } from '../model/config.ts';
import type { History, SendOp } from '../model/history.ts';
import type { Case, Guarantee, HistoryProperty } from './property.ts';
import { listPhrase } from './prose.ts';
import { keysIgnoredBecause } from './keysIgnored.ts';

/** A keyed send, as a case stores it. */
export type KeyedSendRef = { sendId: string; process: string; value: string; partition: number };

export type KeyPartitionStableData = {
  key: string;
  partitionCount: number;
  /** The first send of the key at this partition count, in history order. */
  first: KeyedSendRef;
  /** The first send of the key at this count to a partition other than `first`'s. */
  other: KeyedSendRef;
  /** Every partition the key went to at this count, ascending. */
  partitions: number[];
  /** Sends of the key at this count. */
  sends: number;
};

type Entry = { first: SendOp; other: SendOp | null; partitions: Set<number>; sends: number };

function keyedRef(send: SendOp): KeyedSendRef {
  return { sendId: send.id, process: send.process, value: send.value, partition: send.partition };
}

function check(history: History, _config: KmcConfig): Case[] {
  /** Outer key: the record key; inner key: the partition count. Both keep history order. */
  const byKey = new Map<string, Map<number, Entry>>();
  for (let i = 0; i < history.ops.length; i++) {
    const op = history.ops[i];
    if (op.type !== 'send' || op.key === null) continue;
    let byCount = byKey.get(op.key);
    if (byCount === undefined) {
      byCount = new Map();
      byKey.set(op.key, byCount);
    }
    const entry = byCount.get(op.partitionCount);
    if (entry === undefined) {
      byCount.set(op.partitionCount, { first: op, other: null, partitions: new Set([op.partition]), sends: 1 });
      continue;
    }
    entry.sends++;
    entry.partitions.add(op.partition);
    if (entry.other === null && op.partition !== entry.first.partition) entry.other = op;
  }
  const cases: Case[] = [];
  for (const [key, byCount] of byKey) {
    for (const [partitionCount, entry] of byCount) {
      if (entry.other === null) continue;
      const data: KeyPartitionStableData = {
        key,
        partitionCount,
        first: keyedRef(entry.first),
        other: keyedRef(entry.other),
        partitions: [...entry.partitions].sort((a, b) => a - b),
        sends: entry.sends,
      };
      cases.push({
        property: 'key-partition-stable',
        summary:
          `key ${JSON.stringify(key)} went to p${data.first.partition} (${data.first.sendId}) and p${data.other.partition} (${data.other.sendId}) ` +
          `while the topic had ${partitionCount} partitions`,
        data,
      });
    }
  }
  return cases;
}

function explain(c: Case): string {
  const d = c.data as KeyPartitionStableData;
  const key = JSON.stringify(d.key);
  let text =
    `Let A = the send of ${d.first.value} with key ${key} (${d.first.sendId} by ${d.first.process}), which went to partition ${d.first.partition}, ` +
    `and B = the send of ${d.other.value} with the same key (${d.other.sendId} by ${d.other.process}), which went to partition ${d.other.partition}. ` +
    `Both sends saw the topic with ${d.partitionCount} partitions.`;
  if (d.partitions.length > 2) text += ` In all, the ${d.sends} sends of key ${key} at that count went to partitions ${listPhrase(d.partitions)}.`;
  return `${text} While the partition count is unchanged, a key's records go to one partition, yet key ${key} went to more than one: its partition is not stable.`;
}

export const keyPartitionStable: HistoryProperty = {
  kind: 'history',
  name: 'key-partition-stable',
  doc: 'Sends with the same key go to the same partition while the partition count they saw is the same.',
  guaranteedWhen(config: KmcConfig): Guarantee {
    const ignored = keysIgnoredBecause(config);
    return ignored === null ? { guaranteed: true } : { guaranteed: false, because: ignored };
  },
  check,
  explain,
};
