/**
 * The two ways kmc exercises a partitioner, shared by the plugin worker thread and the in-process
 * handle for built-ins: raw `partition()` calls (contract checks) and sends through the
 * producer-shaped driver (load statistics).
 */
import type { ClusterView, Partitioner, PartitionerRecord } from '../../model/partitioners/types.ts';
import { callOnNewBatch, callPartition, isViolation, type CallOutcome, type CallViolation } from './callGuard.ts';
import { SendDriver } from './sendDriver.ts';

/** A call that never came back (hang) or took its thread down; `index` is the record's index. */
export interface Interruption {
  index: number;
  violation: CallViolation;
}

export interface CallsResult {
  /** One outcome per record, up to the interruption if any. */
  outcomes: CallOutcome[];
  interruption: Interruption | null;
}

export interface SendsResult {
  /** The partition of each record sent before the first failure. */
  partitions: number[];
  /** The first record the partitioner failed on (its rule), or null. */
  failure: Interruption | null;
}

export interface RunCallsOptions {
  /** After each call that returned a valid partition, call onNewBatch(topic, cluster, partition) as if it opened a batch. */
  callOnNewBatch: boolean;
  /** Called with the record index before each call into partitioner code. */
  onCall?: (index: number) => void;
}

export function runCalls(partitioner: Partitioner, records: readonly PartitionerRecord[], cluster: ClusterView, options: RunCallsOptions): CallsResult {
  const outcomes: CallOutcome[] = [];
  const onCall = options.onCall ?? (() => undefined);
  for (let index = 0; index < records.length; index++) {
    const record = records[index];
    onCall(index);
    let outcome = callPartition(partitioner, record, cluster);
    if (!isViolation(outcome) && options.callOnNewBatch) {
      onCall(index);
      outcome = callOnNewBatch(partitioner, record.topic, cluster, outcome) ?? outcome;
    }
    outcomes.push(outcome);
  }
  return { outcomes, interruption: null };
}

export interface RunSendsOptions {
  batchSizeBytes?: number;
  onCall?: (index: number) => void;
}

/** Sends the records in order through a fresh driver; stops at the first violation. */
export function runSends(partitioner: Partitioner, records: readonly PartitionerRecord[], cluster: ClusterView, options: RunSendsOptions = {}): SendsResult {
  let index = 0;
  const onCall = options.onCall ?? (() => undefined);
  const driver = new SendDriver(partitioner, { batchSizeBytes: options.batchSizeBytes, onCall: () => onCall(index) });
  const partitions: number[] = [];
  for (; index < records.length; index++) {
    const outcome = driver.send(records[index], cluster);
    if (isViolation(outcome)) return { partitions, failure: { index, violation: outcome } };
    partitions.push(outcome);
  }
  return { partitions, failure: null };
}
