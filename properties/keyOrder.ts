/**
 * key-order: all records with one key land in one partition, so every consumer reads them in the
 * order they were written. Kafka orders records within a partition only; a key's records stay in
 * one partition because key partitioners hash the key modulo the partition count, so adding
 * partitions moves keys (KAFKA.md: "Adding partitions changes hash(key) % P: keyed ordering across
 * that change is not guaranteed"), and partitioners that ignore keys spread them. A case names the
 * key, the partitions its records went to, and the partition counts the producers saw.
 */
import type { KmcConfig } from '../model/config.ts';
import type { History, SendOp } from '../model/history.ts';
import { keysIgnoredBecause } from './keysIgnored.ts';
import type { Case, Guarantee, HistoryProperty } from './property.ts';
import { listPhrase } from './prose.ts';

export type KeyOrderData = {
  key: string;
  /** The first send of the key, and the first that went to another partition. */
  first: { sendId: string; value: string; partition: number; partitionCount: number };
  moved: { sendId: string; value: string; partition: number; partitionCount: number };
  partitions: number[];
  partitionCounts: number[];
};

const ref = (send: SendOp) => ({ sendId: send.id, value: send.value, partition: send.partition, partitionCount: send.partitionCount });

function check(history: History, _config: KmcConfig): Case[] {
  const byKey = new Map<string, { first: SendOp; moved: SendOp | null; partitions: Set<number>; counts: Set<number> }>();
  for (const op of history.ops) {
    if (op.type !== 'send' || op.key === null) continue;
    const entry = byKey.get(op.key);
    if (entry === undefined) {
      byKey.set(op.key, { first: op, moved: null, partitions: new Set([op.partition]), counts: new Set([op.partitionCount]) });
      continue;
    }
    entry.partitions.add(op.partition);
    entry.counts.add(op.partitionCount);
    if (entry.moved === null && op.partition !== entry.first.partition) entry.moved = op;
  }
  const cases: Case[] = [];
  for (const [key, entry] of byKey) {
    if (entry.moved === null) continue;
    const partitions = [...entry.partitions].sort((a, b) => a - b);
    const data: KeyOrderData = { key, first: ref(entry.first), moved: ref(entry.moved), partitions, partitionCounts: [...entry.counts].sort((a, b) => a - b) };
    cases.push({ property: 'key-order', summary: `key ${key} went to partitions ${partitions.join(', ')}`, data });
  }
  return cases;
}

function explain(c: Case): string {
  const d = c.data as KeyOrderData;
  const counts = d.partitionCounts.length > 1 ? ` The producers saw ${listPhrase(d.partitionCounts.map(String))} partitions as the topic grew, and hash(key) % P changed with P.` : '';
  return (
    `Let F = the send of ${d.first.value} with key ${d.key} to partition ${d.first.partition} (${d.first.sendId}) and M = the later send of ${d.moved.value} with the same key to partition ${d.moved.partition} (${d.moved.sendId}).` +
    ` Kafka orders records only within a partition, so a consumer may read M before F: the key's order is lost across partitions ${listPhrase(d.partitions.map(String))}.${counts}`
  );
}

function guaranteedWhen(config: KmcConfig): Guarantee {
  const reasons: string[] = [];
  if (config['model.faults'].includes('add-partition')) reasons.push('model.faults includes add-partition (hash(key) % P changes when partitions are added)');
  const ignored = keysIgnoredBecause(config);
  if (ignored !== null) reasons.push(ignored);
  return reasons.length ? { guaranteed: false, because: reasons.join(', ') } : { guaranteed: true };
}

export const keyOrder: HistoryProperty = {
  kind: 'history',
  name: 'key-order',
  doc: "All records with one key land in one partition, so consumers read them in the order they were written.",
  guaranteedWhen,
  check,
  explain,
};
