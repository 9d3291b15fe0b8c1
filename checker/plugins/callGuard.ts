/**
 * Calls a partitioner with every outcome caught: a throw, a Promise, a non-integer, a negative or
 * an out-of-range partition become a `CallViolation` naming the rule broken. Used in the plugin
 * worker thread and in process for built-ins.
 */
import type { ClusterView, Partitioner, PartitionerRecord } from '../../model/partitioners/types.ts';
import { describeThrown } from './loadModule.ts';

/** The partitioner contract, one name per rule (check-partitioner reports them). */
export const CONTRACT_RULES = ['no-throw', 'returns-in-time', 'integer', 'non-negative', 'in-range', 'deterministic', 'explicit-partition'] as const;
export type ContractRule = (typeof CONTRACT_RULES)[number];

/** One line per rule, for reports. */
export const CONTRACT_RULE_DOCS: Record<ContractRule, string> = {
  'no-throw': 'partition() and onNewBatch() must not throw',
  'returns-in-time': 'partition() must return synchronously, within the time bound',
  integer: 'partition() must return an integer',
  'non-negative': 'partition() must not return a negative partition',
  'in-range': 'partition() must return a partition below the partition count',
  deterministic: 'a keyed record must get the same partition while the partition count is unchanged',
  'explicit-partition': "a KafkaJS partitioner must return the message's explicit partition (KafkaJS sends where the partitioner says)",
};

export interface CallViolation {
  rule: ContractRule;
  detail: string;
}

/** A partition, or the rule the call broke. */
export type CallOutcome = number | CallViolation;

export function isViolation(outcome: CallOutcome): outcome is CallViolation {
  return typeof outcome !== 'number';
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'bigint') return `the bigint ${value}n`;
  if (typeof value === 'function') return 'a function';
  if (Array.isArray(value)) return 'an array';
  return `a value of type ${typeof value}`;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

/** Judges what partition() returned against a topic of `partitionCount` partitions. */
export function judgePartitionResult(value: unknown, partitionCount: number): CallOutcome {
  if (isThenable(value)) {
    // Swallow the eventual settlement so an abandoned rejection cannot crash the thread.
    Promise.resolve(value).catch(() => undefined);
    return { rule: 'returns-in-time', detail: 'returned a Promise: producers call partitioners synchronously (Java and KafkaJS), so it never returns a partition' };
  }
  if (typeof value !== 'number' || !Number.isInteger(value)) return { rule: 'integer', detail: `returned ${describeValue(value)}, not an integer` };
  if (value < 0) return { rule: 'non-negative', detail: `returned ${value}, a negative partition` };
  if (value >= partitionCount) {
    return { rule: 'in-range', detail: `returned ${value}, but the topic has ${partitionCount} partition${partitionCount === 1 ? '' : 's'} (0..${partitionCount - 1})` };
  }
  return value === 0 ? 0 : value; // -0 → 0
}

/** Calls partition() and judges the result. */
export function callPartition(partitioner: Partitioner, record: PartitionerRecord, cluster: ClusterView): CallOutcome {
  let value: unknown;
  try {
    value = partitioner.partition(record, cluster);
  } catch (thrown) {
    return { rule: 'no-throw', detail: `partition() threw: ${describeThrown(thrown)}` };
  }
  return judgePartitionResult(value, cluster.partitionCount);
}

/** Calls onNewBatch() if the partitioner has one; null when it returned (or there is none). */
export function callOnNewBatch(partitioner: Partitioner, topic: string, cluster: ClusterView, prevPartition: number): CallViolation | null {
  if (typeof partitioner.onNewBatch !== 'function') return null;
  try {
    const value: unknown = partitioner.onNewBatch(topic, cluster, prevPartition);
    if (isThenable(value)) Promise.resolve(value).catch(() => undefined);
  } catch (thrown) {
    return { rule: 'no-throw', detail: `onNewBatch(${JSON.stringify(topic)}, cluster, ${prevPartition}) threw: ${describeThrown(thrown)}` };
  }
  return null;
}
