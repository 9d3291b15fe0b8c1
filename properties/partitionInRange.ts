/**
 * partition-in-range: every send went to a partition that exists: an integer p with
 * 0 <= p < partitionCount, the count its producer saw when it chose p. Every send counts,
 * whatever its outcome. Always guaranteed: Kafka's producer rejects a record for a partition
 * outside the topic before sending it, so none reaches the history.
 */
import type { KmcConfig } from '../model/config.ts';
import type { History } from '../model/history.ts';
import type { Case, Guarantee, HistoryProperty } from './property.ts';

export type PartitionInRangeData = {
  sendId: string;
  process: string;
  value: string;
  key: string | null;
  /** The partition the send went to: negative, too large, or not an integer. */
  partition: number;
  /** Partitions the topic had, as the producer knew it. */
  partitionCount: number;
};

/** "0..2", or "none" when the count allows no partition. */
function rangePhrase(partitionCount: number): string {
  return partitionCount >= 1 ? `0..${Math.ceil(partitionCount) - 1}` : 'none';
}

/** "3 partitions, numbered 0..2", "1 partition, numbered 0..0", "0 partitions". */
function countPhrase(partitionCount: number): string {
  const counted = `${partitionCount} partition${partitionCount === 1 ? '' : 's'}`;
  return partitionCount >= 1 ? `${counted}, numbered ${rangePhrase(partitionCount)}` : counted;
}

function check(history: History, _config: KmcConfig): Case[] {
  const cases: Case[] = [];
  for (let i = 0; i < history.ops.length; i++) {
    const op = history.ops[i];
    if (op.type !== 'send') continue;
    if (Number.isInteger(op.partition) && op.partition >= 0 && op.partition < op.partitionCount) continue;
    const data: PartitionInRangeData = {
      sendId: op.id,
      process: op.process,
      value: op.value,
      key: op.key,
      partition: op.partition,
      partitionCount: op.partitionCount,
    };
    cases.push({
      property: 'partition-in-range',
      summary: `${op.id} (${op.value} by ${op.process}) went to partition ${op.partition} of ${op.partitionCount} (valid: ${rangePhrase(op.partitionCount)})`,
      data,
    });
  }
  return cases;
}

function explain(c: Case): string {
  const d = c.data as PartitionInRangeData;
  const key = d.key === null ? 'no key' : `key ${JSON.stringify(d.key)}`;
  const why = Number.isInteger(d.partition) ? 'outside the topic' : 'not an integer';
  return (
    `Let S = the send of ${d.value} with ${key} (${d.sendId} by ${d.process}). ${d.process} saw ${countPhrase(d.partitionCount)}, ` +
    `yet S went to partition ${d.partition}, which is ${why}. ` +
    `A partition must be an integer from 0 to the partition count minus 1: partition out of range.`
  );
}

export const partitionInRange: HistoryProperty = {
  kind: 'history',
  name: 'partition-in-range',
  doc: 'Every send goes to an integer partition p with 0 <= p < the partition count its producer saw.',
  guaranteedWhen(_config: KmcConfig): Guarantee {
    return { guaranteed: true };
  },
  check,
  explain,
};
