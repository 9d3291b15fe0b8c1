/**
 * A broken partitioner rule as data: which rule, which plugin, on which input, and what happened.
 * Inputs are rendered so a user can rebuild the record: UTF-8 keys as JSON strings, other bytes
 * as hex.
 */
import type { ClusterView, PartitionerRecord } from '../../model/partitioners/types.ts';
import { CONTRACT_RULE_DOCS, type ContractRule } from '../plugins/callGuard.ts';

export interface FindingInput {
  topic: string;
  /** `"text"` for a UTF-8 key (`""` when empty), `0x…` for other bytes, null for no key. */
  key: string | null;
  value: string | null;
  /** The explicit partition, or null. */
  partition: number | null;
  partitionCount: number;
  partitionsWithoutLeader: number[];
}

export interface ContractFinding {
  rule: ContractRule;
  /** The plugin's name (its `name`, else its file name). */
  plugin: string;
  /** The module path as given; null for a built-in. */
  module: string | null;
  input: FindingInput;
  detail: string;
}

const BYTES_SHOWN_MAX = 64;
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Renders bytes for a report: JSON string when printable UTF-8, else 0x hex. */
export function describeBytes(bytes: Uint8Array | null): string | null {
  if (bytes === null) return null;
  const shown = bytes.length > BYTES_SHOWN_MAX ? bytes.subarray(0, BYTES_SHOWN_MAX) : bytes;
  const suffix = bytes.length > BYTES_SHOWN_MAX ? `…(${bytes.length} bytes)` : '';
  try {
    const text = UTF8.decode(shown);
    // eslint-disable-next-line no-control-regex
    if (!/[\u0000-\u001f\u007f-\u009f]/.test(text)) return JSON.stringify(text) + suffix;
  } catch {
    // not UTF-8: hex below
  }
  return `0x${Array.from(shown, (b) => b.toString(16).padStart(2, '0')).join('')}${suffix}`;
}

export function findingInput(record: PartitionerRecord, cluster: ClusterView): FindingInput {
  const led = new Set(cluster.availablePartitions);
  return {
    topic: record.topic,
    key: describeBytes(record.key),
    value: describeBytes(record.value),
    partition: record.partition ?? null,
    partitionCount: cluster.partitionCount,
    partitionsWithoutLeader: cluster.partitions.map((p) => p.partition).filter((p) => !led.has(p)),
  };
}

/** One finding as prose: plugin, rule, what happened, on which input. */
export function formatContractFinding(finding: ContractFinding): string {
  const input = finding.input;
  const key = input.key === null ? 'no key' : `key ${input.key}`;
  const explicit = input.partition === null ? 'no explicit partition' : `explicit partition ${input.partition}`;
  const leaderless = input.partitionsWithoutLeader.length === 0 ? 'all with a leader' : `${input.partitionsWithoutLeader.join(', ')} without a leader`;
  return [
    `${finding.plugin}: broke "${finding.rule}" (${CONTRACT_RULE_DOCS[finding.rule]})`,
    `  ${finding.detail}`,
    `  input: topic ${JSON.stringify(input.topic)} with ${input.partitionCount} partition${input.partitionCount === 1 ? '' : 's'} (${leaderless}); record with ${key}, value ${input.value ?? 'null'}, ${explicit}`,
  ].join('\n');
}
