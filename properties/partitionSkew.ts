/**
 * partition-skew: how unevenly the run's records spread over the partitions, reported when the
 * busiest partition got at least PARTITION_SKEW_RATIO_MAX times the mean (max/mean load ratio).
 * Kafka promises no balance: a hot key sends all its records to one partition by design, so this
 * is never a guarantee; it reports what a partitioner does to load.
 */
import type { KmcConfig } from '../model/config.ts';
import type { History } from '../model/history.ts';
import type { Case, Guarantee, HistoryProperty } from './property.ts';

/** The max/mean ratio at which the load counts as skewed. */
export const PARTITION_SKEW_RATIO_MAX = 2;

export type PartitionSkewData = {
  /** Records sent to each partition (of the largest partition count the producers saw). */
  recordsByPartition: number[];
  ratio: number;
  busiest: number;
  /** The key that sent the most records to the busiest partition, or null (unkeyed). */
  hotKey: string | null;
  hotKeyRecords: number;
};

function check(history: History, _config: KmcConfig): Case[] {
  let partitionCount = 0;
  for (const op of history.ops) if (op.type === 'send') partitionCount = Math.max(partitionCount, op.partitionCount);
  if (partitionCount < 2) return [];
  const counts = new Array<number>(partitionCount).fill(0);
  let total = 0;
  for (const op of history.ops) {
    if (op.type !== 'send') continue;
    counts[op.partition]++;
    total++;
  }
  if (total === 0) return [];
  let busiest = 0;
  for (let p = 1; p < partitionCount; p++) if (counts[p] > counts[busiest]) busiest = p;
  const ratio = counts[busiest] / (total / partitionCount);
  if (ratio < PARTITION_SKEW_RATIO_MAX) return [];
  const byKey = new Map<string, number>();
  for (const op of history.ops) if (op.type === 'send' && op.partition === busiest && op.key !== null) byKey.set(op.key, (byKey.get(op.key) ?? 0) + 1);
  let hotKey: string | null = null;
  let hotKeyRecords = 0;
  for (const [key, n] of byKey) if (n > hotKeyRecords) [hotKey, hotKeyRecords] = [key, n];
  const data: PartitionSkewData = { recordsByPartition: counts, ratio: Math.round(ratio * 100) / 100, busiest, hotKey, hotKeyRecords };
  return [{ property: 'partition-skew', summary: `partition ${busiest} got ${counts[busiest]} of ${total} records (max/mean ${data.ratio})`, data }];
}

function explain(c: Case): string {
  const d = c.data as PartitionSkewData;
  const total = d.recordsByPartition.reduce((a, b) => a + b, 0);
  const hot = d.hotKey !== null ? ` Key ${d.hotKey} alone sent ${d.hotKeyRecords} of them: a hot key under a key-hash partitioner stays on one partition.` : '';
  return `Records per partition: ${d.recordsByPartition.map((n, p) => `p${p}=${n}`).join(', ')} (${total} in all). Partition ${d.busiest} carries ${d.ratio} times the mean load.${hot}`;
}

export const partitionSkew: HistoryProperty = {
  kind: 'history',
  name: 'partition-skew',
  informational: true,
  doc: `The busiest partition got at least ${PARTITION_SKEW_RATIO_MAX} times the mean number of records (load skew, which Kafka does not prevent).`,
  guaranteedWhen: (): Guarantee => ({ guaranteed: false, because: 'Kafka does not balance load: keys decide partitions' }),
  check,
  explain,
};
